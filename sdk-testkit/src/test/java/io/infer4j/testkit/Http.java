package io.infer4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Plain OkHttp + Jackson helpers for the testkit's own tests (the SDK clients are not used here). */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final MediaType APPLICATION_JSON = MediaType.get("application/json");
    static final MediaType PANDAS = MediaType.get("application/json; format=pandas-records");

    /** A status, headers and body as read. */
    record Reply(int status, okhttp3.Headers headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    final OkHttpClient client;
    final LocalPlatform platform;

    Http(LocalPlatform platform) {
        this.platform = platform;
        this.client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .readTimeout(Duration.ofSeconds(20)).build();
    }

    Reply send(Request request) {
        try (Response r = client.newCall(request).execute()) {
            return new Reply(r.code(), r.headers(), r.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Password grant through the confidential client (HTTP Basic). */
    JsonNode login() {
        Reply r = token(Map.of("grant_type", "password", "username", platform.user(), "password", platform.password()),
                platform.clientId(), platform.clientSecret());
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r);
        }
        return r.json();
    }

    String accessToken() {
        return login().get("access_token").asText();
    }

    Reply token(Map<String, String> form, String basicUser, String basicSecret) {
        FormBody.Builder b = new FormBody.Builder();
        form.forEach(b::add);
        Request.Builder rb = new Request.Builder().url(platform.tokenUrl()).post(b.build());
        if (basicUser != null) {
            rb.header("Authorization", Credentials.basic(basicUser, basicSecret));
        }
        return send(rb.build());
    }

    Reply mlops(String op, String token, Object body) {
        return postJson(platform.mlopsUrl() + "/" + op, token, body, APPLICATION_JSON);
    }

    Reply postJson(String url, String token, Object body, MediaType type) {
        try {
            Request.Builder rb = new Request.Builder().url(url)
                    .post(RequestBody.create(JSON.writeValueAsBytes(body), type));
            if (token != null) {
                rb.header("Authorization", "Bearer " + token);
            }
            return send(rb.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply get(String url, String token) {
        Request.Builder rb = new Request.Builder().url(url);
        if (token != null) {
            rb.header("Authorization", "Bearer " + token);
        }
        return send(rb.build());
    }
}
