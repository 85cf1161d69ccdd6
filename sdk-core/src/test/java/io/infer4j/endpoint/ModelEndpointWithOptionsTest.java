package io.infer4j.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.RequestOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.core.error.ClientTimeoutException;
import io.infer4j.core.error.ServiceUnavailableException;
import io.infer4j.testsupport.FakeTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ModelEndpoint.withOptions}: what a view adds reaches every call; the parent keeps its own. */
class ModelEndpointWithOptionsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();
    ModelEndpoint endpoint;

    @BeforeEach
    void setUp() {
        // The default retry policy: a 503 is retried twice.
        endpoint = ModelEndpoint.builder().baseUrl(server.url("/svc").toString())
                .auth(BearerTokenAuth.of("tok-abc")).clock(time).sleeper(time).build();
    }

    @AfterEach
    void tearDown() {
        endpoint.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void aViewsHeadersReachEveryKindOfCallAndNotTheParents(@TempDir Path dir) throws Exception {
        ModelEndpoint tagged = endpoint.withOptions(o -> o.header("X-Request-Id", "r-1"));
        Path file = dir.resolve("x.txt");
        Files.writeString(file, "hello", StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            server.enqueue(json(200, "{\"status\":\"OK\"}"));
        }

        tagged.health();
        tagged.get("info");
        tagged.postJson("predict", Map.of("x", 1));
        tagged.postCsv("", "1,2\n");
        tagged.upload("upload", "file", file, "text/plain");

        for (String path : new String[] {"/svc/health", "/svc/info", "/svc/predict", "/svc/", "/svc/upload"}) {
            RecordedRequest r = server.takeRequest();
            assertThat(r.getUrl().encodedPath()).isEqualTo(path);
            assertThat(r.getHeaders().get("X-Request-Id")).as(path).isEqualTo("r-1");
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-abc");
        }

        server.enqueue(json(200, "{}"));
        endpoint.postJson("predict", Map.of("x", 1));
        assertThat(server.takeRequest().getHeaders().get("X-Request-Id")).isNull();
    }

    @Test
    void aViewsRetryPolicyAndAttemptTimeoutApplyOnlyThroughTheView() {
        ModelEndpoint once = endpoint.withOptions(RequestOptions.builder().retryPolicy(RetryPolicy.NONE).build());
        server.enqueue(json(503, "{\"detail\":\"warming up\"}"));
        assertThatThrownBy(() -> once.health()).isInstanceOf(ServiceUnavailableException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);

        server.enqueue(json(503, "{\"detail\":\"warming up\"}"));
        server.enqueue(json(200, "{\"status\":\"OK\"}"));
        assertThat(endpoint.health().ok()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(3);

        ModelEndpoint hasty = endpoint.withOptions(o -> o.attemptTimeout(Duration.ofMillis(100)).retryPolicy(RetryPolicy.NONE));
        server.enqueue(json(200, "{}").newBuilder().headersDelay(600, TimeUnit.MILLISECONDS).build());
        assertThatThrownBy(() -> hasty.postJson("predict", Map.of())).isInstanceOfSatisfying(ClientTimeoutException.class,
                e -> assertThat(e.kind()).isEqualTo(ClientTimeoutException.Kind.ATTEMPT));
        server.enqueue(json(200, "{}").newBuilder().headersDelay(600, TimeUnit.MILLISECONDS).build());
        assertThat(endpoint.postJson("predict", Map.of())).isEmpty();
    }

    @Test
    void closingAViewLeavesTheEndpointOpenAndClosingTheEndpointEndsItsViews() {
        ModelEndpoint view = endpoint.withOptions(o -> o.header("X-Request-Id", "r-1"));
        assertThat(view.baseUrl()).isEqualTo(endpoint.baseUrl());
        assertThat(view.requestOptions().headers()).containsEntry("X-Request-Id", "r-1");
        assertThat(endpoint.requestOptions()).isSameAs(RequestOptions.NONE);
        view.close();
        server.enqueue(json(200, "{\"status\":\"OK\"}"));
        assertThat(endpoint.health().ok()).isTrue();

        endpoint.close();
        assertThatThrownBy(view::health).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
