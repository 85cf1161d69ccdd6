package io.infer4j.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic authentication ({@code Authorization: Basic base64(user:password)}, UTF-8). */
public final class BasicAuth implements AuthProvider {
    private final String username;
    private final AuthHeaders headers;

    private BasicAuth(String username, String password) {
        AuthHeaders.requireText(username, "username");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("username must not contain ':' (Basic auth separates user and password with it)");
        }
        if (password == null) {
            throw new IllegalArgumentException("password must not be null");
        }
        this.username = username;
        String encoded = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.headers = AuthHeaders.of("Authorization", "Basic " + encoded);
    }

    /** Basic auth for {@code username} / {@code password}. */
    public static BasicAuth of(String username, String password) {
        return new BasicAuth(username, password);
    }

    @Override
    public AuthHeaders authHeaders() {
        return headers;
    }

    @Override
    public String toString() {
        return "BasicAuth[username=" + username + ", password=***]";
    }
}
