package io.infer4j.auth.keycloak;

import io.infer4j.core.auth.AuthProvider;
import io.infer4j.endpoint.EndpointAuthFactory;
import io.infer4j.endpoint.EndpointLogin;
import java.util.Optional;

/**
 * Lets {@code ModelEndpoint.fromEnv()} obtain OAuth2 client-credentials tokens when sdk-auth is on
 * the class path ({@code MODEL_TOKEN_URL}, {@code MODEL_CLIENT_ID}, {@code MODEL_CLIENT_SECRET},
 * {@code MODEL_SCOPE}). Registered through {@code META-INF/services}; users never call it directly.
 */
public final class KeycloakEndpointAuthFactory implements EndpointAuthFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public KeycloakEndpointAuthFactory() {
    }

    @Override
    public Optional<AuthProvider> create(EndpointLogin login) {
        KeycloakTokenProvider.Builder b = KeycloakTokenProvider.builder()
                .tokenUrl(login.tokenUrl().toString())
                .clientId(login.clientId())
                .clientSecret(login.clientSecret())
                .clientCredentials()
                .httpClient(login.httpClient())
                .clock(login.clock());
        if (login.scope() != null) {
            b.scope(login.scope());
        }
        return Optional.of(b.build());
    }
}
