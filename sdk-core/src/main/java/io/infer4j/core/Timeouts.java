package io.infer4j.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The three client-side timeouts. {@code connect} bounds establishing a connection; {@code attempt}
 * bounds one HTTP attempt from sending to the last byte of the response; {@code call} bounds the
 * whole operation across all attempts and backoff sleeps. The worst case for a call is therefore
 * {@code call}, not {@code attempts x attempt}.
 *
 * <p>Set client-wide defaults in the client builder and override per request with
 * {@link RequestOptions}. A timeout that fires raises
 * {@link io.infer4j.core.error.ClientTimeoutException} whose {@code kind()} names which one.
 *
 * @param connect connection establishment limit
 * @param attempt limit for a single attempt
 * @param call    limit for the whole call, retries included
 */
public record Timeouts(Duration connect, Duration attempt, Duration call) {

    /** connect 10 s, attempt 45 s (as Wallaroo's {@code WALLAROO_REQUEST_TIMEOUT}), call 3 min. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(45), Duration.ofMinutes(3));

    /** Validates that all three are positive. */
    public Timeouts {
        requirePositive(connect, "connect");
        requirePositive(attempt, "attempt");
        requirePositive(call, "call");
    }

    /** A copy with another connect timeout. */
    public Timeouts withConnect(Duration connect) {
        return new Timeouts(connect, attempt, call);
    }

    /** A copy with another per-attempt timeout. */
    public Timeouts withAttempt(Duration attempt) {
        return new Timeouts(connect, attempt, call);
    }

    /** A copy with another whole-call timeout. */
    public Timeouts withCall(Duration call) {
        return new Timeouts(connect, attempt, call);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, () -> name + " timeout must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive, was " + d);
        }
    }
}
