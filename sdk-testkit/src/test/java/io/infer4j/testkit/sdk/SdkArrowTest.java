package io.infer4j.testkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.core.error.UnsupportedByServerException;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.testkit.ServerVersion;
import io.infer4j.testkit.internal.BuiltinModels;
import io.infer4j.wallaroo.InferOptions;
import io.infer4j.wallaroo.InferenceFormat;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.LogPage;
import io.infer4j.wallaroo.ParallelInferOptions;
import io.infer4j.wallaroo.ParallelInferResult;
import io.infer4j.wallaroo.WallarooClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arrow inference and logs from the SDK client to the LocalPlatform, both through the provider on
 * the test class path (sdk-core's stand-in here), and the client's fallback error against a
 * platform imitating 2022 Wallaroo, which takes no Arrow.
 */
class SdkArrowTest {
    private static final InferOptions ARROW = InferOptions.builder().format(InferenceFormat.ARROW).build();

    private static WallarooClient client(LocalPlatform platform) {
        KeycloakTokenProvider auth = KeycloakTokenProvider.builder().tokenUrl(platform.tokenUrl())
                .clientId(platform.clientId()).clientSecret(platform.clientSecret())
                .password(platform.user(), platform.password()).build();
        return WallarooClient.builder().apiUrl(platform.wallarooUrl()).auth(auth).build();
    }

    @Test
    void arrowInferenceAndLogsGiveWhatPandasRecordsGive() {
        try (LocalPlatform platform = LocalPlatform.start(); WallarooClient wallaroo = client(platform)) {
            InferenceTarget fraud = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE));
            Table input = SdkFaultModesTest.rows(4, 7);
            InferenceResult arrow = wallaroo.pipelines().infer(fraud, input, ARROW);
            InferenceResult pandas = wallaroo.pipelines().infer(fraud, input, InferOptions.DEFAULT);
            assertThat(arrow.format()).isEqualTo(InferenceResult.Format.ARROW);
            assertThat(pandas.format()).isEqualTo(InferenceResult.Format.PANDAS_RECORDS);
            assertThat(arrow.table().columnNames()).isEqualTo(pandas.table().columnNames());
            assertThat(arrow.table().column("time").type()).isEqualTo(ColumnType.TIMESTAMP);
            assertThat(arrow.outputs()).isEqualTo(pandas.outputs());
            SdkFaultModesTest.assertScores(input, arrow);

            ParallelInferResult parallel = wallaroo.pipelines().parallelInfer(fraud, SdkFaultModesTest.rows(11, 3),
                    ParallelInferOptions.DEFAULT.withBatchRows(4).withInferOptions(ARROW));
            assertThat(parallel.isComplete()).isTrue();
            assertThat(parallel.chunks()).hasSize(3).allMatch(c -> c.format() == InferenceResult.Format.ARROW);
            Table eleven = SdkFaultModesTest.rows(11, 3);
            double[] in = eleven.tensor("tensor").toDoubleArray();
            double[] scores = parallel.table().tensor("out.dense_1").toDoubleArray();
            for (int row = 0; row < 11; row++) {
                double[] x = java.util.Arrays.copyOfRange(in, row * BuiltinModels.FRAUD_WIDTH, (row + 1) * BuiltinModels.FRAUD_WIDTH);
                assertThat((float) scores[row]).as("row %d", row).isEqualTo(BuiltinModels.fraud(x));
            }

            long ws = wallaroo.workspaces().findByName("ccfraudworkspace").orElseThrow().id();
            List<LogPage> pages = new ArrayList<>();
            wallaroo.pipelines().logs(ws, LocalPlatform.FRAUD_PIPELINE, 5, InferenceFormat.ARROW).forEach(pages::add);
            List<LogPage> jsonPages = new ArrayList<>();
            wallaroo.pipelines().logs(ws, LocalPlatform.FRAUD_PIPELINE, 5).forEach(jsonPages::add);
            assertThat(pages).hasSize(4);
            assertThat(pages.stream().mapToInt(p -> p.records().rowCount()).sum()).isEqualTo(4 + 4 + 11);
            for (int i = 0; i < pages.size(); i++) {
                assertThat(pages.get(i).records()).isEqualTo(jsonPages.get(i).records());
                assertThat(pages.get(i).cursor()).isEqualTo(jsonPages.get(i).cursor());
            }
        }
    }

    @Test
    void aWallarooWithoutArrowGivesTheFallbackError() {
        try (LocalPlatform platform = LocalPlatform.builder().serverVersion(ServerVersion.LEGACY_2022).start();
             WallarooClient wallaroo = client(platform)) {
            InferenceTarget fraud = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE));
            assertThatThrownBy(() -> wallaroo.pipelines().infer(fraud, SdkFaultModesTest.rows(1, 1), ARROW))
                    .isInstanceOfSatisfying(UnsupportedByServerException.class, e -> assertThat(e.status()).isEqualTo(415))
                    .hasMessageContaining("InferenceFormat.PANDAS_RECORDS");
            assertThat(wallaroo.pipelines().infer(fraud, SdkFaultModesTest.rows(1, 1)).rowCount()).isEqualTo(1);

            long ws = wallaroo.workspaces().findByName("ccfraudworkspace").orElseThrow().id();
            assertThatThrownBy(() -> wallaroo.pipelines().logs(ws, LocalPlatform.FRAUD_PIPELINE, 5, InferenceFormat.ARROW)
                    .iterator().hasNext())
                    .isInstanceOfSatisfying(UnsupportedByServerException.class, e -> assertThat(e.status()).isEqualTo(406));
        }
    }
}
