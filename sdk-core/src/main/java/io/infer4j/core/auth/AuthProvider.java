package io.infer4j.core.auth;

/**
 * Supplies the credentials for each HTTP attempt. This is the SPI between the transport and every
 * authentication mode: static bearer tokens, Basic auth and omega-ml API keys live in this package;
 * Keycloak/OIDC providers (password, client credentials, refresh) live in module {@code sdk-auth}.
 *
 * <p>Implementations must be thread-safe: one provider serves every thread of a client, and
 * {@link #authHeaders()} is called once per attempt on the calling thread.
 */
public interface AuthProvider {

    /**
     * The headers to attach to the next attempt. May block (for example while a single-flight
     * token refresh is in progress) and may throw
     * {@link io.infer4j.core.error.AuthenticationException}.
     */
    AuthHeaders authHeaders();

    /**
     * Told that an attempt that carried {@code rejected} came back 401. A refreshing provider
     * invalidates its token if {@code rejected} still holds the current one and returns
     * {@code true}, asking the transport to replay the request once with fresh credentials.
     * Static credentials return {@code false} (the default): the 401 surfaces at once.
     */
    default boolean onUnauthorized(AuthHeaders rejected) {
        return false;
    }

    /** A provider that adds no headers, for unauthenticated endpoints. */
    static AuthProvider none() {
        return NoAuth.INSTANCE;
    }
}
