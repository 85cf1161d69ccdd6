package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.WallarooTestServer.body;
import static io.infer4j.wallaroo.WallarooTestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.ConfigEnvironment;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.core.error.TaskFailedException;
import io.infer4j.core.error.WaitTimeoutException;
import io.infer4j.testsupport.LogCapture;
import io.infer4j.wallaroo.internal.WallarooUrls;
import io.infer4j.wallaroo.model.Deployment;
import io.infer4j.wallaroo.model.DeploymentStatus;
import io.infer4j.wallaroo.model.ModelVersion;
import io.infer4j.wallaroo.model.Task;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Client construction, URL layouts and the waiters, with this project's own small fixtures. */
class WallarooClientTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final WallarooTestServer.FakeTime time = new WallarooTestServer.FakeTime();
    private WallarooClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void bothUrlLayoutsGiveTheApiBaseAndTheKeycloakUrl() {
        assertThat(WallarooUrls.apiBase(URI.create("https://doc-test.api.example.ninja")).toString())
                .isEqualTo("https://doc-test.api.example.ninja/v1/api/");
        assertThat(WallarooUrls.apiBase(URI.create("https://wallaroo.example.com/v1/api/")).toString())
                .isEqualTo("https://wallaroo.example.com/v1/api/");
        assertThat(WallarooUrls.defaultAuthUrl(URI.create("https://doc-test.api.example.ninja")))
                .isEqualTo(URI.create("https://doc-test.keycloak.example.ninja/auth"));
        assertThat(WallarooUrls.defaultAuthUrl(URI.create("https://api.example.ninja")))
                .isEqualTo(URI.create("https://keycloak.example.ninja/auth"));
        assertThat(WallarooUrls.defaultAuthUrl(URI.create("https://autoscale-uat.wallaroo.dev")))
                .isEqualTo(URI.create("https://autoscale-uat.wallaroo.dev/auth"));
    }

    @Test
    void explicitSetterBeatsSystemPropertyBeatsEnvironment() throws Exception {
        Map<String, String> env = Map.of("WALLAROO_URL", "http://env.invalid", "WALLAROO_TOKEN", "env-token");
        Map<String, String> props = Map.of("wallaroo.url", server.url("/").toString());
        client = WallarooClient.builder().fromEnv(ConfigEnvironment.of(env, props)).build();
        assertThat(client.apiUrl().toString()).startsWith("http://" + server.getHostName());
        server.enqueue(json(200, "{\"workspaces\":[]}"));
        assertThat(client.workspaces().list()).isEmpty();
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer env-token");
        client.close();

        client = WallarooClient.builder().apiUrl("http://explicit.invalid").fromEnv(ConfigEnvironment.of(env, props)).build();
        assertThat(client.apiUrl()).isEqualTo(URI.create("http://explicit.invalid"));
    }

    @Test
    void aKeycloakLoginWithoutSdkAuthFailsClearlyAndNeverShowsThePassword() {
        Map<String, String> env = Map.of("WALLAROO_URL", "https://x.api.example.com", "WALLAROO_USER", "jane",
                "WALLAROO_PASSWORD", "s3cret-pw");
        assertThatThrownBy(() -> WallarooClient.builder().fromEnv(ConfigEnvironment.of(env, Map.of())).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sdk-auth")
                .hasMessageNotContaining("s3cret-pw");
        assertThatThrownBy(() -> WallarooClient.builder().fromEnv(ConfigEnvironment.of(
                Map.of("WALLAROO_URL", "https://x", "WALLAROO_PASSWORD", "pw"), Map.of())).build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).contains("WALLAROO_USER"))
                .hasMessageContaining("WALLAROO_USER");
        assertThatThrownBy(() -> WallarooClient.builder().fromEnv(ConfigEnvironment.of(Map.of(), Map.of())).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WALLAROO_URL");
        WallarooLogin login = new WallarooLogin(URI.create("https://k/auth"), "master", "jane", "s3cret-pw", "api-client",
                "client-secret-1", new okhttp3.OkHttpClient(), time);
        assertThat(login.toString()).doesNotContain("s3cret-pw").doesNotContain("client-secret-1");
        assertThat(login.tokenEndpoint()).isEqualTo(URI.create("https://k/auth/realms/master/protocol/openid-connect/token"));
    }

    @Test
    void waitUntilRunningPollsThrough404AndStartingWithoutRealSleeping() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(404, "{\"msg\":\"Deployment not found\",\"code\":404}"));
        server.enqueue(json(200, "{\"status\":\"Starting\",\"details\":[],\"engines\":[]}"));
        server.enqueue(json(200, "{\"status\":\"Running\",\"details\":null,\"engines\":[{\"info\":{\"name\":\"engine-1\","
                + "\"status\":\"Running\"},\"pipeline_statuses\":{\"pipelines\":[{\"id\":\"p\",\"status\":\"Running\"}]}}]}"));
        DeploymentStatus s = client.pipelines().waitUntilRunning(new Deployment("p", 7, 3), Duration.ofMinutes(1));
        assertThat(s.isRunning()).isTrue();
        assertThat(s.engines().get(0).name()).isEqualTo("engine-1");
        assertThat(s.engines().get(0).pipelines().get(0).status()).isEqualTo("Running");
        assertThat(time.sleeps).hasSize(2);
    }

    @Test
    void waitUntilRunningFailsOnErrorAndTimesOutOnTime() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, "{\"status\":\"Error\",\"details\":[\"image pull failed\"],\"engines\":[]}"));
        assertThatThrownBy(() -> client.pipelines().waitUntilRunning(new Deployment("p", 7, 3), Duration.ofMinutes(1)))
                .isInstanceOf(TaskFailedException.class).hasMessageContaining("image pull failed");
        for (int i = 0; i < 50; i++) {
            server.enqueue(json(200, "{\"status\":\"Starting\"}"));
        }
        long start = time.millis();
        assertThatThrownBy(() -> client.pipelines().waitUntilRunning(new Deployment("p", 7, 3), Duration.ofSeconds(20)))
                .isInstanceOf(WaitTimeoutException.class).hasMessageContaining("Starting");
        assertThat(time.millis() - start).isEqualTo(20_000);
    }

    @Test
    void modelVersionWaiterReturnsReadyAndReportsErrorSummary() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, version(5, "attempting_load_container", null)));
        server.enqueue(json(200, version(5, "ready", null)));
        ModelVersion ready = client.models().versionHandle(5).await(Duration.ofMinutes(5));
        assertThat(ready.status()).isEqualTo("ready");
        assertThat(ready.ref().name()).isEqualTo("m");

        server.enqueue(json(200, version(6, "error", "requires a requirements.txt")));
        assertThatThrownBy(() -> client.models().versionHandle(6).await(Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> {
                    assertThat(e.detail()).contains("requires a requirements.txt");
                    assertThat(e.taskId()).isEqualTo("6");
                });
    }

    @Test
    void aReadyVersionGetsItsModelIdFromTheWorkspacesModelList() throws Exception {
        client = WallarooTestServer.client(server, time);
        String ready = "{\"model_version\":{\"model_version\":{\"name\":\"m\",\"workspace_id\":3,\"id\":9,"
                + "\"status\":\"ready\"},\"config\":null}}";
        // 2023 models/list items carry no versions: the one model named "m" in the workspace owns it.
        server.enqueue(json(200, ready));
        server.enqueue(json(200, "{\"models\":[{\"id\":4,\"name\":\"other\"},{\"id\":5,\"name\":\"m\"}]}"));
        assertThat(client.models().versionHandle(9).await(Duration.ofMinutes(1)).modelId()).isEqualTo(5L);
        assertThat(server.takeRequest().getUrl().encodedPath()).endsWith("/get_version_by_id");
        assertThat(body(server.takeRequest()).get("workspace_id").asLong()).isEqualTo(3);

        // Not listed: left unknown rather than guessed.
        server.enqueue(json(200, ready));
        server.enqueue(json(200, "{\"models\":[{\"id\":4,\"name\":\"other\"}]}"));
        assertThat(client.models().versionHandle(9).await(Duration.ofMinutes(1)).modelId()).isNull();
    }

    @Test
    void versionByIdFallsBackToTheSpecNameOnceAndRemembersIt() throws Exception {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(404, "{\"msg\":\"not found\",\"code\":404}"));
        server.enqueue(json(200, version(9, "ready", null)));
        server.enqueue(json(200, version(9, "ready", null)));
        assertThat(client.models().version(9).id()).isEqualTo(9);
        assertThat(client.models().version(9).id()).isEqualTo(9);
        assertThat(server.takeRequest().getUrl().encodedPath()).endsWith("/get_version_by_id");
        assertThat(server.takeRequest().getUrl().encodedPath()).endsWith("/get_model_version_by_id");
        assertThat(server.takeRequest().getUrl().encodedPath()).endsWith("/get_model_version_by_id");

        WallarooClient other = WallarooTestServer.client(server, time);
        server.enqueue(json(404, "{}"));
        server.enqueue(json(404, "{}"));
        assertThatThrownBy(() -> other.models().version(10)).isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        other.close();
    }

    @Test
    void aStreamedUploadIsNeverResentButAFileUploadIsRetriedOn503() throws Exception {
        client = WallarooTestServer.client(server, time, RetryPolicy.builder().maxRetries(2).build());
        server.enqueue(json(503, "{\"msg\":\"busy\",\"code\":503}"));
        ModelUpload streamed = ModelUpload.builder("m", 1, "onnx")
                .file(new ByteArrayInputStream(new byte[] {1, 2}), "m.onnx").build();
        assertThatThrownBy(() -> client.models().upload(streamed))
                .isInstanceOfSatisfying(io.infer4j.core.error.BodyNotReplayableException.class,
                        e -> assertThat(e.failure()).isInstanceOf(io.infer4j.core.error.ServiceUnavailableException.class));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThatThrownBy(() -> ModelUpload.builder("m", 1, "onnx").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file");
    }

    @Test
    void taskHandleWaitsForSuccessAndMapsWallarooFailureWords() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, task("started")));
        server.enqueue(json(200, task("success")));
        Task done = client.tasks().handle("t1").await(Duration.ofMinutes(1));
        assertThat(done.status()).isEqualTo("success");
        server.enqueue(json(200, task("crash_loop")));
        assertThatThrownBy(() -> client.tasks().handle("t1").await(Duration.ofMinutes(1)))
                .isInstanceOf(TaskFailedException.class).hasMessageContaining("crash_loop");
    }

    @Test
    void nullAndEmptyAnswersAreBothAcceptedAndTheTokenNeverLogged() throws Exception {
        client = WallarooTestServer.client(server, time);
        try (LogCapture logs = LogCapture.start()) {
            server.enqueue(json(200, "null"));
            server.enqueue(json(200, "{}"));
            server.enqueue(new MockResponse.Builder().code(200).build());
            client.pipelines().undeploy(1, 2);
            client.pipelines().undeploy(1, 2);
            client.pipelines().undeploy(1, 2);
            assertThat(body(server.takeRequest()).get("pipeline_id").asLong()).isEqualTo(1);
            assertThat(logs.text()).contains("pipelines.undeploy").doesNotContain(WallarooTestServer.TOKEN);
        }
    }

    @Test
    void specCheckerRejectsWrongTypesAndMissingFields() {
        io.infer4j.testsupport.Contract.dir();
        OpenApiRequestChecker spec = OpenApiRequestChecker.load();
        assertThat(spec.validateJsonRequest("POST", "/v1/api/workspaces/create",
                WallarooTestServer.tree("{\"workspace_name\":5}".getBytes()))).hasSize(1);
        assertThat(spec.validateJsonRequest("POST", "/v1/api/pipelines/create",
                WallarooTestServer.tree("{\"pipeline_id\":\"p\"}".getBytes()))).anyMatch(p -> p.contains("workspace_id"));
        assertThat(spec.validateJsonRequest("POST", "/v1/api/nope", WallarooTestServer.tree("{}".getBytes()))).isNotEmpty();
    }

    @Test
    void logsAreALazyIteratorOverCursorPages() throws Exception {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, "[{\"time\":2,\"out\":{\"y\":[2.0]}},{\"time\":1,\"out\":{\"y\":[1.0]}}]").newBuilder()
                .setHeader("x-iteration-cursor", "c1").setHeader("x-iteration-status", "RecordLimited").build());
        server.enqueue(json(200, "[{\"time\":0,\"out\":{\"y\":[0.0]}}]").newBuilder()
                .setHeader("x-iteration-status", "All").build());
        Iterable<LogPage> logs = client.pipelines().logs(5, "p", 2);
        assertThat(server.getRequestCount()).isZero();
        java.util.List<LogPage> pages = new java.util.ArrayList<>();
        logs.forEach(pages::add);
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).status()).isEqualTo("RecordLimited");
        assertThat(pages.get(0).records().rowCount()).isEqualTo(2);
        assertThat(pages.get(1).cursor()).isNull();
        com.fasterxml.jackson.databind.JsonNode first = body(server.takeRequest());
        assertThat(first.has("cursor")).isFalse();
        assertThat(first.get("page_size").asInt()).isEqualTo(2);
        assertThat(body(server.takeRequest()).get("cursor").asText()).isEqualTo("c1");
        if (io.infer4j.testsupport.Contract.available()) {
            assertThat(OpenApiRequestChecker.load().validateJsonRequest("POST", "/v1/api/pipelines/get_logs", first)).isEmpty();
        }
    }

    private static String version(long id, String status, String error) {
        return "{\"model_version\":{\"model_version\":{\"name\":\"m\",\"id\":" + id + ",\"status\":\"" + status + "\","
                + "\"file_info\":{\"version\":\"v-uuid\",\"sha\":\"abc\",\"file_name\":\"m.onnx\"},\"error_summary\":"
                + (error == null ? "null" : "\"" + error + "\"") + "},\"config\":null}}";
    }

    private static String task(String status) {
        return "{\"id\":\"t1\",\"workspace_id\":1,\"status\":\"" + status + "\",\"killed\":false,\"input_data\":{},"
                + "\"last_runs\":[{\"run_id\":\"r1\",\"status\":\"running\"}]}";
    }
}
