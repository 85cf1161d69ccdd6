package io.infer4j.core.error;

/** HTTP 403: authenticated, but not allowed to do this. */
public class PermissionDeniedException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from the parsed response. */
    public PermissionDeniedException(HttpErrorDetails details) {
        super(details);
    }
}
