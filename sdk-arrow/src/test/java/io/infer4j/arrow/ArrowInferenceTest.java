package io.infer4j.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.core.error.UnsupportedByServerException;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.testkit.RecordedRequest;
import io.infer4j.testkit.ServerVersion;
import io.infer4j.testkit.internal.BuiltinModels;
import io.infer4j.testsupport.Contract;
import io.infer4j.wallaroo.InferOptions;
import io.infer4j.wallaroo.InferenceFormat;
import io.infer4j.wallaroo.InferenceInput;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.LogPage;
import io.infer4j.wallaroo.ParallelInferOptions;
import io.infer4j.wallaroo.ParallelInferResult;
import io.infer4j.wallaroo.WallarooClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Real Arrow on the wire, both ways, between the SDK and the LocalPlatform (which finds this
 * module's provider on the class path, as a user's test would): answers equal the pandas-records
 * path value for value, Wallaroo's own data_1k.arrow scores as the model says, and a platform
 * without Arrow gives the fallback error.
 */
class ArrowInferenceTest {
    private static final InferOptions ARROW = InferOptions.builder().format(InferenceFormat.ARROW).build();

    private static WallarooClient client(LocalPlatform platform) {
        KeycloakTokenProvider auth = KeycloakTokenProvider.builder().tokenUrl(platform.tokenUrl())
                .clientId(platform.clientId()).clientSecret(platform.clientSecret())
                .password(platform.user(), platform.password()).build();
        return WallarooClient.builder().apiUrl(platform.wallarooUrl()).auth(auth).build();
    }

    static Table fraudRows(int rows, long seed) {
        Random rnd = new Random(seed);
        double[][] values = new double[rows][];
        for (int r = 0; r < rows; r++) {
            values[r] = rnd.doubles(BuiltinModels.FRAUD_WIDTH, -2, 2).toArray();
        }
        return Table.builder().addTensor("tensor", values).build();
    }

    @Test
    void arrowBothWaysGivesWhatPandasRecordsGives() {
        try (LocalPlatform platform = LocalPlatform.start(); WallarooClient wallaroo = client(platform)) {
            InferenceTarget fraud = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE));
            Table input = fraudRows(50, 1);
            InferenceResult arrow = wallaroo.pipelines().infer(fraud, input, ARROW);
            InferenceResult json = wallaroo.pipelines().infer(fraud, input, InferOptions.DEFAULT);

            RecordedRequest sent = platform.requests().stream().filter(r -> r.method().equals("POST")
                    && r.path().contains(LocalPlatform.FRAUD_PIPELINE)).findFirst().orElseThrow();
            assertThat(sent.header("content-type")).isEqualTo(ArrowTables.FILE_MEDIA_TYPE);
            assertThat(sent.header("accept")).isEqualTo(ArrowTables.FILE_MEDIA_TYPE);

            assertThat(arrow.format()).isEqualTo(InferenceResult.Format.ARROW);
            assertThat(arrow.table().columnNames()).isEqualTo(json.table().columnNames());
            assertThat(arrow.table().column("time").type()).isEqualTo(ColumnType.TIMESTAMP);
            assertThat(arrow.outputs()).isEqualTo(json.outputs());
            double[] in = input.tensor("tensor").toDoubleArray();
            for (int row = 0; row < input.rowCount(); row++) {
                double[] x = java.util.Arrays.copyOfRange(in, row * BuiltinModels.FRAUD_WIDTH, (row + 1) * BuiltinModels.FRAUD_WIDTH);
                assertThat((float) arrow.table().tensor("out.dense_1").getTensor(row).getDouble(0)).as("row %d", row)
                        .isEqualTo(BuiltinModels.fraud(x));
            }
            // The Arrow answer survives InferenceResult's own round trip as Arrow.
            assertThat(InferenceResult.read(arrow.toBytes()).table()).isEqualTo(arrow.table());

