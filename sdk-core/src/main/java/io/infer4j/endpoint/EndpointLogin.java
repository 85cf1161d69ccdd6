package io.infer4j.endpoint;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The OAuth2 client-credentials settings {@link ModelEndpoint#fromEnv()} resolved, handed to an
 * {@link EndpointAuthFactory}. The secret never appears in {@link #toString()}.
 *
 * @param tokenUrl     the token endpoint, e.g. {@code https://kc.example.com/realms/models/protocol/openid-connect/token}
 * @param clientId     the OAuth2 client
 * @param clientSecret its secret
 * @param scope        the scope to ask for, or {@code null}
 * @param httpClient   the endpoint's HTTP client, to share its connection pool for token calls
 * @param clock        the endpoint's clock, for token expiry
 */
public record EndpointLogin(URI tokenUrl, String clientId, String clientSecret, String scope,
                            OkHttpClient httpClient, Clock clock) {
    /** Validates the required fields. */
    public EndpointLogin {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String toString() {
        return "EndpointLogin[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***, scope=" + scope + "]";
    }
}
