package io.infer4j.auth.keycloak;

import java.time.Instant;

/**
 * The claims of an access token that callers commonly need, decoded (not verified: the API server
 * verifies the signature). Every field is {@code null} when the claim is absent, and all are absent
 * when the access token is not a JWT.
 *
 * @param subject           {@code sub}: the Keycloak user id (a UUID), or the service account's id
 * @param email             {@code email}
 * @param preferredUsername {@code preferred_username}; {@code service-account-<client>} for client credentials
 * @param issuer            {@code iss}, e.g. {@code https://host/auth/realms/master}
 * @param expiresAt         {@code exp}, on the server's clock
 * @param authorizedParty   {@code azp}: the client the token was issued to
 */
public record TokenClaims(String subject, String email, String preferredUsername, String issuer,
                          Instant expiresAt, String authorizedParty) {
    /** No claims (an opaque access token). */
    public static final TokenClaims NONE = new TokenClaims(null, null, null, null, null, null);
}
