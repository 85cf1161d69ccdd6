package io.infer4j.core.error;

/** HTTP 409: the request conflicts with the resource's current state (e.g. a name already taken). */
public class ConflictException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from the parsed response. */
    public ConflictException(HttpErrorDetails details) {
        super(details);
    }
}
