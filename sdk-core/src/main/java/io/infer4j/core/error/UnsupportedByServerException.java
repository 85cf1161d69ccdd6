package io.infer4j.core.error;

import java.util.Map;

/**
 * The server this client talks to does not offer the requested feature, for example listing
 * datasets on the open-source omega-ml server (only the commercial edition has that endpoint), or
 * any call answered with HTTP 501 Not Implemented.
 *
 * <p>It is a {@link ServiceException} because the server is what lacks the feature. Its
 * {@link #status()} and body are those of the answer that showed it (501, or the 404/405/400 a
 * missing route gave, which is then also the {@linkplain #getCause() cause}); when the client knew
 * before asking, no request was made and {@link #status()} is 0.
 */
public class UnsupportedByServerException extends ServiceException {
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
        super(feature + " is not offered by " + server, detailsOf(cause), cause);
        this.feature = feature;
        this.server = server;
    }

    /** The server answered 501 Not Implemented. */
    public UnsupportedByServerException(HttpErrorDetails details) {
        super(details);
        this.feature = details.method() + " " + details.url();
        this.server = "this server (HTTP " + details.status() + " Not Implemented)";
    }

    private static HttpErrorDetails detailsOf(Throwable cause) {
        return cause instanceof ServiceException answered ? answered.details()
                : new HttpErrorDetails(0, null, null, Map.of(), null, null, null, null, null);
    }

    /** The feature that was asked for (for a 501: the request method and URL). */
    public String feature() {
        return feature;
    }

    /** The server or edition that lacks it. */
    public String server() {
        return server;
    }
}
