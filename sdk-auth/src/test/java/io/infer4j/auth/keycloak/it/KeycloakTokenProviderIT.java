package io.infer4j.auth.keycloak.it;

import static io.infer4j.auth.keycloak.it.KeycloakServer.ACCESS_TOKEN_SECONDS;
import static io.infer4j.auth.keycloak.it.KeycloakServer.CLIENT_ID;
import static io.infer4j.auth.keycloak.it.KeycloakServer.CLIENT_SECRET;
import static io.infer4j.auth.keycloak.it.KeycloakServer.DISABLED_USER;
import static io.infer4j.auth.keycloak.it.KeycloakServer.LOGOUT_USER;
import static io.infer4j.auth.keycloak.it.KeycloakServer.PASSWORD;
import static io.infer4j.auth.keycloak.it.KeycloakServer.PUBLIC_CLIENT_ID;
import static io.infer4j.auth.keycloak.it.KeycloakServer.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jwt.JWTParser;
import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.auth.keycloak.TokenClaims;
import io.infer4j.auth.keycloak.TokenSet;
import io.infer4j.core.error.AuthenticationException;
import io.infer4j.testsupport.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link KeycloakTokenProvider} against a real Keycloak 26 (see {@link KeycloakServer} for its set-up). */
@ExtendWith(KeycloakExtension.class)
class KeycloakTokenProviderIT {
    private static KeycloakServer keycloak;

    private final CountingInterceptor counter = new CountingInterceptor();
    private final AdjustableClock clock = new AdjustableClock();

    @BeforeAll
    static void start(KeycloakServer server) {
        keycloak = server;
    }

    private KeycloakTokenProvider.Builder apiClient(String user) {
        return KeycloakTokenProvider.builder().serverUrl(keycloak.baseUrl()).clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .password(user, PASSWORD).httpClient(counter.client()).clock(clock);
    }

    private KeycloakTokenProvider.Builder sdkClient() {
        return KeycloakTokenProvider.builder().tokenUrl(keycloak.tokenUrl()).clientId(PUBLIC_CLIENT_ID)
                .password(USER, PASSWORD).httpClient(counter.client()).clock(clock);
    }

    private static String sid(String jwt) throws Exception {
        return (String) JWTParser.parse(jwt).getJWTClaimsSet().getClaim("sid");
    }

    @Test
    void passwordGrantWithTheConfidentialClient() {
        KeycloakTokenProvider p = apiClient(USER).scope("openid").build();
        TokenSet t = p.tokens();
        TokenClaims c = p.claims();

        assertThat(keycloak.userinfoStatus(t.accessToken())).isEqualTo(200);
        assertThat(c.preferredUsername()).isEqualTo(USER);
        assertThat(c.email()).isEqualTo(USER);
        assertThat(c.authorizedParty()).isEqualTo(CLIENT_ID);
        assertThat(c.issuer()).isEqualTo(keycloak.baseUrl() + "/realms/master");
        assertThat(c.subject()).isNotBlank();
        // expires_in / refresh_expires_in, less the one second Keycloak's whole-second iat can cost
        assertThat(t.accessLifetime()).isEqualTo(Duration.ofSeconds(ACCESS_TOKEN_SECONDS - 1));
        assertThat(Duration.between(t.obtainedAt(), t.refreshExpiresAt()))
                .isEqualTo(Duration.ofSeconds(KeycloakServer.API_CLIENT_IDLE_SECONDS - 1));
        assertThat(counter.grants()).containsExactly("password");
    }

    @Test
    void passwordGrantWithThePublicClient() {
        KeycloakTokenProvider p = sdkClient().build();
        assertThat(p.claims().authorizedParty()).isEqualTo(PUBLIC_CLIENT_ID);
        assertThat(p.claims().preferredUsername()).isEqualTo(USER);
        assertThat(p.tokens().refreshToken()).isNotNull();
    }

