package io.infer4j.core.error;

import java.time.Duration;

/** A client-side timeout fired; {@link #kind()} says which of the three. */
public class ClientTimeoutException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** Which timeout fired. */
    public enum Kind {
        /** Establishing the TCP/TLS connection took too long. */
        CONNECT,
        /** One attempt (send + wait + read) took too long. */
        ATTEMPT,
        /** The whole call, across all its attempts and backoff, took too long. */
        CALL
    }

    private final Kind kind;
    private final transient Duration limit;

    /**
     * Creates the exception.
     *
     * @param kind        which timeout fired
     * @param limit       its configured value
     * @param message     what timed out, naming method and URL
     * @param requestSent whether the request may have reached the server
     * @param cause       the underlying I/O exception, may be {@code null}
     */
    public ClientTimeoutException(Kind kind, Duration limit, String message, boolean requestSent, Throwable cause) {
        super(message, requestSent, cause);
        this.kind = kind;
        this.limit = limit;
    }

    /** Which timeout fired. */
    public Kind kind() {
        return kind;
    }

    /** The configured limit that was exceeded. */
    public Duration limit() {
        return limit;
    }
}
