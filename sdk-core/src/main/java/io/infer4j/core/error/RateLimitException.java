package io.infer4j.core.error;

import java.time.Duration;
import java.util.Optional;

import io.infer4j.core.internal.RetryAfter;

/** HTTP 429: too many requests. Retried by default, honouring {@code Retry-After}. */
public class RateLimitException extends ServiceException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /** Creates the exception from the parsed response; {@code Retry-After} is read from its headers. */
    public RateLimitException(HttpErrorDetails details) {
        super(details);
        this.retryAfter = RetryAfter.parse(details.headers(), java.time.Instant.now()).orElse(null);
    }

    /** The wait the server asked for in {@code Retry-After} (seconds or HTTP-date), uncapped. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
