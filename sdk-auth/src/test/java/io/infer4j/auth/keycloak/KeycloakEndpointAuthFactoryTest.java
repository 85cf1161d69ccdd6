package io.infer4j.auth.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.core.ConfigEnvironment;
import io.infer4j.endpoint.ModelEndpoint;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** With sdk-auth on the class path, ModelEndpoint.fromEnv() with client credentials just works (via ServiceLoader). */
class KeycloakEndpointAuthFactoryTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void modelEndpointFromEnvGetsAClientCredentialsTokenWithTheScope() throws Exception {
        String token = TestTokens.jwt(Instant.now(), java.time.Duration.ofMinutes(5));
        server.enqueue(TestTokens.ok(token, 300, "rt-1", 1800));
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"status\":\"OK\"}").build());
        Map<String, String> env = Map.of(
                "MODEL_URL", server.url("/svc/").toString(),
                "MODEL_TOKEN_URL", server.url("/realms/models/protocol/openid-connect/token").toString(),
                "MODEL_CLIENT_ID", "scorer",
                "MODEL_CLIENT_SECRET", "scorer-secret-77",
                "MODEL_SCOPE", "predict");

        try (ModelEndpoint model = ModelEndpoint.builder().fromEnv(ConfigEnvironment.of(env, Map.of())).build()) {
            assertThat(model.health().ok()).isTrue();
            assertThat(model.toString()).doesNotContain("scorer-secret-77");
        }

        RecordedRequest tokenCall = server.takeRequest();
        assertThat(tokenCall.getUrl().encodedPath()).isEqualTo("/realms/models/protocol/openid-connect/token");
        assertThat(tokenCall.getBody().utf8()).contains("grant_type=client_credentials").contains("scope=predict");
        RecordedRequest health = server.takeRequest();
        assertThat(health.getUrl().encodedPath()).isEqualTo("/svc/health");
        assertThat(health.getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
    }
}
