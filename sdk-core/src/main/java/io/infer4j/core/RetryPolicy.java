package io.infer4j.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many times, and how long apart, a failed attempt is retried. Whether a failure may be
 * retried at all is decided per operation, not per HTTP method (nearly every Wallaroo call is a
 * POST):
 *
 * <ul>
 *   <li>always retried: failures while connecting (the request never reached the server), 429, 503;</li>
 *   <li>retried only for operations marked idempotent: 408, 500, 502, 504 and read timeouts;</li>
 *   <li>never retried: a request body that cannot be replayed (a one-shot stream).</li>
 * </ul>
 *
 * <p>The wait before retry {@code n} (1-based) is full jitter over an exponential ceiling:
 * {@code random(0, min(maxBackoff, initialBackoff * 2^(n-1)))}. A {@code Retry-After} header
 * (seconds or HTTP-date) replaces it, capped at {@code retryAfterCap}.
 */
public final class RetryPolicy {
    /** 2 retries, 0.5 s growing to 8 s, {@code Retry-After} capped at 60 s. */
    public static final RetryPolicy DEFAULT = builder().build();
    /** Never retry. */
    public static final RetryPolicy NONE = builder().maxRetries(0).build();

    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration retryAfterCap;

    private RetryPolicy(Builder b) {
        if (b.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + b.maxRetries);
        }
        this.maxRetries = b.maxRetries;
        this.initialBackoff = nonNegative(b.initialBackoff, "initialBackoff");
        this.maxBackoff = nonNegative(b.maxBackoff, "maxBackoff");
        this.retryAfterCap = nonNegative(b.retryAfterCap, "retryAfterCap");
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        return new Builder().maxRetries(maxRetries).initialBackoff(initialBackoff)
                .maxBackoff(maxBackoff).retryAfterCap(retryAfterCap);
    }

    /** Retries after the first attempt; total attempts are {@code maxRetries + 1}. */
    public int maxRetries() {
        return maxRetries;
    }

    /** Backoff ceiling before the first retry. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Upper bound of the backoff ceiling. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Longest {@code Retry-After} wait honoured. */
    public Duration retryAfterCap() {
        return retryAfterCap;
    }

    /**
     * The wait before retry number {@code retry} (1-based): the server's {@code retryAfter} if
     * given (capped), otherwise full jitter under the exponential ceiling.
     */
    public Duration delayBeforeRetry(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(retryAfterCap) > 0 ? retryAfterCap : retryAfter;
        }
        long ceiling = initialBackoff.toMillis() << Math.min(30, Math.max(0, retry - 1));
        ceiling = Math.min(ceiling, maxBackoff.toMillis());
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", retryAfterCap=" + retryAfterCap + "]";
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return d;
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration retryAfterCap = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Retries after the first attempt (default 2). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** Backoff ceiling before the first retry (default 0.5 s). */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        /** Largest backoff ceiling (default 8 s). */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** Longest {@code Retry-After} honoured (default 60 s). */
        public Builder retryAfterCap(Duration retryAfterCap) {
            this.retryAfterCap = retryAfterCap;
            return this;
        }

        /** The policy. */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
