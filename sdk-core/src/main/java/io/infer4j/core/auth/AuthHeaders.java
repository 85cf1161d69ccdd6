package io.infer4j.core.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable set of authentication headers for one attempt, e.g. {@code Authorization: Bearer
 * ...}. Its identity also tells a refreshing {@link AuthProvider} which token a 401 was for.
 * {@link #toString()} never shows header values.
 */
public final class AuthHeaders {
    /** No headers. */
    public static final AuthHeaders EMPTY = new AuthHeaders(Map.of());

    private final Map<String, String> headers;

    private AuthHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    /** A single header. */
    public static AuthHeaders of(String name, String value) {
        return builder().add(name, value).build();
    }

    /** {@code Authorization: Bearer <token>}. */
    public static AuthHeaders bearer(String token) {
        requireText(token, "token");
        return of("Authorization", "Bearer " + token);
    }

    /** A builder for several headers. */
    public static Builder builder() {
        return new Builder();
    }

    /** The headers, in insertion order; unmodifiable. */
    public Map<String, String> asMap() {
        return headers;
    }

    /** The value of one header, or {@code null}. */
    public String get(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthHeaders && ((AuthHeaders) o).headers.equals(headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    /** Header names only; values are secrets. */
    @Override
    public String toString() {
        return "AuthHeaders" + headers.keySet();
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must not contain line breaks");
        }
        return value;
    }

    /** Builds an {@link AuthHeaders}. */
    public static final class Builder {
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a header; names and values must be non-blank and single-line. */
        public Builder add(String name, String value) {
            headers.put(requireText(name, "header name"), Objects.requireNonNull(requireText(value, "value of header " + name)));
            return this;
        }

        /** The immutable result. */
        public AuthHeaders build() {
            return headers.isEmpty() ? EMPTY : new AuthHeaders(Collections.unmodifiableMap(new LinkedHashMap<>(headers)));
        }
    }
}
