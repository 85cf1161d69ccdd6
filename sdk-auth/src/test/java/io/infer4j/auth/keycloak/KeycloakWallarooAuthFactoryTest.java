package io.infer4j.auth.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.wallaroo.WallarooClient;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** With sdk-auth on the class path, a Wallaroo user/password login just works (via ServiceLoader). */
class KeycloakWallarooAuthFactoryTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void wallarooClientLogsInWithKeycloakFoundThroughServiceLoader() throws Exception {
        String token = TestTokens.jwt(Instant.now(), java.time.Duration.ofMinutes(5));
        server.enqueue(TestTokens.ok(token, 300, "rt-1", 1800));
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"workspaces\":[{\"id\":7,\"name\":\"urldemoworkspace\",\"created_at\":\"2024-01-01T00:00:00Z\","
                        + "\"created_by\":\"u\",\"archived\":false,\"models\":[],\"pipelines\":[]}]}").build());

        String base = server.url("/").toString().replaceAll("/$", "");
        try (WallarooClient client = WallarooClient.builder().apiUrl(base).authUrl(java.net.URI.create(base + "/auth"))
                .login("john@example.com", "john-password").build()) {
            assertThat(client.workspaces().list()).extracting(w -> w.name()).containsExactly("urldemoworkspace");
        }

        RecordedRequest tokenCall = server.takeRequest();
        assertThat(tokenCall.getUrl().encodedPath()).isEqualTo("/auth/realms/master/protocol/openid-connect/token");
        assertThat(tokenCall.getBody().utf8()).contains("grant_type=password").contains("client_id=sdk-client");
        RecordedRequest apiCall = server.takeRequest();
        assertThat(apiCall.getUrl().encodedPath()).isEqualTo("/v1/api/workspaces/list");
        assertThat(apiCall.getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
    }
}
