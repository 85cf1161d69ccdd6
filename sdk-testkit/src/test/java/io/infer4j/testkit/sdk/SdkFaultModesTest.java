package io.infer4j.testkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.Sleeper;
import io.infer4j.core.error.ClientTimeoutException;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.PermissionDeniedException;
import io.infer4j.core.error.TransportException;
import io.infer4j.core.error.UnauthorizedException;
import io.infer4j.endpoint.ModelEndpoint;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.testkit.internal.BuiltinModels;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault mode of the testkit, observed through the SDK's own clients. */
class SdkFaultModesTest {
    static LocalPlatform platform;

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final Sleeper recording = sleeps::add;
    KeycloakTokenProvider auth;
    WallarooClient wallaroo;
    InferenceTarget fraud;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @BeforeEach
    void connect() {
        platform.faults().clear();
        auth = KeycloakTokenProvider.builder().tokenUrl(platform.tokenUrl())
                .clientId(platform.clientId()).clientSecret(platform.clientSecret())
                .password(platform.user(), platform.password()).build();
        wallaroo = WallarooClient.builder().apiUrl(platform.wallarooUrl()).auth(auth)
                .retryPolicy(RetryPolicy.builder().maxRetries(3).build())
                .inferenceTimeout(Duration.ofMillis(300))
                .sleeper(recording).build();
        fraud = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE));
    }

    @AfterEach
    void disconnect() {
        wallaroo.close();
        platform.faults().clear();
    }

    static Table rows(int n, int seed) {
        double[][] rows = new double[n][BuiltinModels.FRAUD_WIDTH];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < BuiltinModels.FRAUD_WIDTH; i++) {
                rows[r][i] = ((seed * 31 + r * 7 + i * 13) % 97) / 10.0 - 4.8;
            }
        }
        return Table.builder().addTensor("tensor", rows).build();
    }

    static void assertScores(Table input, InferenceResult r) {
        double[] in = input.tensor("tensor").toDoubleArray();
        double[] scores = r.output("dense_1").orElseThrow().toDoubleArray();
        assertThat(scores).hasSize(input.rowCount());
        for (int row = 0; row < input.rowCount(); row++) {
            double[] x = java.util.Arrays.copyOfRange(in, row * BuiltinModels.FRAUD_WIDTH, (row + 1) * BuiltinModels.FRAUD_WIDTH);
            // The model answers float32; its shortest decimal form parses back to the same float.
            assertThat((float) scores[row]).as("row %d", row).isEqualTo(BuiltinModels.fraud(x));
        }
    }

    @Test
    void unavailableThreeTimesThenSuccessIsRetried() {
        platform.faults().onOperation("wallaroo:infer").times(3).status(503);
        long before = platform.requestCount("wallaroo:infer");
        Table input = rows(5, 1);

        assertScores(input, wallaroo.pipelines().infer(fraud, input));

        assertThat(platform.requestCount("wallaroo:infer") - before).isEqualTo(4);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void rateLimitWaitsWhatRetryAfterSays() {
        platform.faults().onOperation("wallaroo:infer").times(1).rateLimit(Duration.ofSeconds(2));
        Table input = rows(2, 2);

        assertScores(input, wallaroo.pipelines().infer(fraud, input));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void halfABodyUnderAMatchingContentLengthIsADecodeException() {
        // The body is complete as far as HTTP can tell, just not valid JSON: a malformed document.
        platform.faults().onOperation("wallaroo:infer").times(1).truncateBody();

        assertThatThrownBy(() -> wallaroo.pipelines().infer(fraud, rows(3, 3))).isInstanceOf(DecodeException.class);
    }

    @Test
    void aBodyCutShortIsRetriedForReadsAndATransportExceptionForInference() {
        platform.faults().onOperation("wallaroo:workspaces/list").times(1).cutConnectionMidBody();
        long reads = platform.requestCount("wallaroo:workspaces/list");
        assertThat(wallaroo.workspaces().list()).extracting(w -> w.name()).contains(LocalPlatform.DEMO_WORKSPACE);
        assertThat(platform.requestCount("wallaroo:workspaces/list") - reads).isEqualTo(2);

        platform.faults().onOperation("wallaroo:infer").times(1).cutConnectionMidBody();
        long infers = platform.requestCount("wallaroo:infer");
        assertThatThrownBy(() -> wallaroo.pipelines().infer(fraud, rows(3, 3)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.requestSent()).isTrue())
                .isNotInstanceOf(DecodeException.class);
        assertThat(platform.requestCount("wallaroo:infer") - infers).isEqualTo(1);
    }

    @Test
    void aStreamUploadIsNeverReplayedEmptyAfterATokenRefreshButASupplierUploadIs() {
        KeycloakTokenProvider modelClient = KeycloakTokenProvider.builder().tokenUrl(platform.tokenUrl())
                .clientId(platform.endpointClientId()).clientSecret(platform.endpointClientSecret())
                .clientCredentials().scope(platform.endpointScope()).build();
        byte[] file = new byte[70_000];
        new java.util.Random(11).nextBytes(file);
        try (ModelEndpoint model = ModelEndpoint.builder().baseUrl(platform.endpointUrl()).auth(modelClient).build()) {
            assertThat(model.health().ok()).isTrue();
            model.upload("upload", "file", "warm.bin", () -> new java.io.ByteArrayInputStream(file), "application/octet-stream");
            long uploads = platform.requestCount("endpoint:upload");

            platform.faults().expireTokens();
            assertThatThrownBy(() -> model.upload("upload", "file", "x.bin", new java.io.ByteArrayInputStream(file),
                    "application/octet-stream"))
                    .isInstanceOfSatisfying(io.infer4j.core.error.BodyNotReplayableException.class,
                            e -> assertThat(e.failure()).isInstanceOf(UnauthorizedException.class))
                    .hasMessageContaining("Supplier<InputStream>");
            assertThat(platform.requestCount("endpoint:upload") - uploads).as("sent once, never again empty").isEqualTo(1);

            platform.faults().expireTokens();
            var answer = model.upload("upload", "file", "y.bin", () -> new java.io.ByteArrayInputStream(file),
                    "application/octet-stream");
            assertThat(answer.path("size").asInt()).as("the whole file, after the refresh").isEqualTo(file.length);
        }
    }

    @Test
    void droppedConnectionIsNotReplayedForInferenceButIsForReads() {
        platform.faults().onOperation("wallaroo:infer").times(1).dropConnection();
        long before = platform.requestCount("wallaroo:infer");

        assertThatThrownBy(() -> wallaroo.pipelines().infer(fraud, rows(1, 4)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.requestSent()).isTrue());
        assertThat(platform.requestCount("wallaroo:infer") - before).isEqualTo(1);

        platform.faults().onOperation("wallaroo:workspaces/list").times(1).dropConnection();
        assertThat(wallaroo.workspaces().list()).extracting(w -> w.name()).contains(LocalPlatform.DEMO_WORKSPACE);
    }

    @Test
    void slowAnswerHitsTheAttemptTimeout() {
        platform.faults().onOperation("wallaroo:infer").times(1).delay(Duration.ofSeconds(2));

        assertThatThrownBy(() -> wallaroo.pipelines().infer(fraud, rows(1, 5)))
                .isInstanceOfSatisfying(ClientTimeoutException.class,
                        e -> assertThat(e.kind()).isEqualTo(ClientTimeoutException.Kind.ATTEMPT));
    }

    @Test
    void parallelInferSendsADroppedAndACutOffChunkAgainAndScoresEveryRow() {
        Table input = rows(10, 3);
        io.infer4j.wallaroo.ParallelInferOptions fiveChunks =
                io.infer4j.wallaroo.ParallelInferOptions.DEFAULT.withBatchRows(2).withConcurrency(1);
        for (Runnable fault : List.<Runnable>of(
                () -> platform.faults().onOperation("wallaroo:infer").times(1).dropConnection(),
                () -> platform.faults().onOperation("wallaroo:infer").times(1).cutConnectionMidBody())) {
            fault.run();
            long before = platform.requestCount("wallaroo:infer");
            io.infer4j.wallaroo.ParallelInferResult r = wallaroo.pipelines().parallelInfer(fraud, input, fiveChunks);
            assertThat(r.isComplete()).isTrue();
            for (int c = 0; c < 5; c++) {
                assertScores(input.slice(2 * c, 2 * c + 2), r.chunks().get(c));
            }
            assertThat(platform.requestCount("wallaroo:infer") - before).isEqualTo(5 + 1);
        }
    }

    @Test
    void parallelInferReportsAChunkFailingForGoodWithItsRowsAfterExactlyRetriesResends() {
        platform.faults().onOperation("wallaroo:infer").times(3).status(500);
        long before = platform.requestCount("wallaroo:infer");
        io.infer4j.wallaroo.ParallelInferResult r = wallaroo.pipelines().parallelInfer(fraud, rows(10, 4),
                io.infer4j.wallaroo.ParallelInferOptions.DEFAULT.withBatchRows(2).withConcurrency(1).withRetries(2));
        // One chunk at a time: the first gets 500 on its send and both resends; the other four succeed.
        assertThat(platform.requestCount("wallaroo:infer") - before).isEqualTo(3 + 4);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.fromRow()).isEqualTo(0);
            assertThat(f.toRow()).isEqualTo(2);
            assertThat(f.error()).isInstanceOf(io.infer4j.core.error.InternalServerException.class);
        });
        assertThat(r.table().rowCount()).isEqualTo(8);
    }

    @Test
    void expiredTokensAreRefreshedAndTheCallReplayedOnce() {
        Table input = rows(2, 6);
        wallaroo.pipelines().infer(fraud, input);
        long tokens = platform.tokenRequests();
        platform.faults().expireTokens();

        assertScores(input, wallaroo.pipelines().infer(fraud, input));

        assertThat(platform.tokenRequests() - tokens).isEqualTo(1);
    }

    @Test
    void revokedSessionFallsBackToANewLogin() {
        Table input = rows(2, 7);
        wallaroo.pipelines().infer(fraud, input);
        platform.faults().revokeSessions();

        assertScores(input, wallaroo.pipelines().infer(fraud, input));
    }

    @Test
    void securedEndpointRejectsMissingAndUnderScopedTokens() {
        try (ModelEndpoint anonymous = ModelEndpoint.builder().baseUrl(platform.endpointUrl()).build()) {
            assertThat(anonymous.health().ok()).isTrue();
            assertThatThrownBy(() -> anonymous.upload("upload", "file", "x.bin", new java.io.ByteArrayInputStream(new byte[] {1}),
                    "application/octet-stream")).isInstanceOf(UnauthorizedException.class);
        }
        // A valid token of the platform's realm, but for the Wallaroo client: wrong audience/scope.
        // (a supplier, so the provider's refresh-and-replay after the first 401 can resend the body)
        try (ModelEndpoint wrong = ModelEndpoint.builder().baseUrl(platform.endpointUrl()).auth(auth).build()) {
            assertThatThrownBy(() -> wrong.upload("upload", "file", "x.bin", () -> new java.io.ByteArrayInputStream(new byte[] {1}),
                    "application/octet-stream")).isInstanceOfAny(UnauthorizedException.class, PermissionDeniedException.class);
        }
        KeycloakTokenProvider modelClient = KeycloakTokenProvider.builder().tokenUrl(platform.tokenUrl())
                .clientId(platform.endpointClientId()).clientSecret(platform.endpointClientSecret())
                .clientCredentials().scope(platform.endpointScope()).build();
        try (ModelEndpoint ok = ModelEndpoint.builder().baseUrl(platform.endpointUrl()).auth(modelClient).build()) {
            assertThat(ok.upload("upload", "file", "x.bin", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}),
                    "application/octet-stream").toString()).contains("x.bin");
        }
    }
}
