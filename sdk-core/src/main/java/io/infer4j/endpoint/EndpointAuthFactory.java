package io.infer4j.endpoint;

import io.infer4j.core.auth.AuthProvider;
import java.util.Optional;

/**
 * Service-provider interface through which {@link ModelEndpoint#fromEnv()} obtains an OAuth2
 * client-credentials token provider without {@code sdk-core} depending on a JWT library.
 * {@code sdk-auth} registers an implementation in
 * {@code META-INF/services/io.infer4j.endpoint.EndpointAuthFactory}; put it on the class path and
 * {@code MODEL_TOKEN_URL}, {@code MODEL_CLIENT_ID} and {@code MODEL_CLIENT_SECRET} just work.
 */
public interface EndpointAuthFactory {
    /**
     * A provider that obtains tokens for {@code login}, or empty if this factory cannot handle it.
     * Called once per endpoint client; the provider must be thread-safe.
     */
    Optional<AuthProvider> create(EndpointLogin login);
}
