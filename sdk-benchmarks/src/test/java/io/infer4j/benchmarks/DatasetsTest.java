package io.infer4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.TensorJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generated stand-ins have the shape of the recordings, so the benchmarks mean the same without ../shared. */
class DatasetsTest {

    @Test
    void generatedDataHasTheRecordedShapes() {
        Table tensor = TensorJson.read(Datasets.generate(Datasets.TENSOR_25K).getBytes(StandardCharsets.UTF_8));
        assertThat(tensor.rowCount()).isEqualTo(24_954);
        assertThat(tensor.tensor("text_input").fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(50));
        Table records = PandasRecords.read(Datasets.generate(Datasets.RECORDS_1K).getBytes(StandardCharsets.UTF_8));
        assertThat(records.rowCount()).isEqualTo(1000);
        Table out = PandasRecords.read(Datasets.generate(Datasets.RECORDS_OUT_1K).getBytes(StandardCharsets.UTF_8));
        assertThat(out.columnNames()).contains("in.text_input", "out.banjori", "anomaly.count", "metadata.elapsed");
    }

    @Test
    void benchmarkMethodsAgreeWithEachOther() throws Exception {
        for (String ds : new String[] {Datasets.TENSOR_25K, Datasets.RECORDS_1K, Datasets.RECORDS_OUT_1K}) {
            CodecBenchmark b = new CodecBenchmark();
            b.dataset = ds;
            b.setup();
            assertThat(b.baselineTokens()).isPositive();
            // what we encode decodes to the same table
            byte[] encoded = b.encode();
            Table again = ds.equals(Datasets.TENSOR_25K) ? TensorJson.read(encoded) : PandasRecords.read(encoded);
            assertThat(again).isEqualTo(b.decode());
        }
    }
}
