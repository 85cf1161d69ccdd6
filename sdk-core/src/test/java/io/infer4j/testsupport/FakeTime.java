package io.infer4j.testsupport;

import io.infer4j.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when told to, and a sleeper that advances it instead of sleeping, so
 * retry, backoff, deadline and token-expiry tests never really wait. Thread-safe.
 */
public final class FakeTime extends Clock implements Sleeper {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    /** Starts at 2026-01-01T00:00:00Z. */
    public FakeTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Starts at {@code start}. */
    public FakeTime(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward. */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    /** Records the sleep and advances the clock by it. */
    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    /** Every sleep requested so far, in order. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
