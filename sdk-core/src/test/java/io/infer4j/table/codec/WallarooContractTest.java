package io.infer4j.table.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.testsupport.Contract;
import io.infer4j.testsupport.SemanticJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Wallaroo table recording (pandas-records, tensor JSON) decodes and re-encodes to
 * semantically equal JSON; the legacy InferenceResult answers are covered by
 * {@code io.infer4j.wallaroo.InferenceResultTest}.
 */
class WallarooContractTest {

    static Stream<Path> pandasRecordFiles() {
        return Stream.concat(Contract.files("wallaroo/inputs/pandas-records", ".json").stream(),
                Contract.files("wallaroo/recorded/inference", ".json").stream()
                        .filter(p -> p.getFileName().toString().contains("pandas-records")
                                || p.getFileName().toString().contains("flattened")));
    }

    @ParameterizedTest
    @MethodSource("pandasRecordFiles")
    void pandasRecordsRoundTrip(Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        boolean nested = new String(body, 0, Math.min(200, body.length)).contains("\"in\":{");
        Table t = PandasRecords.read(body);
        assertThat(t.rowCount()).isPositive();
        byte[] out = PandasRecords.toBytes(t, nested ? WriteOptions.defaults().withNesting(".") : WriteOptions.defaults());
        SemanticJson.assertEqual(body, out);
        // nested kept as JSON columns round-trips too
        Table kept = PandasRecords.read(body, ReadOptions.defaults().keepNested());
        SemanticJson.assertEqual(body, PandasRecords.toBytes(kept));
    }

    @org.junit.jupiter.api.Test
    void nestedAndFlattenedRecordingsDecodeToTheSameColumns() {
        Table nested = PandasRecords.read(Contract.bytes("wallaroo/recorded/inference/ccfraud_dense_input_1row.pandas-records-out.2023-11.json"));
        Table flat = PandasRecords.read(Contract.bytes("wallaroo/recorded/inference/ccfraud_dense_input_1k.flattened-out.json"));
        assertThat(nested.column("out.dense_1").type()).isEqualTo(ColumnType.TENSOR);
        assertThat(flat.column("out.dense_1").type()).isEqualTo(ColumnType.TENSOR);
        assertThat(flat.tensor("in.dense_input").fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(29));
        assertThat(flat.rowCount()).isEqualTo(1000);
        assertThat(nested.columnNames()).contains("in.dense_input", "metadata.last_model");
        Table aloha = PandasRecords.read(Contract.bytes("wallaroo/recorded/inference/aloha_data_1k.arrow-in.pandas-records-out.2025-07.json"));
        assertThat(aloha.rowCount()).isEqualTo(1000);
        assertThat(aloha.int64("time").getLong(0)).isEqualTo(1752682622795L);
        List<String> names = aloha.columnNames();
        assertThat(names).contains("out.banjori", "anomaly.count", "metadata.elapsed");
    }

    static List<Path> tensorFiles() {
        return Contract.files("wallaroo/inputs/tensor", ".json");
    }

    @ParameterizedTest
    @MethodSource("tensorFiles")
    void tensorJsonRoundTrip(Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        Table t = TensorJson.read(body);
        assertThat(t.column(0).type()).isEqualTo(ColumnType.TENSOR);
        SemanticJson.assertEqual(body, TensorJson.toBytes(t));
    }

    @org.junit.jupiter.api.Test
    void tensorJsonInputsDecodeToFixedInt64Tensors() {
        Table t = TensorJson.read(Contract.bytes("wallaroo/inputs/tensor/data-1k.json"));
        assertThat(t.rowCount()).isEqualTo(1000);
        assertThat(t.tensor("text_input").elementType()).isEqualTo(ColumnType.INT64);
        assertThat(t.tensor("text_input").fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(50));
        Table records = PandasRecords.read(Contract.bytes("wallaroo/inputs/pandas-records/data_1k.df.json"));
        assertThat(records.columns()).isEqualTo(t.columns());
    }
}
