package io.infer4j.testkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.error.InternalServerException;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.ModelUpload;
import io.infer4j.wallaroo.ParallelInferOptions;
import io.infer4j.wallaroo.ParallelInferResult;
import io.infer4j.wallaroo.WallarooClient;
import io.infer4j.wallaroo.model.Model;
import io.infer4j.wallaroo.model.ModelConfig;
import io.infer4j.wallaroo.model.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** parallelInfer under the testkit's faults, and the model calls, through the SDK against a LocalPlatform. */
class WallarooBatchAndModelsTest {
    static LocalPlatform platform;

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
        KeycloakTokenProvider auth = KeycloakTokenProvider.builder().tokenUrl(platform.tokenUrl())
                .clientId(platform.clientId()).clientSecret(platform.clientSecret())
                .password(platform.user(), platform.password()).build();
        wallaroo = WallarooClient.builder().apiUrl(platform.wallarooUrl()).auth(auth)
                .retryPolicy(RetryPolicy.builder().maxRetries(3).build()).sleeper(d -> { }).build();
        fraud = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE));
    }

    @AfterEach
    void disconnect() {
        wallaroo.close();
        platform.faults().clear();
    }

    /** Inference requests the platform saw during the last {@link #infer}. */
    private long hits;

    private ParallelInferResult infer(Table input, ParallelInferOptions options) {
        long before = platform.requestCount("wallaroo:infer");
        ParallelInferResult r = wallaroo.pipelines().parallelInfer(fraud, input, options);
        hits = platform.requestCount("wallaroo:infer") - before;
        return r;
    }

    @Test
    void aDroppedAndACutOffChunkAreSentAgainAndEveryRowIsScored() {
        Table input = SdkFaultModesTest.rows(10, 3);
        ParallelInferOptions fiveChunks = ParallelInferOptions.DEFAULT.withBatchRows(2).withConcurrency(1);

        platform.faults().onOperation("wallaroo:infer").times(1).dropConnection();
        ParallelInferResult dropped = infer(input, fiveChunks);
        assertThat(dropped.isComplete()).isTrue();
        for (int c = 0; c < 5; c++) {
            SdkFaultModesTest.assertScores(input.slice(2 * c, 2 * c + 2), dropped.chunks().get(c));
        }
        assertThat(hits).isEqualTo(5 + 1);

        platform.faults().onOperation("wallaroo:infer").times(1).cutConnectionMidBody();
        ParallelInferResult cut = infer(input, fiveChunks);
        assertThat(cut.isComplete()).isTrue();
        assertThat(cut.table().rowCount()).isEqualTo(10);
        assertThat(hits).isEqualTo(5 + 1);
    }

    @Test
    void aChunkFailingForGoodIsSentRetriesTimesMoreAndKeepsItsRows() {
        Table input = SdkFaultModesTest.rows(10, 4);
        platform.faults().onOperation("wallaroo:infer").times(3).status(500);
        ParallelInferResult r = infer(input, ParallelInferOptions.DEFAULT.withBatchRows(2).withConcurrency(1).withRetries(2));
        // One chunk at a time: the first gets 500 on its send and both resends; the other four succeed.
        assertThat(hits).isEqualTo(3 + 4);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.fromRow()).isEqualTo(0);
            assertThat(f.toRow()).isEqualTo(2);
            assertThat(f.error()).isInstanceOf(InternalServerException.class);
        });
        assertThat(r.table().rowCount()).isEqualTo(8);
    }

    @Test
    void anUploadedVersionKnowsItsModelAndItsConfigIsReadByVersionId(@TempDir Path dir) throws Exception {
        long ws = wallaroo.workspaces().create("models-" + System.nanoTime());
        Path file = Files.write(dir.resolve("ccfraud.onnx"), new byte[] {8, 1, 2, 3});
        ModelVersion v = wallaroo.models().upload(ModelUpload.builder("ccfraud", ws, "onnx").file(file).build())
                .await(Duration.ofMinutes(1));
        Model listed = wallaroo.models().list(ws).stream().filter(m -> m.name().equals("ccfraud")).findFirst().orElseThrow();
        assertThat(v.modelId()).isEqualTo(listed.id()).isNotEqualTo(v.id());

        ModelConfig config = wallaroo.models().config(v).orElseThrow();
        assertThat(config.id()).isEqualTo(v.config().id());
    }
}
