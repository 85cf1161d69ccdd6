package io.infer4j.wallaroo;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The Keycloak login settings {@link WallarooClient#fromEnv()} resolved, handed to a
 * {@link WallarooAuthFactory}. Secrets never appear in {@link #toString()}.
 *
 * @param authUrl      Keycloak base, e.g. {@code https://wallaroo.example.com/auth} (single-domain
 *                     layout) or {@code https://x.keycloak.example.com/auth} (legacy layout)
 * @param realm        Keycloak realm ({@code master})
 * @param username     user for the password grant, or {@code null} for client credentials
 * @param password     password for the password grant, or {@code null}
 * @param clientId     OIDC client ({@code sdk-client} by default; {@code api-client} with a secret)
 * @param clientSecret secret of a confidential client, or {@code null}
 * @param httpClient   the client's HTTP client, to share its connection pool for token calls
 * @param clock        the client's clock, for token expiry
 */
public record WallarooLogin(URI authUrl, String realm, String username, String password, String clientId,
                            String clientSecret, OkHttpClient httpClient, Clock clock) {
    /** Validates the required fields. */
    public WallarooLogin {
        Objects.requireNonNull(authUrl, "authUrl");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(clock, "clock");
    }

    /** {@code {authUrl}/realms/{realm}/protocol/openid-connect/token}. */
    public URI tokenEndpoint() {
        String base = authUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token");
    }

    /** The username, when this is a password login. */
    public Optional<String> user() {
        return Optional.ofNullable(username);
    }

    @Override
    public String toString() {
        return "WallarooLogin[authUrl=" + authUrl + ", realm=" + realm + ", username=" + username
                + ", password=" + (password == null ? "null" : "***") + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "null" : "***") + "]";
    }
}
