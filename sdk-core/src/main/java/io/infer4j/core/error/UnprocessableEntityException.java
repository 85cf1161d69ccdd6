package io.infer4j.core.error;

/** HTTP 422: the request was well-formed but failed validation. */
public class UnprocessableEntityException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from the parsed response. */
    public UnprocessableEntityException(HttpErrorDetails details) {
        super(details);
    }
}
