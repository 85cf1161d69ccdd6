package io.infer4j.core.error;

/** HTTP 400: the server rejected the request as malformed or invalid. */
public class BadRequestException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from the parsed response. */
    public BadRequestException(HttpErrorDetails details) {
        super(details);
    }
}
