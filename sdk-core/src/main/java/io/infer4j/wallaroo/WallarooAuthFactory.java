package io.infer4j.wallaroo;

import io.infer4j.core.auth.AuthProvider;
import java.util.Optional;

/**
 * Service-provider interface through which {@link WallarooClient#fromEnv()} obtains a Keycloak
 * token provider without {@code sdk-core} depending on a JWT library. {@code sdk-auth} registers
 * an implementation in {@code META-INF/services/io.infer4j.wallaroo.WallarooAuthFactory}; put it on
 * the class path and {@code WALLAROO_USER}/{@code WALLAROO_PASSWORD} (or a client id and secret)
 * just work.
 */
public interface WallarooAuthFactory {
    /**
     * A provider that logs in with {@code login}, or empty if this factory cannot handle it.
     * Called once per client; the provider must be thread-safe.
     */
    Optional<AuthProvider> create(WallarooLogin login);
}
