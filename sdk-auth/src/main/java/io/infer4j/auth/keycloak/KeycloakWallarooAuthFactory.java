package io.infer4j.auth.keycloak;

import io.infer4j.core.auth.AuthProvider;
import io.infer4j.wallaroo.WallarooAuthFactory;
import io.infer4j.wallaroo.WallarooLogin;
import java.util.Optional;

/**
 * Lets {@code WallarooClient.fromEnv()} log in with Keycloak when sdk-auth is on the class path:
 * a password grant when a user is given, client credentials when only a confidential client is.
 * Registered through {@code META-INF/services}; users never call it directly.
 */
public final class KeycloakWallarooAuthFactory implements WallarooAuthFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public KeycloakWallarooAuthFactory() {
    }

    @Override
    public Optional<AuthProvider> create(WallarooLogin login) {
        KeycloakTokenProvider.Builder b = KeycloakTokenProvider.builder()
                .tokenUrl(login.tokenEndpoint().toString())
                .clientId(login.clientId())
                .httpClient(login.httpClient())
                .clock(login.clock());
        if (login.clientSecret() != null) {
            b.clientSecret(login.clientSecret());
        }
        if (login.username() != null && login.password() != null) {
            b.password(login.username(), login.password());
        } else if (login.clientSecret() != null) {
            b.clientCredentials();
        } else {
            return Optional.empty();
        }
        return Optional.of(b.build());
    }
}
