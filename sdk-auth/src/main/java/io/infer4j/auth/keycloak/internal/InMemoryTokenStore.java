package io.infer4j.auth.keycloak.internal;

import io.infer4j.auth.keycloak.TokenSet;
import io.infer4j.auth.keycloak.TokenStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link TokenStore#inMemory()}: a concurrent map. */
public final class InMemoryTokenStore implements TokenStore {
    private final ConcurrentMap<String, TokenSet> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<TokenSet> load(String key) {
        return Optional.ofNullable(sessions.get(key));
    }

    @Override
    public void save(String key, TokenSet tokens) {
        sessions.put(key, tokens);
    }

    @Override
    public void remove(String key) {
        sessions.remove(key);
    }

    @Override
    public String toString() {
        return "TokenStore.inMemory()[sessions=" + sessions.size() + "]";
    }
}
