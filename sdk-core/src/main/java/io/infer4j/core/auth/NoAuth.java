package io.infer4j.core.auth;

/** Adds nothing; see {@link AuthProvider#none()}. */
enum NoAuth implements AuthProvider {
    INSTANCE;

    @Override
    public AuthHeaders authHeaders() {
        return AuthHeaders.EMPTY;
    }

    @Override
    public String toString() {
        return "AuthProvider.none()";
    }
}
