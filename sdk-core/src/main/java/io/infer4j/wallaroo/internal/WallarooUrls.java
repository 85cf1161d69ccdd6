package io.infer4j.wallaroo.internal;

import java.net.URI;
import java.util.Arrays;
import okhttp3.HttpUrl;

/**
 * The two Wallaroo URL layouts. Legacy (2022 - 2024.1): API at {@code https://{prefix}.api.{suffix}},
 * Keycloak at {@code https://{prefix}.keycloak.{suffix}/auth}. Single domain (2024.2+): both under
 * one host, Keycloak at {@code {apiUrl}/auth}. Not API.
 */
public final class WallarooUrls {
    private WallarooUrls() {
    }

    /** {@code {apiUrl}/v1/api/}; an apiUrl that already ends in {@code /v1/api} is kept as is. */
    public static HttpUrl apiBase(URI apiUrl) {
        HttpUrl url = parse(apiUrl);
        String path = url.encodedPath().replaceAll("/+$", "");
        if (!path.endsWith("/v1/api")) {
            path = path + "/v1/api";
        }
        return url.newBuilder().encodedPath(path + "/").query(null).fragment(null).build();
    }

    /**
     * The Keycloak base URL for an API URL: {@code .api.} / {@code api.} host label replaced by
     * {@code keycloak} for the legacy layout, otherwise {@code {scheme}://{host}[:port]/auth}.
     */
    public static URI defaultAuthUrl(URI apiUrl) {
        HttpUrl url = parse(apiUrl);
        String[] labels = url.host().split("\\.");
        int api = Arrays.asList(labels).indexOf("api");
        HttpUrl.Builder b = url.newBuilder().encodedPath("/auth").query(null).fragment(null);
        if (api >= 0 && labels.length > api + 1) {
            labels[api] = "keycloak";
            b.host(String.join(".", labels));
        }
        return b.build().uri();
    }

    private static HttpUrl parse(URI apiUrl) {
        HttpUrl url = HttpUrl.parse(apiUrl.toString());
        if (url == null) {
            throw new IllegalArgumentException("Wallaroo API URL must be an absolute http(s) URL, was '" + apiUrl + "'");
        }
        return url;
    }
}
