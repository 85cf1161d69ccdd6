package io.infer4j.testkit.internal;

/** Thrown by a handler to answer with a prepared (error) response. */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Response response;

    public HttpError(Response response) {
        super("HTTP " + response.status(), null, false, false);
        this.response = response;
    }

    public Response response() {
        return response;
    }
}
