package io.infer4j.auth.keycloak;

import io.infer4j.testsupport.FakeTime;
import static io.infer4j.auth.keycloak.TestTokens.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.infer4j.core.ClientOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.error.UnauthorizedException;
import io.infer4j.core.internal.Decoders;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.core.internal.Operation;
import io.infer4j.testsupport.LogCapture;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider behind a real {@link HttpTransport}: what happens when the API answers 401. */
class KeycloakTransportTest {
    private static final String SECRET = "client-secret-value";
    private static final String PASSWORD = "user-password-value";

    @StartStop
    private final MockWebServer keycloak = new MockWebServer();
    @StartStop
    private final MockWebServer api = new MockWebServer();
    private final FakeTime clock = new FakeTime(Instant.parse("2026-01-01T10:00:00Z"));
    private HttpTransport transport;
    private LogCapture logs;

    @BeforeEach
    void setUp() {
        logs = LogCapture.start();
        KeycloakTokenProvider auth = KeycloakTokenProvider.builder().tokenUrl(keycloak.url("/token").toString())
                .clientId("api-client").clientSecret(SECRET).password("john@example.com", PASSWORD).clock(clock).build();
        transport = new HttpTransport(ClientOptions.builder().auth(auth).clock(clock).retryPolicy(RetryPolicy.NONE).build());
    }

    @AfterEach
    void tearDown() {
        transport.close();
        logs.close();
    }

    private String get() {
        return new String(transport.execute(Operation.builder("test.get", "GET", api.url("/v1/api/thing"), Decoders.bytes())
                .idempotent(true).build()));
    }

    private static MockResponse unauthorized() {
        return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("{\"msg\":\"Jwt is expired\",\"code\":401}").build();
    }

    @Test
    void a401RenewsTheTokenOnceAndReplaysTheRequestOnce() throws Exception {
        keycloak.enqueue(ok(clock.instant(), 300, 1800));
        keycloak.enqueue(ok(clock.instant(), 300, 1800));
        api.enqueue(unauthorized());
        api.enqueue(new MockResponse.Builder().code(200).body("ok").build());

        assertThat(get()).isEqualTo("ok");

        assertThat(keycloak.getRequestCount()).isEqualTo(2);
        assertThat(keycloak.takeRequest().getBody().utf8()).startsWith("grant_type=password&");
        assertThat(keycloak.takeRequest().getBody().utf8()).startsWith("grant_type=refresh_token&");
        assertThat(api.getRequestCount()).isEqualTo(2);
        RecordedRequest rejected = api.takeRequest();
        RecordedRequest replayed = api.takeRequest();
        assertThat(replayed.getHeaders().get("Authorization")).startsWith("Bearer ")
                .isNotEqualTo(rejected.getHeaders().get("Authorization"));
        assertNoSecretsIn(logs.text());
    }

    @Test
    void aSecond401SurfacesAsUnauthorizedException() {
        keycloak.enqueue(ok(clock.instant(), 300, 1800));
        keycloak.enqueue(ok(clock.instant(), 300, 1800));
        api.enqueue(unauthorized());
        api.enqueue(unauthorized());

        UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class, this::get);

        assertThat(e.status()).isEqualTo(401);
        assertThat(keycloak.getRequestCount()).isEqualTo(2);
        assertThat(api.getRequestCount()).isEqualTo(2);
        assertNoSecretsIn(e.getMessage());
        assertNoSecretsIn(logs.text());
    }

    @Test
    void theNextCallReusesTheRenewedToken() {
        keycloak.enqueue(ok(clock.instant(), 300, 1800));
        keycloak.enqueue(ok(clock.instant(), 300, 1800));
        api.enqueue(unauthorized());
        api.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        api.enqueue(new MockResponse.Builder().code(200).body("again").build());

        get();
        assertThat(get()).isEqualTo("again");
        assertThat(keycloak.getRequestCount()).isEqualTo(2);
    }

    private void assertNoSecretsIn(String text) {
        assertThat(text).doesNotContain(SECRET, PASSWORD, "eyJ", "rt-");
    }
}
