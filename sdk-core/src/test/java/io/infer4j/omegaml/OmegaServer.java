package io.infer4j.omegaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.auth.ApiKeyAuth;
import io.infer4j.core.internal.Json;
import io.infer4j.testsupport.FakeTime;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Test helpers: an omega client on a MockWebServer with fake time, and JSON response/request shortcuts. */
final class OmegaServer {
    static final String USER = "omops";
    static final String KEY = "k3y-s3cret-42";

    private OmegaServer() {
    }

    static OmegaClient client(MockWebServer server, FakeTime time, Edition edition) {
        return OmegaClient.builder().baseUrl(server.url("/").toString())
                .auth(ApiKeyAuth.builder().user(USER).apiKey(KEY).qualifier("prod").build())
                .edition(edition).clock(time).sleeper(time).retryPolicy(RetryPolicy.NONE).build();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse json(int code, byte[] body) {
        return json(code, new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    static MockResponse accepted(String taskId, String body) {
        return new MockResponse.Builder().code(202).setHeader("Content-Type", "application/json")
                .setHeader("Location", "/api/v1/task/" + taskId + "/result").body(body).build();
    }

    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode tree(byte[] json) {
        return Json.readTree(json, "test");
    }

    static JsonNode body(RecordedRequest r) {
        return r.getBody() == null ? Json.mapper().nullNode() : tree(r.getBody().utf8());
    }

    /** Path plus query as sent, e.g. {@code /api/v1/model/m/predict?datax=x}. */
    static String target(RecordedRequest r) {
        String q = r.getUrl().encodedQuery();
        return r.getUrl().encodedPath() + (q == null ? "" : "?" + q);
    }
}
