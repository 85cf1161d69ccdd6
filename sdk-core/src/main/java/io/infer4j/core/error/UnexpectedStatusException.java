package io.infer4j.core.error;

/** A non-2xx status with no more specific exception class (e.g. 405, 413, or a 3xx that was not followed). */
public class UnexpectedStatusException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from the parsed response. */
    public UnexpectedStatusException(HttpErrorDetails details) {
        super(details);
    }
}
