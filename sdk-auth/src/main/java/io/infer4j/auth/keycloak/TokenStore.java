package io.infer4j.auth.keycloak;

import io.infer4j.auth.keycloak.internal.InMemoryTokenStore;
import java.util.Optional;

/**
 * Where a {@link KeycloakTokenProvider} keeps its session, under a key that names the token URL,
 * client, user and scope (never a secret). Giving several providers the same store lets them share
 * one session: a provider about to ask the token endpoint first looks in the store, and adopts a
 * token that another provider (or, with {@link FileTokenStore}, another process) obtained meanwhile.
 *
 * <p>Implementations must be thread-safe. The default is {@link #inMemory()}.
 */
public interface TokenStore {

    /** The tokens stored under {@code key}, if any. */
    Optional<TokenSet> load(String key);

    /** Stores {@code tokens} under {@code key}, replacing what was there. */
    void save(String key, TokenSet tokens);

    /** Forgets the tokens under {@code key}. */
    void remove(String key);

    /** A new store that lives in this JVM only; share the instance to share sessions. */
    static TokenStore inMemory() {
        return new InMemoryTokenStore();
    }
}
