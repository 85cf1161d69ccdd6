/**
 * Authentication SPI ({@link io.infer4j.core.auth.AuthProvider}) and the modes that need no JWT
 * library: static bearer tokens, HTTP Basic, and omega-ml API keys. Keycloak/OIDC providers are in
 * module {@code sdk-auth}, package {@code io.infer4j.auth.keycloak}.
 */
package io.infer4j.core.auth;
