package io.infer4j.omegaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.auth.ApiKeyAuth;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.testsupport.FakeTime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The open-source server reads a task result's {@code resource_uri} only from the JSON body of
 * the {@code GET} (OkHttp cannot send that, and MockWebServer cannot receive it, hence the JDK
 * server here). Without the body it answers 400 {@code {"task_id", "status", "response": null}}.
 */
class OssTaskResultBodyTest {
    HttpServer server;
    final List<String> polls = new CopyOnWriteArrayList<>();
    final List<String> traces = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/model/m/predict", ex -> {
            respond(ex, 202, "{\"model\":\"m\",\"result\":\"pending\",\"resource_uri\":\"/api/v1/model/m/predict\"}",
                    "/api/v1/task/t-1/result");
        });
        server.createContext("/api/v1/task/t-1/result", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            polls.add(ex.getRequestMethod() + " " + body);
            traces.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Trace")));
            if (!body.contains("\"resource_uri\":\"/api/v1/model/m/predict\"")) {
                respond(ex, 400, "{\"task_id\":\"t-1\",\"status\":\"SUCCESS\",\"response\":null}", null);
            } else {
                respond(ex, 200, "{\"task_id\":\"t-1\",\"status\":\"SUCCESS\",\"response\":"
                        + "{\"model\":\"m\",\"result\":[1.5,2.5],\"resource_uri\":\"m\"}}", null);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int code, String json, String location)
            throws java.io.IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (location != null) {
            ex.getResponseHeaders().set("Location", location);
        }
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Test
    void asksAgainWithTheResourceUriInTheBodyAndKeepsDoingSo() {
        FakeTime time = new FakeTime();
        try (OmegaClient omega = OmegaClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .auth(ApiKeyAuth.of("omops", "k")).edition(Edition.AUTO).clock(time).sleeper(time)
                .retryPolicy(RetryPolicy.NONE).build()) {
            var task = omega.models().predictAsync("m", ModelInput.datasets("x"));
            ModelResult first = task.await(Duration.ofSeconds(5));
            ModelResult second = task.await(Duration.ofSeconds(5));

            assertThat(first.asDoubles()).containsExactly(1.5, 2.5);
            assertThat(second.asDoubles()).containsExactly(1.5, 2.5);
        }
        assertThat(polls).hasSize(3);
        assertThat(polls.get(0)).isEqualTo("GET ");
        assertThat(polls.get(1)).isEqualTo("GET {\"resource_uri\":\"/api/v1/model/m/predict\"}");
        assertThat(polls.get(2)).isEqualTo(polls.get(1));
    }

    @Test
    void theGetWithABodyCarriesAClientViewsHeaders() {
        FakeTime time = new FakeTime();
        try (OmegaClient omega = OmegaClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .auth(ApiKeyAuth.of("omops", "k")).edition(Edition.AUTO).clock(time).sleeper(time)
                .retryPolicy(RetryPolicy.NONE).build()) {
            OmegaClient traced = omega.withOptions(o -> o.header("X-Trace", "abc").attemptTimeout(Duration.ofSeconds(7)));
            ModelResult r = traced.models().predictAsync("m", ModelInput.datasets("x")).await(Duration.ofSeconds(5));

            assertThat(r.asDoubles()).containsExactly(1.5, 2.5);
        }
        assertThat(polls.get(1)).startsWith("GET {");
        assertThat(traces).containsExactly("abc", "abc");
    }
}
