package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.ConfigEnvironment;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.core.error.DecodeException;
import io.infer4j.omegaml.model.Ping;
import io.infer4j.testsupport.FakeTime;
import io.infer4j.testsupport.LogCapture;
import java.time.LocalDateTime;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OmegaClientTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();
    OmegaClient omega;

    @BeforeEach
    void setUp() {
        omega = OmegaServer.client(server, time, Edition.AUTO);
    }

    @AfterEach
    void tearDown() {
        omega.close();
    }

    @Test
    void pingSendsApiKeyAndQualifierAndReadsServerTime() throws Exception {
        server.enqueue(json(200, "{\"ping\": \"2026-01-02T03:04:05.678901\"}\n"));

        Ping ping = omega.ping();

        assertThat(ping.serverTime()).isEqualTo("2026-01-02T03:04:05.678901");
        assertThat(ping.serverDateTime()).contains(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 678_901_000));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v1/ping");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("ApiKey omops:" + OmegaServer.KEY);
        assertThat(r.getHeaders().get("Qualifier")).isEqualTo("prod");
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void pingThatIsNotAnObjectIsADecodeException() {
        server.enqueue(json(200, "[1]"));

        assertThatThrownBy(omega::ping).isInstanceOf(DecodeException.class).hasMessageContaining("ping");
    }

    @Test
    void baseUrlPathPrefixIsKept() throws Exception {
        try (OmegaClient prefixed = OmegaClient.builder().baseUrl(server.url("/omega/").toString()).build()) {
            server.enqueue(json(200, "{\"ping\": \"x\"}"));
            prefixed.ping();
            assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/omega/api/v1/ping");
        }
    }

    @Test
    void fromEnvPrefersSetterThenSystemPropertyThenEnvironment() throws Exception {
        Map<String, String> env = Map.of("OMEGA_URL", "http://env.invalid/", "OMEGA_USER", "envuser",
                "OMEGA_APIKEY", "envkey", "OMEGA_QUALIFIER", "envq");
        Map<String, String> props = Map.of("omega.url", server.url("/").toString(), "omega.user", "propuser");
        try (OmegaClient c = OmegaClient.builder().fromEnv(ConfigEnvironment.of(env, props)).build()) {
            server.enqueue(json(200, "{\"ping\": \"x\"}"));
            c.ping();
            RecordedRequest r = server.takeRequest();
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("ApiKey propuser:envkey");
            assertThat(r.getHeaders().get("Qualifier")).isEqualTo("envq");
        }
        try (OmegaClient c = OmegaClient.builder().fromEnv(ConfigEnvironment.of(env, Map.of()))
                .baseUrl(server.url("/set/").toString()).build()) {
            server.enqueue(json(200, "{\"ping\": \"x\"}"));
            c.ping();
            assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/set/api/v1/ping");
        }
    }

    @Test
    void fromEnvWithoutKeySendsNoAuthorization() throws Exception {
        Map<String, String> env = Map.of("OMEGA_URL", server.url("/").toString());
        try (OmegaClient c = OmegaClient.builder().fromEnv(ConfigEnvironment.of(env, Map.of())).build()) {
            server.enqueue(json(200, "{\"ping\": \"x\"}"));
            c.ping();
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
        }
    }

    @Test
    void missingOrBadBaseUrlIsAClearError() {
        assertThatThrownBy(() -> OmegaClient.builder().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("baseUrl(...)");
        assertThatThrownBy(() -> OmegaClient.builder().fromEnv(ConfigEnvironment.of(Map.of(), Map.of())).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OMEGA_URL");
        assertThatThrownBy(() -> OmegaClient.builder().baseUrl("ftp://x").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ftp://x");
    }

    @Test
    void apiKeyNeverAppearsInLogsOrToString() throws Exception {
        server.enqueue(json(400, "{\"message\": \"ValueError('bad') [Error ID: 1b2c]\"}"));
        try (LogCapture logs = LogCapture.start()) {
            assertThatThrownBy(omega::ping).hasMessageNotContaining(OmegaServer.KEY);
            assertThat(logs.text()).doesNotContain(OmegaServer.KEY);
        }
        assertThat(omega.toString()).doesNotContain(OmegaServer.KEY);
    }

    @Test
    void objectNamesAreEncodedAndDotSegmentsRefused() throws Exception {
        server.enqueue(json(200, "{\"model\": \"p/q r@v1\", \"result\": {\"name\": \"p/q r@v1\"}}"));

        omega.models().metadata("p/q r@v1");

        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/model/p/q%20r@v1/");
        assertThatThrownBy(() -> omega.models().metadata("a/../b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> omega.models().metadata(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closedClientRefusesCalls() {
        omega.close();
        assertThatThrownBy(omega::ping).isInstanceOf(IllegalStateException.class);
    }
}
