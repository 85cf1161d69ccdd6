package io.infer4j.core.error;

/**
 * Root of every exception infer4j throws. All are unchecked: callers catch the subclass they can
 * act on ({@link NotFoundException}, {@link RateLimitException}, {@link DecodeException}, ...) and
 * let the rest propagate.
 *
 * <p>Messages never contain secrets (passwords, client secrets, tokens, API keys).
 */
public class Infer4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private int attempts = 1;

    /** Creates an exception with a message. */
    public Infer4jException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public Infer4jException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * How many HTTP attempts the failed call made before giving up (1 when it was not retried).
     * Earlier attempts' failures are attached as {@linkplain #getSuppressed() suppressed} exceptions.
     */
    public int attempts() {
        return attempts;
    }

    /** Records the attempt count; set by the transport when it gives up. Not for users. */
    public void recordAttempts(int attempts) {
        this.attempts = Math.max(1, attempts);
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        return attempts > 1 ? message + " (after " + attempts + " attempts)" : message;
    }
}
