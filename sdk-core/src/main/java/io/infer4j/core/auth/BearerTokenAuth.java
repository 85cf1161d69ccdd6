package io.infer4j.core.auth;

/**
 * A static bearer token: {@code Authorization: Bearer <token>}. For tokens obtained elsewhere
 * (a CI secret, a token minted by another service). It cannot refresh, so a 401 surfaces at once;
 * use {@code KeycloakTokenProvider} from {@code sdk-auth} for tokens that expire.
 */
public final class BearerTokenAuth implements AuthProvider {
    private final AuthHeaders headers;

    private BearerTokenAuth(String token) {
        this.headers = AuthHeaders.bearer(token);
    }

    /** Uses {@code token} for every request. */
    public static BearerTokenAuth of(String token) {
        return new BearerTokenAuth(token);
    }

    @Override
    public AuthHeaders authHeaders() {
        return headers;
    }

    @Override
    public String toString() {
        return "BearerTokenAuth[token=***]";
    }
}
