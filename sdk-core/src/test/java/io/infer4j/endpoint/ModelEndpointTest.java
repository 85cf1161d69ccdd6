package io.infer4j.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.core.error.ServiceUnavailableException;
import io.infer4j.core.error.UnauthorizedException;
import io.infer4j.testsupport.FakeTime;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEndpointTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();
    ModelEndpoint endpoint;

    @BeforeEach
    void setUp() {
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
    void healthReadsStatus() throws Exception {
        server.enqueue(json(200, "{\"status\":\"OK\"}"));

        ModelEndpoint.Health h = endpoint.health();

        assertThat(h.ok()).isTrue();
        assertThat(h.status()).isEqualTo(200);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/svc/health");
    }

    @Test
    void postJsonSendsBodyAndToken() throws Exception {
        server.enqueue(json(200, "{\"predictions\":[0.25]}"));

        JsonNode answer = endpoint.postJson("/predict", Map.of("features", List.of(1.5, 2)));

        assertThat(answer.get("predictions").get(0).asDouble()).isEqualTo(0.25);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/svc/predict");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-abc");
        assertThat(r.getBody().utf8()).isEqualTo("{\"features\":[1.5,2]}");
    }

    @Test
    void postCsvSendsTextCsv() throws Exception {
        server.enqueue(json(200, "[0.1,0.9]"));

        JsonNode answer = endpoint.postCsv("", "a,b\n1,2\n3,4\n");

        assertThat(answer).hasSize(2);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("Content-Type")).startsWith("text/csv");
        assertThat(r.getBody().utf8()).isEqualTo("a,b\n1,2\n3,4\n");
    }

    @Test
    void uploadStreamsAFileAsMultipartAndRetriesOn503(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("image.bin");
        Files.write(file, "PIXELS-ÄÖ".getBytes(StandardCharsets.UTF_8));
        server.enqueue(json(503, "{\"detail\":\"warming up\"}"));
        server.enqueue(json(200, "{\"filename\":\"image.bin\",\"size\":11}"));

        JsonNode answer = endpoint.upload("upload", "file", file, "application/octet-stream");

        assertThat(answer.get("filename").asText()).isEqualTo("image.bin");
        server.takeRequest();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
        String body = r.getBody().utf8();
        assertThat(body).contains("Content-Disposition: form-data; name=\"file\"; filename=\"image.bin\"")
                .contains("PIXELS-ÄÖ");
    }

    @Test
    void streamUploadIsNeverReplayed() {
        server.enqueue(json(503, "{\"detail\":\"warming up\"}"));
        server.enqueue(json(200, "{}"));

        assertThatThrownBy(() -> endpoint.upload("upload", "file", "x.bin",
                new ByteArrayInputStream(new byte[] {1, 2, 3}), "application/octet-stream"))
                .isInstanceOfSatisfying(io.infer4j.core.error.BodyNotReplayableException.class,
                        e -> assertThat(e.failure()).isInstanceOf(ServiceUnavailableException.class));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void unauthorizedSurfacesWithServerDetail() {
        server.enqueue(json(401, "{\"detail\":\"Not authenticated\"}"));

        assertThatThrownBy(() -> endpoint.postJson("predict", Map.of()))
                .isInstanceOfSatisfying(UnauthorizedException.class,
                        e -> assertThat(e.errorMessage()).contains("Not authenticated"))
                .hasMessageNotContaining("tok-abc");
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> ModelEndpoint.builder().build()).isInstanceOf(io.infer4j.core.error.ConfigurationException.class)
                .hasMessageContaining("baseUrl(...)").hasMessageContaining("MODEL_URL");
        assertThatThrownBy(() -> ModelEndpoint.builder().baseUrl("ftp://x")).isInstanceOf(IllegalArgumentException.class);
    }
}
