package io.infer4j.core.auth;

import java.util.Objects;

/**
 * omega-ml API-key authentication: {@code Authorization: ApiKey <user>:<key>} plus
 * {@code Qualifier: <qualifier>} (default {@code default}) and, when set, {@code Bucket}.
 * When the key is itself a JWT (three dot-separated base64url parts), omega-ml's own client sends
 * {@code Authorization: Bearer <key>} instead, and so does this one.
 *
 * <pre>{@code
 * AuthProvider auth = ApiKeyAuth.builder().user("omops").apiKey(System.getenv("OMEGA_APIKEY"))
 *         .qualifier("default").build();
 * }</pre>
 */
public final class ApiKeyAuth implements AuthProvider {
    private final String user;
    private final String qualifier;
    private final String bucket;
    private final boolean jwt;
    private final AuthHeaders headers;

    private ApiKeyAuth(Builder b) {
        String key = AuthHeaders.requireText(b.apiKey, "apiKey");
        this.jwt = looksLikeJwt(key);
        this.user = jwt ? b.user : AuthHeaders.requireText(b.user, "user");
        if (!jwt && user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("user must not contain ':'");
        }
        this.qualifier = AuthHeaders.requireText(Objects.requireNonNullElse(b.qualifier, "default"), "qualifier");
        this.bucket = b.bucket;
        AuthHeaders.Builder h = AuthHeaders.builder()
                .add("Authorization", jwt ? "Bearer " + key : "ApiKey " + user + ":" + key)
                .add("Qualifier", qualifier);
        if (bucket != null) {
            h.add("Bucket", bucket);
        }
        this.headers = h.build();
    }

    /** A builder; {@code user} and {@code apiKey} are required (only the key when it is a JWT). */
    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand for {@code builder().user(user).apiKey(apiKey).build()}. */
    public static ApiKeyAuth of(String user, String apiKey) {
        return builder().user(user).apiKey(apiKey).build();
    }

    static boolean looksLikeJwt(String key) {
        String[] parts = key.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return false;
        }
        for (String p : parts) {
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                boolean b64url = Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '=';
                if (!b64url) {
                    return false;
                }
            }
        }
        return parts[0].startsWith("eyJ");
    }

    @Override
    public AuthHeaders authHeaders() {
        return headers;
    }

    /** The qualifier sent in the {@code Qualifier} header. */
    public String qualifier() {
        return qualifier;
    }

    @Override
    public String toString() {
        return "ApiKeyAuth[user=" + user + ", apiKey=***, qualifier=" + qualifier
                + (bucket != null ? ", bucket=" + bucket : "") + (jwt ? ", bearer" : "") + "]";
    }

    /** Builds an {@link ApiKeyAuth}. */
    public static final class Builder {
        private String user;
        private String apiKey;
        private String qualifier;
        private String bucket;

        private Builder() {
        }

        /** The omega-ml user name. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The API key (a secret: never logged or printed). */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The qualifier (tenant/environment); default {@code default}. */
        public Builder qualifier(String qualifier) {
            this.qualifier = qualifier;
            return this;
        }

        /** Optional bucket, sent as the {@code Bucket} header. */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** The provider. */
        public ApiKeyAuth build() {
            return new ApiKeyAuth(this);
        }
    }
}
