package io.infer4j.core;

import java.time.Duration;

/**
 * Waits between retry attempts and polls. Replace it (together with a {@link java.time.Clock})
 * in tests so that backoff is recorded instead of slept.
 */
@FunctionalInterface
public interface Sleeper {
    /** The real sleeper: {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));

    /** Sleeps for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
