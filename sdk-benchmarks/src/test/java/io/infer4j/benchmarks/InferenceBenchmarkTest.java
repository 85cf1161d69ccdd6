package io.infer4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.wallaroo.InferenceResult;
import org.junit.jupiter.api.Test;

/** The SDK and the hand-written call send the same bytes to the same server and get the same answer. */
class InferenceBenchmarkTest {

    @Test
    void sdkAndRawSendTheSameBytesAndDecodeTheSameOutputs() throws Exception {
        InferenceBenchmark b = new InferenceBenchmark();
        b.dataset = InferenceData.ONE_K;
        b.setup();
        try {
            InferenceResult sdk = b.sdk();
            JsonNode raw = b.rawTree();
            byte[] bytes = b.rawBytes();

            int rows = InferenceData.rows(InferenceData.ONE_K);
            assertThat(sdk.rowCount()).isEqualTo(rows);
            assertThat(sdk.outputs()).hasSize(15);
            JsonNode first = raw.get(0).get("outputs").get(0).get("Float").get("data");
            assertThat(first).hasSize(rows);
            // Float outputs are float32: the SDK keeps the float the answer's decimal stands for
            assertThat(sdk.output("output_0").orElseThrow().toFloatArray()[rows - 1]).isEqualTo((float) first.get(rows - 1).asDouble());
            assertThat(bytes).isEqualTo(InferenceData.answer(InferenceData.ONE_K));
        } finally {
            b.tearDown();
        }
    }

    @Test
    void theServerReceivedEveryRequestBodyWhole() throws Exception {
        byte[] body = InferenceData.input(InferenceData.ONE);
        try (FixedResponseServer server = new FixedResponseServer("[]".getBytes(), "application/json", java.time.Duration.ZERO)) {
            for (int i = 0; i < 3; i++) {
                assertThat(InferenceData.infer(server.url() + "/x", body)).isEqualTo("[]".getBytes());
            }
            assertThat(server.requests()).isEqualTo(3);
            assertThat(server.bodyBytes()).isEqualTo(3L * body.length);
            assertThat(server.acceptedConnections()).isEqualTo(3); // infer() uses a fresh client each time
        }
    }
}
