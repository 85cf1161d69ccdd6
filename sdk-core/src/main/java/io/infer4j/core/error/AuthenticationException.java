package io.infer4j.core.error;

import java.util.Optional;

/**
 * Obtaining or refreshing credentials failed: the token endpoint refused the grant (wrong
 * password, disabled user, revoked session, wrong client secret) or answered with something that
 * is not a valid token response. Carries the token endpoint's HTTP status and its OAuth2
 * {@code error} / {@code error_description}; never the password, secret or token.
 */
public class AuthenticationException extends Infer4jException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String errorDescription;

    /**
     * Creates the exception.
     *
     * @param message          what failed (no secrets)
     * @param status           HTTP status of the token endpoint, or 0 if no response was received
     * @param error            OAuth2 {@code error} code such as {@code invalid_grant}, may be null
     * @param errorDescription OAuth2 {@code error_description}, may be null
     * @param cause            underlying exception, may be null
     */
    public AuthenticationException(String message, int status, String error, String errorDescription,
                                   Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
    }

    /** Creates the exception with a message only. */
    public AuthenticationException(String message, Throwable cause) {
        this(message, 0, null, null, cause);
    }

    /** HTTP status of the token endpoint's answer, or 0 if there was none. */
    public int status() {
        return status;
    }

    /** OAuth2 {@code error}, e.g. {@code invalid_grant}, {@code invalid_client}, {@code unauthorized_client}. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** OAuth2 {@code error_description}, e.g. {@code Invalid user credentials}. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }
}
