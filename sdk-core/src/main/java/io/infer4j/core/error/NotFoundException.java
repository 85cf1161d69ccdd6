package io.infer4j.core.error;

/** HTTP 404 (or a server-specific "does not exist" answer): the addressed resource does not exist. */
public class NotFoundException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from the parsed response. */
    public NotFoundException(HttpErrorDetails details) {
        super(details);
    }
}
