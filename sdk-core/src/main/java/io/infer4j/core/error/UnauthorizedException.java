package io.infer4j.core.error;

/** HTTP 401: the credentials were missing, expired or rejected (after one refresh-and-replay when the auth provider could refresh). */
public class UnauthorizedException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from the parsed response. */
    public UnauthorizedException(HttpErrorDetails details) {
        super(details);
    }
}
