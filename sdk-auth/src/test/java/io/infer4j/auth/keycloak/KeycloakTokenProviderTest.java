package io.infer4j.auth.keycloak;

import io.infer4j.testsupport.FakeTime;
import static io.infer4j.auth.keycloak.TestTokens.json;
import static io.infer4j.auth.keycloak.TestTokens.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.infer4j.core.auth.AuthHeaders;
import io.infer4j.core.error.AuthenticationException;
import io.infer4j.testsupport.LogCapture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeycloakTokenProviderTest {
    private static final String SECRET = "s3cr+t: %e&x";
    private static final String PASSWORD = "pa ss+word&1";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeTime clock = new FakeTime(Instant.parse("2026-01-01T10:00:00Z"));

    private KeycloakTokenProvider.Builder confidential() {
        return KeycloakTokenProvider.builder().tokenUrl(server.url("/auth/realms/master/protocol/openid-connect/token").toString())
                .clientId("api-client").clientSecret(SECRET).password("john@example.com", PASSWORD).clock(clock);
    }

    private static String form(RecordedRequest r) {
        return r.getBody().utf8();
    }

    @Test
    void passwordGrantWithConfidentialClientSendsUrlEncodedBasicAndTheFormFields() throws Exception {
        server.enqueue(ok(clock.instant(), 300, 1800));
        KeycloakTokenProvider p = confidential().scope("offline_access").build();

        String token = p.accessToken();

        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/auth/realms/master/protocol/openid-connect/token");
        String expectedBasic = Base64.getEncoder().encodeToString(("api-client:" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Basic " + expectedBasic);
        assertThat(form(r)).isEqualTo("grant_type=password&username=john%40example.com&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&scope=offline_access");
        assertThat(p.authHeaders()).isEqualTo(AuthHeaders.bearer(token));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void publicClientSendsItsIdAsFormFieldAndNoAuthorization() throws Exception {
        server.enqueue(ok(clock.instant(), 60, 1800));
        KeycloakTokenProvider p = KeycloakTokenProvider.builder().tokenUrl(server.url("/token").toString())
                .clientId("sdk-client").password("john@example.com", PASSWORD).clock(clock).build();

        p.accessToken();

        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("Authorization")).isNull();
        assertThat(form(r)).startsWith("grant_type=password&client_id=sdk-client&username=john%40example.com&password=");
    }

    @Test
    void clientCredentialsGrantNeedsASecretAndSendsNoUser() throws Exception {
        assertThatThrownBy(() -> KeycloakTokenProvider.builder().tokenUrl(server.url("/token").toString())
                .clientId("sdk-client").clientCredentials().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientSecret");

        server.enqueue(ok(clock.instant(), 300, 0));
        KeycloakTokenProvider p = KeycloakTokenProvider.builder().tokenUrl(server.url("/token").toString())
                .clientId("api-client").clientSecret(SECRET).clientCredentials().clock(clock).build();
        p.accessToken();
        assertThat(form(server.takeRequest())).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void tokenIsReusedUntilTheRefreshWindowThenRenewedWithTheRefreshToken() throws Exception {
        server.enqueue(ok("first." + "a.b", 300, "rt-1", 1800));
        server.enqueue(ok(clock.instant().plusSeconds(271), 300, 1800));
        KeycloakTokenProvider p = confidential().build();
        assertThat(p.accessToken()).isEqualTo("first.a.b");
        server.takeRequest();

        // usable lifetime 299 s (expires_in less the whole-second allowance); default skew min(30 s, 10 %) = 29.9 s
        // plus at most 2.99 s jitter -> refresh between 266.1 s and 269.1 s
        clock.advance(Duration.ofSeconds(265));
        assertThat(p.accessToken()).isEqualTo("first.a.b");
        assertThat(server.getRequestCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(5));
        String renewed = p.accessToken();
        assertThat(renewed).isNotEqualTo("first.a.b");
        assertThat(form(server.takeRequest())).isEqualTo("grant_type=refresh_token&refresh_token=rt-1");
        assertThat(p.accessToken()).isEqualTo(renewed);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void shortLifetimesUseTenPercentSkew() {
        server.enqueue(ok(clock.instant(), 10, 1800));
        server.enqueue(ok(clock.instant().plusSeconds(9), 10, 1800));
        KeycloakTokenProvider p = confidential().build();
        String first = p.accessToken();

        // usable lifetime 9 s, skew 0.9 s + jitter <= 0.09 s: renewal between 8.01 s and 8.1 s
        clock.advance(Duration.ofMillis(7_950));
        assertThat(p.accessToken()).isEqualTo(first);
        clock.advance(Duration.ofMillis(200));
        assertThat(p.accessToken()).isNotEqualTo(first);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void refreshSkewCanBeConfigured() {
        server.enqueue(ok(clock.instant(), 300, 1800));
        server.enqueue(ok(clock.instant(), 300, 1800));
        KeycloakTokenProvider p = confidential().refreshSkew(Duration.ofSeconds(100)).build();
        String first = p.accessToken();
        clock.advance(Duration.ofSeconds(185));
        assertThat(p.accessToken()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(20));
        assertThat(p.accessToken()).isNotEqualTo(first);
    }

    @Test
    void refreshTokenThatExpiresBeforeTheAccessTokenIsNotUsed() throws Exception {
        // Wallaroo's api-client: access token 3600 s, refresh token 1800 s.
        server.enqueue(ok(clock.instant(), 3600, 1800));
        server.enqueue(ok(clock.instant().plusSeconds(3580), 3600, 1800));
        KeycloakTokenProvider p = confidential().build();
        p.accessToken();
        server.takeRequest();

        clock.advance(Duration.ofSeconds(3580));
        p.accessToken();

        assertThat(form(server.takeRequest())).startsWith("grant_type=password&");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void invalidGrantOnRefreshFallsBackOnceToThePasswordGrant() throws Exception {
        server.enqueue(ok(clock.instant(), 60, 1800));
        server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Session not active\"}"));
        server.enqueue(ok(clock.instant().plusSeconds(61), 60, 1800));
        KeycloakTokenProvider p = confidential().build();
        String first = p.accessToken();

        clock.advance(Duration.ofSeconds(61));
        String second = p.accessToken();

        assertThat(second).isNotEqualTo(first);
        assertThat(form(server.takeRequest())).startsWith("grant_type=password&");
        assertThat(form(server.takeRequest())).startsWith("grant_type=refresh_token&");
        assertThat(form(server.takeRequest())).startsWith("grant_type=password&");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void whenTheFallbackFailsTooTheErrorCarriesKeycloaksFieldsAndNoSecret() {
        server.enqueue(ok("access.token.one", 60, "refresh-token-one", 1800));
        server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}"));
        server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Account disabled\"}"));
        KeycloakTokenProvider p = confidential().build();
        try (LogCapture logs = LogCapture.start()) {
            p.accessToken();
            clock.advance(Duration.ofSeconds(61));

            AuthenticationException e = catchThrowableOfType(AuthenticationException.class, p::accessToken);

            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).contains("invalid_grant");
            assertThat(e.errorDescription()).contains("Account disabled");
            assertThat(e.getMessage()).contains("grant password", "client api-client", "HTTP 400 invalid_grant: Account disabled");
            assertThat(e.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
                    .contains("Token is not active");
            assertThat(server.getRequestCount()).isEqualTo(3);
            for (String text : List.of(e.getMessage(), e.getSuppressed()[0].getMessage(), logs.text(), p.toString())) {
                assertThat(text).doesNotContain(SECRET, PASSWORD, URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
                        "access.token.one", "refresh-token-one");
            }
        }
    }

    @Test
    void wrongClientSecretIsReportedWithTheServersErrorAndNotRetried() {
        server.enqueue(json(401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}"));
        KeycloakTokenProvider p = confidential().build();

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, p::authHeaders);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).contains("unauthorized_client");
        assertThat(e.errorDescription()).contains("Invalid client or Invalid client credentials");
        assertThat(e.getMessage()).doesNotContain(SECRET, PASSWORD);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            500 | <html><head><title>500 Internal Server Error</title></head><body>nginx</body></html> | HTTP 500: 500 Internal Server Error
            502 | upstream connect error or disconnect/reset before headers                          | HTTP 502: upstream connect error
            200 | <!DOCTYPE html><html><body>Sign in to your account</body></html>                     | with HTML
            200 | {}                                                                                    | without access_token
            200 | {"access_token":"eyJhbGciOi                                                          | invalid or truncated JSON
            200 | not json at all                                                                       | invalid or truncated JSON
            200 | []                                                                                    | not an object
            200 | null                                                                                  | not an object
            200 | {"access_token":""}                                                                   | without access_token
            200 | {"access_token":null,"expires_in":300}                                                | without access_token
            200 | {"access_token":42}                                                                   | without access_token
            200 | {"access_token":"abc def"}                                                            | not allowed in an HTTP header
            200 | {"access_token":"abc","token_type":"mac"}                                             | token_type 'mac'
            200 | {"access_token":"abc","expires_in":"soon"}                                            | expires_in that is not a number
            200 | {"access_token":"abc","expires_in":0}                                                 | expires_in 0
            200 | {"access_token":"abc","expires_in":300,"refresh_expires_in":{}}                        | refresh_expires_in that is not a number
            """)
    void anythingButAValidTokenResponseIsAClearAuthenticationException(int status, String body, String expected) {
        server.enqueue(new MockResponse.Builder().code(status).body(body).build());
        KeycloakTokenProvider p = confidential().build();

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, p::accessToken);

        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).contains(expected).contains(server.url("/").host()).doesNotContain(SECRET, PASSWORD);
        if (status == 200) {
            assertThat(e.getMessage()).doesNotContain("eyJhbGciOi").doesNotContain("abc");
        }
    }

    @Test
    void emptyBodyIsAClearAuthenticationException() {
        server.enqueue(new MockResponse.Builder().code(200).build());
        assertThatThrownBy(confidential().build()::accessToken).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("empty body");
    }

    @Test
    void anErrorObjectInA200IsReportedAsTheServersError() {
        server.enqueue(json(200, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}"));
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, confidential().build()::accessToken);
        assertThat(e.error()).contains("invalid_grant");
        assertThat(e.errorDescription()).contains("Invalid user credentials");
    }

    @Test
    void unreachableTokenEndpointIsAnAuthenticationExceptionWithoutStatus() throws Exception {
        String url = server.url("/token").toString();
        server.close();
        KeycloakTokenProvider p = KeycloakTokenProvider.builder().tokenUrl(url).clientId("sdk-client")
                .password("john", PASSWORD).clock(clock).build();
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, p::accessToken);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("failed").doesNotContain(PASSWORD);
    }

    @Test
    void lifetimeIsCutShortWhenTheJwtSaysLessThanExpiresIn() {
        Instant now = clock.instant();
        server.enqueue(ok(TestTokens.jwt(now, Duration.ofSeconds(60)), 3600, "rt", 1800));
        TokenSet t = confidential().build().tokens();
        assertThat(t.accessExpiresAt()).isEqualTo(now.plusSeconds(59)); // less the whole-second allowance
        assertThat(t.refreshExpiresAt()).isEqualTo(now.plusSeconds(1799));
    }

    @Test
    void expiresInWinsOverALongerJwtLifetimeAndZeroRefreshExpiryMeansNone() {
        Instant now = clock.instant();
        server.enqueue(ok(TestTokens.jwt(now, Duration.ofSeconds(7200)), 300, "offline-rt", 0));
        TokenSet t = confidential().build().tokens();
        assertThat(t.accessExpiresAt()).isEqualTo(now.plusSeconds(299));
        assertThat(t.refreshExpiresAt()).isNull();
        assertThat(t.refreshToken()).isEqualTo("offline-rt");
    }

    @Test
    void opaqueTokenWithoutExpiresInIsAssumedShortLived() {
        server.enqueue(json(200, "{\"access_token\":\"opaque-token\"}"));
        KeycloakTokenProvider p = confidential().build();
        assertThat(p.tokens().accessLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.claims()).isEqualTo(TokenClaims.NONE);
    }

    @Test
    void claimsAreDecoded() {
        Instant now = clock.instant();
        server.enqueue(ok(TestTokens.jwt(now, Duration.ofSeconds(300)), 300, "rt", 1800));
        TokenClaims c = confidential().build().claims();
        assertThat(c.subject()).isEqualTo("5f1b6c1e-1111-4a3a-9f0e-000000000001");
        assertThat(c.email()).isEqualTo("john@example.com");
        assertThat(c.preferredUsername()).isEqualTo("john@example.com");
        assertThat(c.issuer()).isEqualTo("http://127.0.0.1/auth/realms/master");
        assertThat(c.expiresAt()).isEqualTo(now.plusSeconds(300));
        assertThat(c.authorizedParty()).isEqualTo("api-client");
    }

    @Test
    void onUnauthorizedDropsTheTokenOnlyIfTheRejectedRequestCarriedIt() throws Exception {
        server.enqueue(ok(clock.instant(), 300, 1800));
        server.enqueue(ok(clock.instant(), 300, 1800));
        KeycloakTokenProvider p = confidential().build();
        AuthHeaders current = p.authHeaders();

        assertThat(p.onUnauthorized(AuthHeaders.bearer("some.older.token"))).isTrue();
        assertThat(p.authHeaders()).isEqualTo(current);
        assertThat(server.getRequestCount()).isEqualTo(1);

        assertThat(p.onUnauthorized(current)).isTrue();
        AuthHeaders renewed = p.authHeaders();
        assertThat(renewed).isNotEqualTo(current);
        server.takeRequest();
        assertThat(form(server.takeRequest())).startsWith("grant_type=refresh_token&");

        // a late 401 for the old token must not throw away the new one
        assertThat(p.onUnauthorized(current)).isTrue();
        assertThat(p.authHeaders()).isEqualTo(renewed);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void thirtyTwoThreadsOnAnExpiredTokenMakeExactlyOneTokenRequest() throws Exception {
        server.enqueue(ok(clock.instant(), 60, 1800));
        KeycloakTokenProvider p = confidential().build();
        p.accessToken();
        clock.advance(Duration.ofSeconds(120));
        // The answer is slow, so the threads really pile up behind the one request.
        server.enqueue(new MockResponse.Builder(ok(clock.instant(), 60, 1800)).headersDelay(300, TimeUnit.MILLISECONDS).build());

        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AuthHeaders>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return p.authHeaders();
                }));
            }
            start.countDown();
            AuthHeaders first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<AuthHeaders> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void inTheRefreshWindowOtherThreadsKeepUsingTheValidTokenWhileOneRenews() throws Exception {
        server.enqueue(ok(clock.instant(), 300, 1800));
        KeycloakTokenProvider p = confidential().build();
        AuthHeaders old = p.authHeaders();
        clock.advance(Duration.ofSeconds(285)); // stale but valid for 15 s more
        server.enqueue(new MockResponse.Builder(ok(clock.instant(), 300, 1800)).headersDelay(500, TimeUnit.MILLISECONDS).build());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<AuthHeaders> renewing = pool.submit(p::authHeaders);
            while (server.getRequestCount() < 2) {
                Thread.onSpinWait(); // until the renewing thread has sent its request
            }
            // Meanwhile another thread is not blocked: it gets the still-valid token at once.
            assertThat(pool.submit(p::authHeaders).get(5, TimeUnit.SECONDS)).isEqualTo(old);
            assertThat(renewing.get(5, TimeUnit.SECONDS)).isNotEqualTo(old);
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aFailedRefreshWhileTheTokenIsStillValidKeepsItAndPausesBeforeTheNextTry() {
        server.enqueue(ok(clock.instant(), 300, 1800));
        server.enqueue(json(503, "{\"error\":\"temporarily_unavailable\"}"));
        server.enqueue(ok(clock.instant(), 300, 1800));
        KeycloakTokenProvider p = confidential().build();
        AuthHeaders old = p.authHeaders();
        clock.advance(Duration.ofSeconds(275));

        assertThat(p.authHeaders()).isEqualTo(old);
        assertThat(server.getRequestCount()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(5)); // pause = min(30 s, half of the 23 s left)
        assertThat(p.authHeaders()).isEqualTo(old);
        assertThat(server.getRequestCount()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(10));
        assertThat(p.authHeaders()).isNotEqualTo(old);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aFailedRenewalOfAnExpiredTokenThrows() {
        server.enqueue(ok(clock.instant(), 60, 1800));
        server.enqueue(json(503, "{\"error\":\"temporarily_unavailable\"}"));
        KeycloakTokenProvider p = confidential().build();
        p.accessToken();
        clock.advance(Duration.ofSeconds(61));
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, p::accessToken);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.error()).contains("temporarily_unavailable");
    }

    @Test
    void aRefreshTokenProviderHasNothingToFallBackTo() throws Exception {
        server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Session not active\"}"));
        KeycloakTokenProvider p = KeycloakTokenProvider.builder().tokenUrl(server.url("/token").toString())
                .clientId("sdk-client").refreshToken("offline-refresh-token").clock(clock).build();

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, p::accessToken);

        assertThat(e.errorDescription()).contains("Session not active");
        assertThat(e.getMessage()).doesNotContain("offline-refresh-token");
        assertThat(form(server.takeRequest())).isEqualTo("grant_type=refresh_token&client_id=sdk-client&refresh_token=offline-refresh-token");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(p.toString()).doesNotContain("offline-refresh-token");
    }

    @Test
    void providersSharingAStoreShareTheSession() {
        server.enqueue(ok(clock.instant(), 300, 1800));
        TokenStore store = TokenStore.inMemory();
        KeycloakTokenProvider a = confidential().tokenStore(store).build();
        KeycloakTokenProvider b = confidential().tokenStore(store).build();

        assertThat(b.accessToken()).isEqualTo(a.accessToken());
        assertThat(server.getRequestCount()).isEqualTo(1);

        b.invalidate();
        assertThat(store.load(a.storeKey())).isEmpty();
    }

    @Test
    void toStringRedactsEverySecret() {
        server.enqueue(ok("header.payload.signature", 300, "the-refresh-token", 1800));
        KeycloakTokenProvider p = confidential().build();
        TokenSet t = p.tokens();
        for (String s : List.of(p.toString(), t.toString(), p.authHeaders().toString())) {
            assertThat(s).doesNotContain(SECRET, PASSWORD, "header.payload.signature", "the-refresh-token");
        }
        assertThat(p.toString()).contains("api-client", "clientSecret=***", "password=***", "john@example.com");
        assertThat(t.toString()).contains("accessToken=***", "refreshToken=***");
    }

    @Test
    void urlLayouts() {
        assertThat(KeycloakTokenProvider.tokenUrl("https://kc.example.com/auth", "master"))
                .isEqualTo("https://kc.example.com/auth/realms/master/protocol/openid-connect/token");
        assertThat(KeycloakTokenProvider.tokenUrl("https://kc.example.com/auth/", "wallaroo"))
                .isEqualTo("https://kc.example.com/auth/realms/wallaroo/protocol/openid-connect/token");
        assertThat(KeycloakTokenProvider.tokenUrl("https://kc.example.com", "master"))
                .isEqualTo("https://kc.example.com/realms/master/protocol/openid-connect/token");
        assertThat(KeycloakTokenProvider.builder().serverUrl("http://127.0.0.1:8080/").clientId("c").clientCredentials()
                .clientSecret("s").build().tokenUrl()).isEqualTo("http://127.0.0.1:8080/realms/master/protocol/openid-connect/token");
        assertThat(KeycloakTokenProvider.builder().wallarooApi("https://wallaroo.example.com/").clientId("sdk-client")
                .password("u", "p").build().tokenUrl())
                .isEqualTo("https://wallaroo.example.com/auth/realms/master/protocol/openid-connect/token");
        assertThat(KeycloakTokenProvider.builder().wallarooLegacy("doc-test.", "wallaroocommunity.ninja").clientId("sdk-client")
                .password("u", "p").build().tokenUrl())
                .isEqualTo("https://doc-test.keycloak.wallaroocommunity.ninja/auth/realms/master/protocol/openid-connect/token");
        assertThat(KeycloakTokenProvider.builder().wallarooLegacy("", "example.com").clientId("sdk-client")
                .password("u", "p").build().tokenUrl())
                .isEqualTo("https://keycloak.example.com/auth/realms/master/protocol/openid-connect/token");
    }

    @Test
    void builderRejectsIncompleteOrContradictorySettings() {
        assertThatThrownBy(() -> KeycloakTokenProvider.builder().clientId("c").password("u", "p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenUrl or serverUrl");
        assertThatThrownBy(() -> KeycloakTokenProvider.builder().tokenUrl("ftp://x").clientId("c").password("u", "p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https URL");
        assertThatThrownBy(() -> KeycloakTokenProvider.builder().tokenUrl("http://x/t").serverUrl("http://x").clientId("c")
                .password("u", "p").build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> KeycloakTokenProvider.builder().tokenUrl("http://x/t").password("u", "p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> KeycloakTokenProvider.builder().tokenUrl("http://x/t").clientId("c").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grant");
        assertThatThrownBy(() -> KeycloakTokenProvider.builder().password(" ", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username");
    }
}