            assertThat(wallaroo.pipelines().inferAsync(fraud, input, ARROW).join().outputs()).isEqualTo(json.outputs());
        }
    }

    @Test
    void parallelInferAndLogsTravelAsArrow() {
        try (LocalPlatform platform = LocalPlatform.start(); WallarooClient wallaroo = client(platform)) {
            InferenceTarget fraud = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE));
            Table input = fraudRows(1000, 2);
            ParallelInferResult arrow = wallaroo.pipelines().parallelInfer(fraud, input,
                    ParallelInferOptions.DEFAULT.withBatchRows(128).withConcurrency(3).withInferOptions(ARROW));
            ParallelInferResult json = wallaroo.pipelines().parallelInfer(fraud, input,
                    ParallelInferOptions.DEFAULT.withBatchRows(128).withConcurrency(3));
            assertThat(arrow.isComplete()).isTrue();
            assertThat(arrow.chunks()).hasSize(8).allMatch(c -> c.format() == InferenceResult.Format.ARROW);
            assertThat(arrow.table().tensor("out.dense_1")).isEqualTo(json.table().tensor("out.dense_1"));
            assertThat(arrow.table().tensor("in.tensor")).isEqualTo(json.table().tensor("in.tensor"));

            long ws = wallaroo.workspaces().findByName("ccfraudworkspace").orElseThrow().id();
            List<LogPage> pages = new ArrayList<>();
            wallaroo.pipelines().logs(ws, LocalPlatform.FRAUD_PIPELINE, 500, InferenceFormat.ARROW).forEach(pages::add);
            List<LogPage> jsonPages = new ArrayList<>();
            wallaroo.pipelines().logs(ws, LocalPlatform.FRAUD_PIPELINE, 500).forEach(jsonPages::add);
            assertThat(pages).hasSameSizeAs(jsonPages);
            assertThat(pages.stream().mapToInt(p -> p.records().rowCount()).sum()).isEqualTo(2000);
            for (int i = 0; i < pages.size(); i++) {
                assertThat(pages.get(i).records()).isEqualTo(jsonPages.get(i).records());
            }
        }
    }

    @Test
    void wallaroosOwnArrowFileScoresAsTheModelSays() {
        byte[] file = Contract.bytes("wallaroo/inputs/arrow/data_1k.arrow");
        try (LocalPlatform platform = LocalPlatform.start(); WallarooClient wallaroo = client(platform)) {
            InferenceTarget aloha = InferenceTarget.url(platform.inferenceUrl("urldemopipeline"));
            InferenceResult r = wallaroo.pipelines().infer(aloha, InferenceInput.raw(file, InferenceInput.ARROW_FILE), ARROW);
            assertThat(r.format()).isEqualTo(InferenceResult.Format.ARROW);
            assertThat(r.rowCount()).isEqualTo(1000);
            Table input = ArrowTables.readFile(file);
            for (int row = 0; row < 1000; row += 111) {
                assertThat(r.table().tensor("in.text_input").getTensor(row).toDoubleArray()).as("row %d", row)
                        .isEqualTo(input.tensor("text_input").getTensor(row).toDoubleArray());
            }
            float[] first = BuiltinModels.aloha(input.tensor("text_input").getTensor(0).toDoubleArray());
            assertThat(r.outputs().values().iterator().next().toString()).isNotBlank();
            assertThat(r.table().column(r.table().columnNames().stream().filter(c -> c.startsWith("out.")).findFirst().orElseThrow())
                    .get(0).toString()).contains(Float.toString(first[0]));
        }
    }

    @Test
    void aWallarooWithoutArrowIsAClearError() {
        try (LocalPlatform platform = LocalPlatform.builder().serverVersion(ServerVersion.LEGACY_2022).start();
             WallarooClient wallaroo = client(platform)) {
            InferenceTarget fraud = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE));
            assertThatThrownBy(() -> wallaroo.pipelines().infer(fraud, fraudRows(1, 3), ARROW))
                    .isInstanceOf(UnsupportedByServerException.class).hasMessageContaining("PANDAS_RECORDS");
        }
    }
}
