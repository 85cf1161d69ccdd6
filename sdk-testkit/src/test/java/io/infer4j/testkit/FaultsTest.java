package io.infer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultsTest {
    static LocalPlatform platform;
    static Http http;
    static String token;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start();
        http = new Http(platform);
        token = http.accessToken();
    }

    @AfterEach
    void clear() {
        platform.faults().clear();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void threeTimes503ThenSuccess() {
        FaultHandle h = platform.faults().onOperation("wallaroo:workspaces/list").times(3).status(503);
        for (int i = 0; i < 3; i++) {
            Http.Reply r = http.mlops("workspaces/list", token, Map.of());
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("code").asInt()).isEqualTo(503);
        }
        assertThat(http.mlops("workspaces/list", token, Map.of()).status()).isEqualTo(200);
        assertThat(h.hits()).isEqualTo(3);
        assertThat(h.remaining()).isZero();
    }

    @Test
    void inference503UsesTheEngineErrorBody() {
        platform.faults().on("/v1/api/pipelines/infer").times(1).status(503);
        Http.Reply r = http.postJson(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE), token,
                java.util.List.of(), Http.PANDAS);
        assertThat(r.json().get("status").asText()).isEqualTo("error");
        assertThat(r.json().get("error").asText()).startsWith("The resources required to run this request are not available");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        platform.faults().onOperation("keycloak:token").times(1).rateLimit(Duration.ofSeconds(7));
        Http.Reply r = http.token(Map.of("grant_type", "client_credentials"), platform.clientId(), platform.clientSecret());
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().get("Retry-After")).isEqualTo("7");
        assertThat(http.token(Map.of("grant_type", "client_credentials"), platform.clientId(), platform.clientSecret())
                .status()).isEqualTo(200);
    }

    @Test
    void truncatedBodyIsBrokenJson() {
        platform.faults().onOperation("wallaroo:workspaces/list").times(1).truncateBody();
        Http.Reply r = http.mlops("workspaces/list", token, Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThatThrownBy(() -> Http.JSON.readTree(r.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(http.mlops("workspaces/list", token, Map.of()).json().has("workspaces")).isTrue();
    }

    @Test
    void cutConnectionFailsTheRead() {
        platform.faults().onOperation("wallaroo:workspaces/list").times(1).cutConnectionMidBody();
        assertThatThrownBy(() -> http.mlops("workspaces/list", token, Map.of()))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void droppedConnectionGetsNoResponse() {
        platform.faults().on("/health").times(1).dropConnection();
        assertThatThrownBy(() -> http.get(platform.endpointUrl() + "/health", null))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(http.get(platform.endpointUrl() + "/health", null).status()).isEqualTo(200);
        assertThat(platform.requests()).anyMatch(r -> r.path().equals("/health") && r.status() == -1);
    }

    @Test
    void delayDoesNotChangeTheAnswer() {
        FaultHandle h = platform.faults().on("/health").delay(Duration.ofMillis(20));
        assertThat(http.get(platform.endpointUrl() + "/health", null).json().get("status").asText()).isEqualTo("OK");
        assertThat(h.hits()).isEqualTo(1);
    }

    @Test
    void probabilisticFaultsAreRepeatableForASeed() {
        int first = countFailures(7);
        int second = countFailures(7);
        assertThat(first).isEqualTo(second).isBetween(1, 99);
    }

    private int countFailures(long seed) {
        platform.faults().clear();
        platform.faults().seed(seed);
        platform.faults().on("/health").withProbability(0.3).status(503);
        int failures = 0;
        for (int i = 0; i < 100; i++) {
            if (http.get(platform.endpointUrl() + "/health", null).status() == 503) {
                failures++;
            }
        }
        return failures;
    }

    @Test
    void expiredAndRevokedTokensAreRejectedAndRefreshRecoversOnlyFromExpiry() {
        var login = http.login();
        String access = login.get("access_token").asText();
        platform.faults().expireTokens();
        Http.Reply expired = http.mlops("workspaces/list", access, Map.of());
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("msg").asText()).isEqualTo("Jwt is expired");
        var refreshed = http.token(Map.of("grant_type", "refresh_token", "refresh_token", login.get("refresh_token").asText()),
                platform.clientId(), platform.clientSecret());
        assertThat(http.mlops("workspaces/list", refreshed.json().get("access_token").asText(), Map.of()).status()).isEqualTo(200);

        platform.faults().revokeSessions();
        assertThat(http.mlops("workspaces/list", refreshed.json().get("access_token").asText(), Map.of()).status()).isEqualTo(401);
        var again = http.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshed.json().get("refresh_token").asText()),
                platform.clientId(), platform.clientSecret());
        assertThat(again.json().get("error_description").asText()).isEqualTo("Session not active");
        token = http.accessToken();
    }

    @Test
    void requestLogMasksEverySecret() {
        platform.clearRequests();
        http.login();
        http.send(new Request.Builder().url(platform.csvEndpointUrl()).header("x-api-key", platform.apiKey())
                .post(okhttp3.RequestBody.create("1,2\n", okhttp3.MediaType.get("text/csv"))).build());
        http.mlops("workspaces/list", token, Map.of("password", "hunter2"));
        String all = platform.requests().toString();
        assertThat(all).doesNotContain(platform.password(), platform.clientSecret(), platform.apiKey(), token, "hunter2");
        // Earlier tests' slow requests may still land in the log after clearRequests(): find ours by operation.
        RecordedRequest tokenCall = request("keycloak:token");
        assertThat(tokenCall.header("authorization")).isEqualTo("Basic ***");
        assertThat(tokenCall.body()).contains("grant_type=password", "password=***");
        assertThat(platform.tokenRequests()).isEqualTo(1);
        assertThat(request("wallaroo:workspaces/list").body()).contains("\"password\":\"***\"");
    }

    private RecordedRequest request(String operation) {
        return platform.requests().stream().filter(r -> r.operation().equals(operation)).findFirst().orElseThrow();
    }
}
