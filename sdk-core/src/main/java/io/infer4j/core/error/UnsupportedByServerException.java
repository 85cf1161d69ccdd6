package io.infer4j.core.error;

/**
 * The server this client talks to does not offer the requested feature, for example listing
 * datasets on the open-source omega-ml server (only the commercial edition has that endpoint).
 * Thrown before any request when the client already knows, or after the server answered that the
 * route does not exist (the failed answer is then the {@linkplain #getCause() cause}).
 */
public class UnsupportedByServerException extends Infer4jException {
    private static final long serialVersionUID = 1L;

    private final String feature;
    private final String server;

    /**
     * Creates the exception.
     *
     * @param feature what was asked for, e.g. {@code datasets.list}
     * @param server  which server or edition lacks it, e.g. {@code the open-source omega-ml server}
     * @param cause   the server's answer, or {@code null} if no request was made
     */
    public UnsupportedByServerException(String feature, String server, Throwable cause) {
        super(feature + " is not offered by " + server, cause);
        this.feature = feature;
        this.server = server;
    }

    /** The feature that was asked for. */
    public String feature() {
        return feature;
    }

    /** The server or edition that lacks it. */
    public String server() {
        return server;
    }
}
