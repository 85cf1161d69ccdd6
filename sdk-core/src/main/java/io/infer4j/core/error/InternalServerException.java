package io.infer4j.core.error;

/** An HTTP 5xx status other than 503: the server failed. */
public class InternalServerException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from the parsed response. */
    public InternalServerException(HttpErrorDetails details) {
        super(details);
    }
}