    @Test
    void clientCredentials() {
        KeycloakTokenProvider p = KeycloakTokenProvider.builder().serverUrl(keycloak.baseUrl()).clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET).clientCredentials().build();
        assertThat(p.claims().preferredUsername()).isEqualTo("service-account-" + CLIENT_ID);
        assertThat(p.claims().authorizedParty()).isEqualTo(CLIENT_ID);
    }

    @Test
    void anExpiredAccessTokenIsRenewedWithTheRefreshTokenInTheSameSession() throws Exception {
        KeycloakTokenProvider p = apiClient(USER).build();
        String first = p.accessToken();

        clock.shift(Duration.ofSeconds(ACCESS_TOKEN_SECONDS)); // the provider now sees it expired
        String second = p.accessToken();

        assertThat(second).isNotEqualTo(first);
        assertThat(sid(second)).isEqualTo(sid(first));
        assertThat(counter.grants()).containsExactly("password", "refresh_token");
    }

    @Test
    void aRefreshTokenTheServerExpiredLeadsToATransparentReLogin() throws Exception {
        KeycloakTokenProvider p = sdkClient().build();
        String first = p.accessToken();
        Instant obtained = p.tokens().obtainedAt();

        // Let the session idle out on the server (sdk-client: 5 s) while, on the provider's clock, the
        // access token has expired but the refresh token still looks usable: the server must refuse it.
        Thread.sleep((KeycloakServer.SDK_CLIENT_IDLE_SECONDS + 1) * 1000L);
        // Provider time obtained + 2.5 s: the access token (3 s, used for 2 s) has expired, the refresh
        // token (5 s, counted as 4 s, sent only with 1 s to spare) has not.
        clock.shift(Duration.between(Instant.now(), obtained.plusMillis(2_500)));

        String second = p.accessToken();

        assertThat(counter.grants()).containsExactly("password", "refresh_token", "password");
        assertThat(sid(second)).isNotEqualTo(sid(first));
        assertThat(p.claims().preferredUsername()).isEqualTo(USER);
    }

    @Test
    void aRefreshTokenKnownToBeExpiredIsNotEvenSent() {
        KeycloakTokenProvider p = sdkClient().build();
        String first = p.accessToken();
        clock.shift(Duration.ofSeconds(KeycloakServer.SDK_CLIENT_IDLE_SECONDS + 1));

        assertThat(p.accessToken()).isNotEqualTo(first);
        assertThat(counter.grants()).containsExactly("password", "password");
    }

    @Test
    void wrongPassword() {
        KeycloakTokenProvider p = KeycloakTokenProvider.builder().tokenUrl(keycloak.tokenUrl()).clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET).password(USER, "wrong " + PASSWORD).build();
        try (LogCapture logs = LogCapture.start()) {
            AuthenticationException e = catchThrowableOfType(AuthenticationException.class, p::accessToken);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).contains("invalid_grant");
            assertThat(e.errorDescription()).contains("Invalid user credentials");
            assertThat(e.getMessage() + logs.text() + p).doesNotContain(PASSWORD, CLIENT_SECRET);
        }
    }

    @Test
    void wrongClientSecret() {
        KeycloakTokenProvider p = KeycloakTokenProvider.builder().tokenUrl(keycloak.tokenUrl()).clientId(CLIENT_ID)
                .clientSecret("not-the-secret").password(USER, PASSWORD).build();
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, p::accessToken);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).contains("unauthorized_client");
        assertThat(e.errorDescription()).contains("Invalid client or Invalid client credentials");
        assertThat(e.getMessage()).doesNotContain("not-the-secret", PASSWORD);
    }

    @Test
    void disabledUser() {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, apiClient(DISABLED_USER).build()::accessToken);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).contains("invalid_grant");
        assertThat(e.errorDescription()).contains("Account disabled");
    }

    @Test
    void aLoggedOutSessionIsRefusedAndAPasswordProviderLogsInAgain() {
        KeycloakTokenProvider withPassword = apiClient(LOGOUT_USER).build();
        String refreshToken = withPassword.tokens().refreshToken();
        KeycloakTokenProvider refreshOnly = KeycloakTokenProvider.builder().tokenUrl(keycloak.tokenUrl()).clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET).refreshToken(refreshToken).build();

        keycloak.logout(LOGOUT_USER);

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, refreshOnly::accessToken);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).contains("invalid_grant");
        assertThat(e.errorDescription()).contains("Session not active");
        assertThat(e.getMessage()).doesNotContain(refreshToken);

        clock.shift(Duration.ofSeconds(ACCESS_TOKEN_SECONDS));
        assertThat(withPassword.claims().preferredUsername()).isEqualTo(LOGOUT_USER);
        assertThat(counter.grants()).containsExactly("password", "refresh_token", "password");
    }

    @Test
    void thirtyTwoThreadsOverSeveralLifetimesGetValidTokensFromAboutOneRequestPerLifetime() throws Exception {
        KeycloakTokenProvider p = apiClient(USER).scope("openid").clock(java.time.Clock.systemUTC()).build();
        Duration runFor = Duration.ofSeconds(ACCESS_TOKEN_SECONDS * 3L + 1);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Integer> userinfo = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + runFor.toNanos();

        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Integer>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                workers.add(pool.submit(() -> {
                    int calls = 0;
                    while (System.nanoTime() < deadline) {
                        try {
                            String token = p.accessToken();
                            Instant exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
                            if (!exp.isAfter(Instant.now())) {
                                failures.add(new AssertionError("expired token handed out: exp " + exp));
                            }
                            if (seen.add(token)) {
                                userinfo.add(keycloak.userinfoStatus(token)); // the server itself accepts it
                            }
                            calls++;
                        } catch (Exception | AssertionError e) {
                            failures.add(e);
                        }
                        Thread.sleep(10);
                    }
                    return calls;
                }));
            }
            int calls = 0;
            for (Future<Integer> w : workers) {
                calls += w.get(60, TimeUnit.SECONDS);
            }
            assertThat(calls).isGreaterThan(32 * 10);
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(userinfo).isNotEmpty().allMatch(s -> s == 200);
        // One token request per lifetime, not per thread: a 3 s token is used for 2 s (whole-second
        // allowance) less 10 % skew, so a new one is fetched about every 1.8 s: 6 in 10 s, give or take one.
        long renewEveryMillis = (ACCESS_TOKEN_SECONDS - 1) * 900L;
        int expected = (int) Math.ceil(runFor.toMillis() / (double) renewEveryMillis);
        assertThat(counter.count()).isBetween(expected - 1, expected + 1);
        assertThat(counter.count()).isEqualTo(seen.size());
        assertThat(counter.grants().subList(1, counter.count())).containsOnly("refresh_token");
    }
}
