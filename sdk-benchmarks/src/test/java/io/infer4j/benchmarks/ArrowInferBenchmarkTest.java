package io.infer4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.arrow.ArrowTables;
import io.infer4j.benchmarks.ArrowJavaBaseline.HeapColumn;
import io.infer4j.table.Table;
import io.infer4j.wallaroo.InferenceResult;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** The three inference paths send the same rows and read the same answer, each in its own format. */
class ArrowInferBenchmarkTest {

    @Test
    void arrowRecordsAndTheHandWrittenCallGetTheSameOutputs() throws Exception {
        ArrowInferBenchmark b = new ArrowInferBenchmark();
        b.dataset = InferenceData.ONE_K;
        b.setup();
        try {
            InferenceResult arrow = b.sdkArrow();
            assertThat(b.server().arrowAnswers()).isEqualTo(1);
            InferenceResult records = b.sdkRecords();
            assertThat(b.server().arrowAnswers()).isEqualTo(1); // pandas-records asked for JSON
            List<HeapColumn> raw = b.rawArrow();
            assertThat(b.server().arrowAnswers()).isEqualTo(2);

            assertThat(arrow.format()).isEqualTo(InferenceResult.Format.ARROW);
            assertThat(records.format()).isEqualTo(InferenceResult.Format.PANDAS_RECORDS);
            assertThat(arrow.rowCount()).isEqualTo(1000);
            assertThat(records.rowCount()).isEqualTo(1000);
            double[] banjori = arrow.table().tensor("out.banjori").toDoubleArray();
            assertThat(records.table().tensor("out.banjori").toDoubleArray()).isEqualTo(banjori);
            HeapColumn rawBanjori = raw.stream().filter(c -> c.field().getName().equals("out.banjori")).findFirst().orElseThrow();
            assertThat((double[]) rawBanjori.child().values()).isEqualTo(banjori);
            assertThat(raw).hasSize(arrow.table().columnNames().size());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void theHandWrittenRequestHoldsTheRowsTheSdkSends() {
        Table table = InferenceData.table(InferenceData.ONE_K);
        try (RootAllocator allocator = new RootAllocator()) {
            byte[] file = ArrowJavaBaseline.writeTensor(allocator, "text_input", table.tensor("text_input").toLongArray(), 50);
            Table back = ArrowTables.readFile(file);
            assertThat(back.rowCount()).isEqualTo(1000);
            assertThat(back.tensor("text_input").toLongArray()).isEqualTo(table.tensor("text_input").toLongArray());
        }
    }
}
