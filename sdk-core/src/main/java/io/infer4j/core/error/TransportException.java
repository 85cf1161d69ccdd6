package io.infer4j.core.error;

/**
 * The request could not be completed at the network level: connection refused or reset, DNS
 * failure, TLS failure, or the connection dropped before a response arrived. Timeouts are the
 * subclass {@link ClientTimeoutException}.
 */
public class TransportException extends Infer4jException {
    private static final long serialVersionUID = 1L;

    private final boolean requestSent;

    /**
     * Creates the exception.
     *
     * @param message     what failed, naming method and URL
     * @param requestSent whether the request may have reached the server (false: it certainly did not)
     * @param cause       the underlying I/O exception
     */
    public TransportException(String message, boolean requestSent, Throwable cause) {
        super(message, cause);
        this.requestSent = requestSent;
    }

    /**
     * Whether the request may have reached the server. {@code false} means the failure happened
     * while connecting, so the server certainly did not act on it.
     */
    public boolean requestSent() {
        return requestSent;
    }
}
