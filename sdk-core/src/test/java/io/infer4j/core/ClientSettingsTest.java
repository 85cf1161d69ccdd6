package io.infer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.ClientTimeoutException;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.endpoint.ModelEndpoint;
import io.infer4j.omegaml.Edition;
import io.infer4j.omegaml.OmegaClient;
import io.infer4j.wallaroo.WallarooClient;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three builders read the same chain: builder call, system property, environment variable,
 * profile, default. Everything is injected: no real environment, no real home directory.
 */
class ClientSettingsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    @TempDir
    Path dir;

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    private Path profiles(String content) throws IOException {
        Path f = dir.resolve("config.properties");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void wallarooTakesEachSettingFromTheFirstPlaceThatHasIt() throws Exception {
        String url = server.url("/").toString();
        Path file = profiles("wallaroo.url=http://profile.invalid\nwallaroo.token=profile-token\n"
                + "staging.wallaroo.url=" + url + "\nstaging.wallaroo.token=staging-token\n");
        ConfigEnvironment env = ConfigEnvironment.of(
                Map.of("INFER4J_CONFIG_FILE", file.toString(), "INFER4J_PROFILE", "staging"), Map.of());
        try (WallarooClient w = WallarooClient.builder().fromEnv(env).build()) {
            server.enqueue(json("{\"workspaces\":[]}"));
            w.workspaces().list();
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer staging-token");
        }

        ConfigEnvironment envWins = ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", file.toString(),
                "WALLAROO_URL", url, "WALLAROO_TOKEN", "env-token"), Map.of("wallaroo.token", "property-token"));
        try (WallarooClient w = WallarooClient.builder().fromEnv(envWins).build()) {
            server.enqueue(json("{\"workspaces\":[]}"));
            w.workspaces().list();
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer property-token");
        }

        // A builder call wins over everything, whether it comes before or after fromEnv().
        try (WallarooClient w = WallarooClient.builder().auth(io.infer4j.core.auth.BearerTokenAuth.of("explicit-token"))
                .fromEnv(envWins).build()) {
            server.enqueue(json("{\"workspaces\":[]}"));
            w.workspaces().list();
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer explicit-token");
        }
    }

    @Test
    void omegaReadsUrlKeyQualifierEditionAndTimeoutFromTheChain() throws Exception {
        Path file = profiles("omega.url=" + server.url("/").toString() + "\nomega.user=omops\nomega.apikey=profile-key\n"
                + "omega.edition=commercial\n");
        ConfigEnvironment env = ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", file.toString(),
                "OMEGA_QUALIFIER", "prod"), Map.of("omega.requestTimeout", "0.2"));
        // No retries: a retried attempt would leave MockWebServer waiting for a response no one enqueues.
        try (OmegaClient omega = OmegaClient.builder().fromEnv(env).retryPolicy(RetryPolicy.NONE).build()) {
            assertThat(omega.edition()).isEqualTo(Edition.COMMERCIAL);
            server.enqueue(json("{\"ping\": \"x\"}"));
            omega.ping();
            RecordedRequest r = server.takeRequest();
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("ApiKey omops:profile-key");
            assertThat(r.getHeaders().get("Qualifier")).isEqualTo("prod");

            server.enqueue(json("{\"ping\": \"x\"}").newBuilder().headersDelay(800, TimeUnit.MILLISECONDS).build());
            assertThatThrownBy(omega::ping).isInstanceOfSatisfying(ClientTimeoutException.class,
                    e -> assertThat(e.limit()).isEqualTo(Duration.ofMillis(200)));
        }
        // timeouts(...) on the builder wins over OMEGA_REQUEST_TIMEOUT.
        try (OmegaClient omega = OmegaClient.builder().fromEnv(env).timeouts(Timeouts.DEFAULT).build()) {
            server.enqueue(json("{\"ping\": \"x\"}").newBuilder().headersDelay(400, TimeUnit.MILLISECONDS).build());
            omega.ping();
        }
        assertThatThrownBy(() -> OmegaClient.builder().fromEnv(ConfigEnvironment.of(
                Map.of("OMEGA_URL", "http://x", "OMEGA_EDITION", "enterprise"), Map.of())).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("OMEGA_EDITION (from environment variable OMEGA_EDITION) must be AUTO, OPEN_SOURCE or"
                        + " COMMERCIAL, was 'enterprise'");
    }

    @Test
    void modelEndpointFromEnvSendsTheTokenOrTheApiKeyInItsHeader() throws Exception {
        String url = server.url("/svc").toString();
        try (ModelEndpoint m = ModelEndpoint.builder().fromEnv(ConfigEnvironment.of(Map.of("MODEL_URL", url,
                "MODEL_TOKEN", "tok-1", "MODEL_API_KEY", "key-1", "MODEL_HEALTH_PATH", "ready"), Map.of())).build()) {
            server.enqueue(json("{\"status\":\"OK\"}"));
            assertThat(m.health().ok()).isTrue();
            RecordedRequest r = server.takeRequest();
            assertThat(r.getUrl().encodedPath()).isEqualTo("/svc/ready");
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
            assertThat(r.getHeaders().get("x-api-key")).isNull();
        }
        try (ModelEndpoint m = ModelEndpoint.builder().fromEnv(ConfigEnvironment.of(Map.of("MODEL_URL", url,
                "MODEL_API_KEY", "key-1"), Map.of())).build()) {
            server.enqueue(json("{}"));
            m.postCsv("", "1,2\n");
            assertThat(server.takeRequest().getHeaders().get("x-api-key")).isEqualTo("key-1");
            assertThat(m.toString()).doesNotContain("key-1");
        }
        try (ModelEndpoint m = ModelEndpoint.builder().fromEnv(ConfigEnvironment.of(Map.of("MODEL_URL", url,
                "MODEL_API_KEY", "key-2"), Map.of("model.apiKeyHeader", "X-Gateway-Key"))).build()) {
            server.enqueue(json("{}"));
            m.get("x");
            RecordedRequest r = server.takeRequest();
            assertThat(r.getHeaders().get("X-Gateway-Key")).isEqualTo("key-2");
            assertThat(r.getHeaders().get("Authorization")).isNull();
        }
    }

    @Test
    void modelEndpointClientCredentialsNeedTheirOtherSettingsAndSdkAuth() {
        assertThatThrownBy(() -> ModelEndpoint.builder().fromEnv(ConfigEnvironment.of(Map.of("MODEL_URL", "http://m",
                "MODEL_CLIENT_SECRET", "cs-secret-9"), Map.of())).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.setting()).contains("MODEL_TOKEN_URL"))
                .hasMessageContaining("MODEL_TOKEN_URL is required").hasMessageNotContaining("cs-secret-9");
        // sdk-core alone has no EndpointAuthFactory: the message says what to add, never the secret.
        assertThatThrownBy(() -> ModelEndpoint.builder().fromEnv(ConfigEnvironment.of(Map.of("MODEL_URL", "http://m",
                "MODEL_TOKEN_URL", "https://kc/token", "MODEL_CLIENT_ID", "svc", "MODEL_CLIENT_SECRET", "cs-secret-9"),
                Map.of())).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sdk-auth")
                .hasMessageNotContaining("cs-secret-9");
    }

    @Test
    void aMissingUrlNamesTheSettingAndWhereItWasLookedFor() throws IOException {
        Path file = profiles("model.token=t\n");
        ConfigEnvironment env = ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", file.toString()), Map.of());
        assertThatThrownBy(() -> ModelEndpoint.builder().fromEnv(env).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.setting()).contains("MODEL_URL"))
                .hasMessage("MODEL_URL is required but set nowhere: looked for the builder's baseUrl(...), system property"
                        + " model.url, environment variable MODEL_URL and key model.url of profile 'default' in " + file);
        assertThatThrownBy(() -> WallarooClient.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("call apiUrl(...) on the builder, or call fromEnv()")
                .hasMessageContaining("wallaroo.url").hasMessageContaining("WALLAROO_URL");
        assertThatThrownBy(() -> OmegaClient.builder().fromEnv(env).build())
                .hasMessageContaining("system property omega.url, system property OMEGA_URL, environment variable OMEGA_URL");
    }

    @Test
    void aMalformedValueNamesTheSettingAndItsSourceAndQuotesItOnlyWhenNotSecret() {
        assertThatThrownBy(() -> WallarooClient.builder().fromEnv(ConfigEnvironment.of(Map.of("WALLAROO_URL", "http://w"),
                Map.of("wallaroo.requestTimeout", "soon"))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("WALLAROO_REQUEST_TIMEOUT (from system property wallaroo.requestTimeout) must be a positive"
                        + " number of seconds, was 'soon'");
        assertThatThrownBy(() -> ModelEndpoint.builder().fromEnv(ConfigEnvironment.of(Map.of("MODEL_URL", "http://m",
                "MODEL_TOKEN", "tok-part-1\ntok-part-2"), Map.of())).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.setting()).contains("MODEL_TOKEN"))
                .hasMessageContaining("MODEL_TOKEN (from environment variable MODEL_TOKEN)")
                .hasMessageNotContaining("tok-part-1").hasMessageNotContaining("tok-part-2");
        assertThatThrownBy(() -> WallarooClient.builder().fromEnv(ConfigEnvironment.of(Map.of("WALLAROO_URL", "http://w",
                "WALLAROO_TOKEN", "wt-a\rwt-b"), Map.of())).build())
                .hasMessageContaining("WALLAROO_TOKEN").hasMessageNotContaining("wt-a");
        assertThatThrownBy(() -> OmegaClient.builder().fromEnv(ConfigEnvironment.of(Map.of("OMEGA_URL", "http://o",
                "OMEGA_APIKEY", "plain-key-7"), Map.of())).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OMEGA_USER")
                .hasMessageNotContaining("plain-key-7");
        assertThatThrownBy(() -> ModelEndpoint.builder().fromEnv(ConfigEnvironment.of(Map.of("MODEL_URL", "not a url"),
                Map.of())).build())
                .hasMessage("MODEL_URL (from environment variable MODEL_URL) is not an http(s) URL, was 'not a url'");
    }

    @Test
    void clientsBuiltFromSecretsNeverShowThemInToString() throws IOException {
        Path file = profiles("wallaroo.token=wallaroo-secret-1\nomega.user=u\nomega.apikey=omega-secret-2\n"
                + "model.apiKey=model-secret-3\n");
        ConfigEnvironment env = ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", file.toString(),
                "WALLAROO_URL", "http://w", "OMEGA_URL", "http://o", "MODEL_URL", "http://m"), Map.of());
        try (WallarooClient w = WallarooClient.builder().fromEnv(env).build();
             OmegaClient o = OmegaClient.builder().fromEnv(env).build();
             ModelEndpoint m = ModelEndpoint.builder().fromEnv(env).build()) {
            assertThat(w + " " + o + " " + m + " " + env + " " + w.withOptions(RequestOptions.NONE))
                    .doesNotContain("wallaroo-secret-1", "omega-secret-2", "model-secret-3");
        }
    }
}
