package io.infer4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.Timeouts;
import io.infer4j.core.auth.AuthHeaders;
import io.infer4j.core.auth.AuthProvider;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.core.error.BodyNotReplayableException;
import io.infer4j.core.error.ClientTimeoutException;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.InternalServerException;
import io.infer4j.core.error.RateLimitException;
import io.infer4j.core.error.ServiceUnavailableException;
import io.infer4j.core.error.TransportException;
import io.infer4j.core.error.UnauthorizedException;
import io.infer4j.core.error.UnexpectedStatusException;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.ReadOptions;
import io.infer4j.testsupport.FakeTime;
import io.infer4j.testsupport.LogCapture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTransportTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeTime time = new FakeTime();
    HttpTransport transport;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private HttpTransport transport(ClientOptions.Builder options) {
        transport = new HttpTransport(options.clock(time).sleeper(time).build());
        return transport;
    }

    private HttpTransport transport() {
        return transport(ClientOptions.builder());
    }

    private Operation<JsonNode> post(boolean idempotent) {
        return Operation.postJson("test.op", server.url("/v1/api/things/list"), Map.of("x", 1),
                Decoders.tree("things")).idempotent(idempotent).build();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void retries503ThenSucceeds() throws Exception {
        server.enqueue(json(503, "{\"msg\":\"resources not available\"}"));
        server.enqueue(json(200, "{\"ok\":true}"));

        JsonNode result = transport().execute(post(false));

        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(time.sleeps()).hasSize(1);
        assertThat(time.sleeps().get(0)).isBetween(Duration.ZERO, Duration.ofMillis(500));
    }

    @Test
    void honoursRetryAfterInSeconds() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
        server.enqueue(json(200, "{}"));

        transport().execute(post(false));

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void honoursRetryAfterAsHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(time.instant().plusSeconds(7), time.getZone()));
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", date).build());
        server.enqueue(json(200, "{}"));

        transport().execute(post(false));

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void capsRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "3600").build());
        server.enqueue(json(200, "{}"));

        transport().execute(post(false));

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void doesNotRetryNonIdempotentCallAfterItReachedTheServer() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(200, "{}"));

        assertThatThrownBy(() -> transport().execute(post(false)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.requestSent()).isTrue();
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetry500ForNonIdempotentButDoesForIdempotent() {
        server.enqueue(json(500, "{\"msg\":\"boom\",\"code\":500}"));
        assertThatThrownBy(() -> transport().execute(post(false))).isInstanceOf(InternalServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);

        server.enqueue(json(500, "{\"msg\":\"boom\",\"code\":500}"));
        server.enqueue(json(200, "{}"));
        transport.execute(post(true));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void retriesNonIdempotentCallAfterConnectFailure() {
        AtomicInteger connects = new AtomicInteger();
        OkHttpClient own = new OkHttpClient.Builder().socketFactory(refusingFirstConnect(connects)).build();
        server.enqueue(json(200, "{\"ok\":1}"));

        JsonNode result = transport(ClientOptions.builder().httpClient(own)).execute(post(false));

        assertThat(result.get("ok").asInt()).isEqualTo(1);
        assertThat(connects.get()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    /** Sockets whose first connect is refused; {@code connects} counts the attempts. */
    private static SocketFactory refusingFirstConnect(AtomicInteger connects) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public void connect(SocketAddress endpoint, int timeout) throws IOException {
                        if (connects.incrementAndGet() == 1) {
                            throw new ConnectException("connection refused (simulated)");
                        }
                        super.connect(endpoint, timeout);
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void exhaustedRetriesReportTheAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{\"msg\":\"not ready\"}"));
        }

        assertThatThrownBy(() -> transport().execute(post(false)))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("after 3 attempts").contains("not ready");
                    assertThat(e.getSuppressed()).hasSize(2);
                });
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void retryAfterOnRateLimitExceptionIsExposed() {
        RetryPolicy none = RetryPolicy.NONE;
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "12").body("slow down").build());

        assertThatThrownBy(() -> transport(ClientOptions.builder().retryPolicy(none)).execute(post(false)))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(12)));
    }

    @Test
    void malformedJsonRaisesDecodeException() {
        server.enqueue(json(200, "{\"workspaces\": [1, 2,"));

        assertThatThrownBy(() -> transport().execute(post(true)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("things")
                .hasMessageContaining("offset");
    }

    @Test
    void perCallTimeoutOverrideWinsOverClientDefault() {
        server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body("{}").build());
        HttpTransport t = transport(ClientOptions.builder().timeouts(Timeouts.DEFAULT.withAttempt(Duration.ofSeconds(30))));

        assertThatThrownBy(() -> t.execute(post(false), RequestOptions.attemptTimeout(Duration.ofMillis(200))))
                .isInstanceOfSatisfying(ClientTimeoutException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ClientTimeoutException.Kind.ATTEMPT);
                    assertThat(e.limit()).isEqualTo(Duration.ofMillis(200));
                    assertThat(e.requestSent()).isTrue();
                });
    }

    @Test
    void callTimeoutBoundsAllAttempts() {
        server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body("{}").build());
        HttpTransport t = new HttpTransport(ClientOptions.builder().timeouts(
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(300))).build());
        transport = t;

        assertThatThrownBy(() -> t.execute(post(true)))
                .isInstanceOfSatisfying(ClientTimeoutException.class,
                        e -> assertThat(e.kind()).isEqualTo(ClientTimeoutException.Kind.CALL));
    }

    @Test
    void usesTheCallersHttpClientAndNeverClosesIt() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        OkHttpClient own = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    seen.incrementAndGet();
                    return chain.proceed(chain.request());
                }).build();
        server.enqueue(json(200, "{}"));
        server.enqueue(json(200, "{}"));

        transport(ClientOptions.builder().httpClient(own)).execute(post(true));
        transport.close();

        assertThat(seen.get()).isEqualTo(1);
        assertThat(own.dispatcher().executorService().isShutdown()).isFalse();
        try (okhttp3.Response r = own.newCall(new okhttp3.Request.Builder().url(server.url("/")).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
    }

    @Test
    void closeReleasesAnOwnedClient() {
        server.enqueue(json(200, "{}"));
        HttpTransport t = transport();
        t.executeAsync(post(true), RequestOptions.NONE).join();
        t.close();

        assertThat(t.httpClient().dispatcher().executorService().isShutdown()).isTrue();
        assertThatThrownBy(() -> t.execute(post(true))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendsUserAgentAuthAndAcceptHeaders() throws Exception {
        server.enqueue(json(200, "{}"));

        transport(ClientOptions.builder().auth(BearerTokenAuth.of("tok-123"))).execute(post(true));

        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("User-Agent")).matches("infer4j/\\S+ java/\\S+");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-123");
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(r.getBody().utf8()).isEqualTo("{\"x\":1}");
    }

    @Test
    void replaysOnceAfter401WhenTheProviderRefreshed() {
        AtomicInteger generation = new AtomicInteger(1);
        AuthProvider refreshing = new AuthProvider() {
            @Override
            public AuthHeaders authHeaders() {
                return AuthHeaders.bearer("token-" + generation.get());
            }

            @Override
            public boolean onUnauthorized(AuthHeaders rejected) {
                generation.incrementAndGet();
                return true;
            }
        };
        server.enqueue(json(401, "{\"msg\":\"expired\"}"));
        server.enqueue(json(200, "{\"ok\":true}"));
        server.enqueue(json(401, "{\"msg\":\"expired\"}"));
        server.enqueue(json(401, "{\"msg\":\"still expired\"}"));

        HttpTransport t = transport(ClientOptions.builder().auth(refreshing));
        assertThat(t.execute(post(false)).get("ok").asBoolean()).isTrue();
        assertThatThrownBy(() -> t.execute(post(false)))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("still expired");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void logsNeverContainCredentialsOrSecrets() {
        String password = "s3cr3t-Pa55";
        String token = "eyJhbGciOiJSUzI1NiJ9.payload.sig-XYZ";
        server.enqueue(json(500, "{\"error\":\"server_error\",\"access_token\":\"" + token + "\"}"));
        server.enqueue(json(200, "{\"refresh_token\":\"" + token + "\"}"));

        try (LogCapture logs = LogCapture.start()) {
            Operation<JsonNode> op = Operation.postJson("login.like", server.url("/token?apikey=" + password),
                    Map.of("password", password, "user", "alice"), Decoders.tree("token")).idempotent(true).build();
            transport(ClientOptions.builder().auth(BearerTokenAuth.of(token))).execute(op);

            assertThat(logs.text()).contains("login.like").contains("alice")
                    .doesNotContain(password).doesNotContain(token).doesNotContain("Bearer");
        }
    }

    @Test
    void exceptionsMaskSecretQueryValues() {
        server.enqueue(json(404, "{\"message\":\"no such dataset\"}"));
        Operation<JsonNode> op = Operation.builder("get", "GET", server.url("/api/v1/dataset/x?apikey=k-999&limit=3"),
                Decoders.tree("dataset")).build();

        assertThatThrownBy(() -> transport().execute(op))
                .hasMessageContaining("apikey=***").hasMessageContaining("limit=3").hasMessageNotContaining("k-999");
    }

    @Test
    void connectionsHaveNagleOffUnlessTheCallerBringsASocketFactory() throws Exception {
        // Nagle + delayed ACK held multi-segment inference bodies for ~40 ms (docs/performance.md).
        try (Socket s = transport().httpClient().socketFactory().createSocket()) {
            assertThat(s.getTcpNoDelay()).isTrue();
        }
        AtomicInteger noDelayConnections = new AtomicInteger();
        OkHttpClient own = new OkHttpClient.Builder().eventListener(new okhttp3.EventListener() {
            @Override
            public void connectionAcquired(okhttp3.Call call, okhttp3.Connection connection) {
                try {
                    if (connection.socket().getTcpNoDelay()) {
                        noDelayConnections.incrementAndGet();
                    }
                } catch (java.net.SocketException e) {
                    throw new IllegalStateException(e);
                }
            }
        }).build();
        server.enqueue(json(200, "{\"ok\":1}"));

        transport(ClientOptions.builder().httpClient(own)).execute(post(false));

        assertThat(noDelayConnections.get()).isEqualTo(1);
        SocketFactory custom = new NoDelaySocketFactory();
        HttpTransport withCustom = new HttpTransport(ClientOptions.builder()
                .httpClient(new OkHttpClient.Builder().socketFactory(custom).build()).build());
        assertThat(withCustom.httpClient().socketFactory()).isSameAs(custom);
        withCustom.close();
    }

    @Test
    void moreThanFiveConcurrentCallersKeepTheirConnections() throws Exception {
        int callers = 10;
        java.util.concurrent.CountDownLatch allArrived = new java.util.concurrent.CountDownLatch(callers);
        java.util.List<RecordedRequest> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                seen.add(request);
                allArrived.countDown();
                allArrived.await(10, TimeUnit.SECONDS); // every caller holds its own connection
                return json(200, "{\"ok\":1}");
            }
        });
        HttpTransport t = transport();
        for (int wave = 0; wave < 2; wave++) {
            java.util.List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread th = new Thread(() -> t.execute(post(false)));
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
        }

        // OkHttp's default pool keeps 5 idle connections; ours keeps all 10 for the second wave
        assertThat(seen).hasSize(2 * callers);
        assertThat(seen.stream().mapToInt(RecordedRequest::getConnectionIndex).distinct().count()).isEqualTo(callers);
        assertThat(t.httpClient().connectionPool().connectionCount()).isEqualTo(callers);
    }

    // ---- one-shot bodies: sent at most once, on every path that would send them again ----

    /** Several Okio segments, so a partial send would show. */
    private static final byte[] UPLOAD = "0123456789abcdef-upload-".repeat(2000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final MediaType OCTET = MediaType.get("application/octet-stream");

    private Operation<JsonNode> upload(RequestBody body, boolean idempotent) {
        return Operation.builder("test.upload", "POST", server.url("/v1/upload"), Decoders.tree("upload"))
                .body(body).idempotent(idempotent).build();
    }

    private static RequestBody oneShot() {
        return Bodies.stream(new ByteArrayInputStream(UPLOAD), OCTET);
    }

    /** Every request the server received carried the whole upload: none empty, none partial. */
    private void assertEveryBodyWasComplete(int expectedRequests) throws InterruptedException {
        assertThat(server.getRequestCount()).isEqualTo(expectedRequests);
        for (int i = 0; i < expectedRequests; i++) {
            RecordedRequest r = server.takeRequest();
            assertThat(r.getBody()).as("body of request %d", i + 1).isNotNull();
            assertThat(Arrays.equals(r.getBody().toByteArray(), UPLOAD)).as("body of request %d is the whole upload", i + 1).isTrue();
        }
    }

    private static void assertTellsHowToReplay(BodyNotReplayableException e) {
        assertThat(e.getMessage()).contains("POST").contains("/v1/upload").contains("one-shot")
                .contains("Path").contains("Supplier<InputStream>");
    }

    @Test
    void streamBodyIsNotResentAfter503() throws Exception {
        // Retry-After: 0 also makes OkHttp itself consider re-sending the request.
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("{\"msg\":\"warming up\"}").build());
        server.enqueue(json(200, "{\"ok\":true}"));

        assertThatThrownBy(() -> transport().execute(upload(oneShot(), false)))
                .isInstanceOfSatisfying(BodyNotReplayableException.class, e -> {
                    assertTellsHowToReplay(e);
                    assertThat(e.failure()).isInstanceOf(ServiceUnavailableException.class);
                    assertThat(e.getMessage()).contains("warming up");
                });
        assertEveryBodyWasComplete(1);
    }

    @Test
    void streamBodyIsNotResentAfterTheConnectionDroppedMidCall() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(200, "{\"ok\":true}"));

        assertThatThrownBy(() -> transport().execute(upload(oneShot(), true)))
                .isInstanceOfSatisfying(BodyNotReplayableException.class, e -> {
                    assertTellsHowToReplay(e);
                    assertThat(e.failure()).isInstanceOfSatisfying(TransportException.class,
                            t -> assertThat(t.requestSent()).isTrue());
                });
        assertEveryBodyWasComplete(1);
    }

    @Test
    void streamBodyIsNotReplayedAfter401ButTheTokenIsRefreshed() throws Exception {
        AtomicInteger generation = new AtomicInteger(1);
        AuthProvider refreshing = new AuthProvider() {
            @Override
            public AuthHeaders authHeaders() {
                return AuthHeaders.bearer("token-" + generation.get());
            }

            @Override
            public boolean onUnauthorized(AuthHeaders rejected) {
                generation.incrementAndGet();
                return true;
            }
        };
        server.enqueue(json(401, "{\"msg\":\"expired\"}"));
        server.enqueue(json(200, "{\"ok\":true}"));

        assertThatThrownBy(() -> transport(ClientOptions.builder().auth(refreshing)).execute(upload(oneShot(), false)))
                .isInstanceOfSatisfying(BodyNotReplayableException.class, e -> {
                    assertTellsHowToReplay(e);
                    assertThat(e.failure()).isInstanceOf(UnauthorizedException.class);
                    assertThat(e.getMessage()).doesNotContain("token-");
                });
        assertEveryBodyWasComplete(1);
        assertThat(generation.get()).as("the provider refreshed, so a new call can pass").isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void streamBodyIsNotResentOnARedirectThatKeepsTheBody(int code) throws Exception {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Location", "/v1/elsewhere").build());
        server.enqueue(json(200, "{\"ok\":true}"));

        assertThatThrownBy(() -> transport().execute(upload(oneShot(), false)))
                .isInstanceOfSatisfying(BodyNotReplayableException.class, e -> {
                    assertTellsHowToReplay(e);
                    assertThat(e.getMessage()).contains("redirected it with HTTP " + code);
                    assertThat(e.failure()).isInstanceOfSatisfying(UnexpectedStatusException.class,
                            s -> assertThat(s.status()).isEqualTo(code));
                });
        assertEveryBodyWasComplete(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void streamsFromASupplierAreResentWhole(int redirect) throws Exception {
        AtomicInteger opened = new AtomicInteger();
        RequestBody fresh = Bodies.streams(() -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(UPLOAD);
        }, OCTET);
        server.enqueue(new MockResponse.Builder().code(redirect).setHeader("Location", "/v1/elsewhere").build());
        server.enqueue(json(503, "{\"msg\":\"warming up\"}"));
        server.enqueue(json(200, "{\"ok\":true}"));

        assertThat(transport().execute(upload(fresh, false)).get("ok").asBoolean()).isTrue();

        assertThat(opened.get()).isEqualTo(3);
        assertEveryBodyWasComplete(3);
    }

    @Test
    void streamBodyIsStillSentAfterAConnectFailureBecauseItWasNeverRead() throws Exception {
        AtomicInteger connects = new AtomicInteger();
        OkHttpClient own = new OkHttpClient.Builder().socketFactory(refusingFirstConnect(connects)).build();
        server.enqueue(json(200, "{\"ok\":true}"));

        JsonNode result = transport(ClientOptions.builder().httpClient(own)).execute(upload(oneShot(), false));

        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(connects.get()).isEqualTo(2);
        assertEveryBodyWasComplete(1);
    }

    @Test
    void supplierReturningNullIsATransportExceptionNamingTheSupplier() {
        server.enqueue(json(200, "{}"));

        assertThatThrownBy(() -> transport().execute(upload(Bodies.streams(() -> null, OCTET), false)))
                .isInstanceOf(TransportException.class).hasMessageContaining("Supplier<InputStream>")
                .hasMessageContaining("null");
    }

    // ---- answers cut short: a transport failure, never a decode error ----

    private static final String RECORDS = "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"},{\"a\":3,\"b\":\"z\"}]";

    /** A table codec that streams the body, as the dataset and inference decoders do. */
    private Operation<Table> records(boolean idempotent) {
        return Operation.builder("test.records", "GET", server.url("/v1/records"),
                r -> PandasRecords.read(r.body().byteStream(), ReadOptions.defaults())).idempotent(idempotent).build();
    }

    /** 200 whose Content-Length promises the whole document, cut after half of it. */
    private static MockResponse cutAfterHalf(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
    }

    /** The same, chunked: the connection closes before the last chunk. */
    private static MockResponse chunkedCutAfterHalf(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .chunkedBody(new Buffer().writeUtf8(body), 8)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
    }

    @Test
    void answerCutShortIsRetriedForAnIdempotentRead() {
        server.enqueue(cutAfterHalf(RECORDS));
        server.enqueue(chunkedCutAfterHalf(RECORDS));
        server.enqueue(json(200, RECORDS));

        Table t = transport().execute(records(true));

        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.column("b").get(2)).isEqualTo("z");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void answerCutShortIsATransportExceptionForANonIdempotentCall() {
        server.enqueue(cutAfterHalf(RECORDS));
        server.enqueue(json(200, RECORDS));

        assertThatThrownBy(() -> transport().execute(records(false)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.requestSent()).isTrue();
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("GET").contains("/v1/records").contains("ended early");
                })
                .isNotInstanceOf(DecodeException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void answerCutShortOnEveryAttemptEndsInTransportException() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(chunkedCutAfterHalf(RECORDS));
        }

        assertThatThrownBy(() -> transport().execute(records(true)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.attempts()).isEqualTo(3));
    }

    @Test
    void answerCutShortIsDetectedEvenWhenTheDecoderDropsTheCause() {
        // A decoder that turns every read error into a bare DecodeException, or swallows it, must not hide the cut.
        Operation<String> hiding = Operation.builder("test.hiding", "GET", server.url("/v1/records"), r -> {
            try {
                return r.body().string();
            } catch (IOException e) {
                throw new DecodeException("not a document");
            }
        }).idempotent(false).build();
        Operation<String> swallowing = Operation.builder("test.swallowing", "GET", server.url("/v1/records"), r -> {
            try {
                return r.body().string();
            } catch (IOException e) {
                return "partial";
            }
        }).idempotent(false).build();
        server.enqueue(cutAfterHalf(RECORDS));
        server.enqueue(cutAfterHalf(RECORDS));

        assertThatThrownBy(() -> transport().execute(hiding)).isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> transport.execute(swallowing)).isInstanceOf(TransportException.class);
    }

    @Test
    void completeButMalformedAnswerIsADecodeExceptionAndNotRetried() {
        String broken = RECORDS.substring(0, RECORDS.length() / 2);
        server.enqueue(json(200, broken));
        server.enqueue(json(200, broken));
        server.enqueue(json(200, RECORDS));

        assertThatThrownBy(() -> transport().execute(records(true))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> transport.execute(post(true))).isInstanceOf(DecodeException.class).hasMessageContaining("things");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
