/**
 * Keycloak / OpenID Connect tokens for infer4j clients: {@link io.infer4j.auth.keycloak.KeycloakTokenProvider}
 * (password, client credentials and refresh-token grants, proactive single-flight refresh, 401 replay),
 * the decoded {@link io.infer4j.auth.keycloak.TokenClaims}, and {@link io.infer4j.auth.keycloak.TokenStore}s
 * that let several clients or processes share one session.
 */
package io.infer4j.auth.keycloak;
