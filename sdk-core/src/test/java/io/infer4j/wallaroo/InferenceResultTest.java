package io.infer4j.wallaroo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.DecodeException;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.testsupport.Contract;
import io.infer4j.testsupport.SemanticJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one decoder of Wallaroo answers, without HTTP: every recorded answer decodes and writes back
 * to semantically equal JSON, legacy fields and typed outputs, and bad bodies are DecodeExceptions
 * that name the output.
 */
class InferenceResultTest {

    static Stream<Path> legacyRecordings() {
        return Contract.files("wallaroo/recorded/inference", ".json").stream()
                .filter(p -> p.getFileName().toString().contains("inferenceresult"));
    }

    @ParameterizedTest
    @MethodSource("legacyRecordings")
    void everyLegacyRecordingRoundTrips(Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        InferenceResult r = InferenceResult.read(body);
        assertThat(r.format()).isEqualTo(InferenceResult.Format.LEGACY);
        assertThat(r.legacyResults()).isNotEmpty();
        SemanticJson.assertEqual(body, r.toBytes());
        assertThat(InferenceResult.read(r.toBytes())).isEqualTo(r);
        InferenceResult.LegacyResult first = r.legacyResults().get(0);
        assertThat(first.toTable().columnCount()).isEqualTo(first.outputs().size());
        assertThat(r.table().columnCount()).isEqualTo(1 + first.outputs().size());
    }

    static Stream<Path> pandasRecordings() {
        return Contract.files("wallaroo/recorded/inference", ".json").stream()
                .filter(p -> !p.getFileName().toString().contains("inferenceresult")
                        && !p.getFileName().toString().startsWith("edge_get_"));
    }

    @ParameterizedTest
    @MethodSource("pandasRecordings")
    void everyPandasRecordsRecordingWritesBackToTheSameResult(Path file) throws IOException {
        InferenceResult r = InferenceResult.read(Files.readAllBytes(file));
        assertThat(r.format()).isEqualTo(InferenceResult.Format.PANDAS_RECORDS);
        assertThat(r.legacyResults()).isEmpty();
        InferenceResult again = InferenceResult.read(r.toBytes());
        assertThat(again.table()).isEqualTo(r.table());
        assertThat(again.outputs()).isEqualTo(r.outputs());
    }

    @Test
    void frcnnOutputsBecomeTypedTensorsAndATable() {
        InferenceResult r = InferenceResult.read(Contract.bytes("wallaroo/recorded/inference/frcnn.inference-server.inferenceresult.json"));
        InferenceResult.LegacyResult legacy = r.legacyResults().get(0);
        assertThat(legacy.outputs()).extracting(OutputTensor::type).containsExactly("Float", "Int64", "Float");
        assertThat(legacy.outputs()).extracting(OutputTensor::elementType)
                .containsExactly(ColumnType.FLOAT32, ColumnType.INT64, ColumnType.FLOAT32);
        assertThat(legacy.outputs().get(0).shape()).containsExactly(100, 4);
        assertThat(legacy.outputs().get(0).toFloatArray()[0]).isEqualTo(2.1511011123657227f);
        Table t = legacy.toTable(List.of("boxes", "classes", "confidences"));
        assertThat(t.rowCount()).isEqualTo(100);
        assertThat(t.tensor("boxes").fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(4));
        assertThat(t.column("classes").type()).isEqualTo(ColumnType.INT64);
        assertThat(t.column("confidences").type()).isEqualTo(ColumnType.FLOAT32);
        assertThat(legacy.elapsed().orElseThrow().size()).isEqualTo(2);
        assertThat(legacy.originalData().orElseThrow().isNull()).isTrue();
        assertThat(legacy.modelName()).isPresent();
        assertThat(legacy.checkFailures().orElseThrow().isArray()).isTrue();
        // the same columns under the outputs' positional names, after time
        assertThat(r.table().columnNames()).containsExactly("time", "out.output_0", "out.output_1", "out.output_2");
        assertThat(r.table().column("out.output_1")).isEqualTo(t.column("classes").rename("out.output_1"));
        assertThat(r.output("output_1").orElseThrow().toLongArray()).isEqualTo(t.int64("classes").toLongArray());
    }

    @Test
    void shadowDataCheckFailuresAndUnknownFieldsAreKeptAndWrittenBack() {
        String body = "[{\"model_name\":\"champion\",\"outputs\":[{\"Float\":{\"v\":1,\"dim\":[2,1],\"data\":[0.5,0.25]}}],"
                + "\"shadow_data\":{\"ccfraud-xgb\":[{\"Float\":{\"data\":[0.0005066990852355957,1.0],\"dim\":[2,1],\"v\":1}}]},"
                + "\"check_failures\":[{\"check\":\"x\"},{\"check\":\"y\"}],\"elapsed\":12,\"original_data\":{\"tensor\":[[1],[2]]},"
                + "\"partition\":\"engine-1\",\"time\":1696454765559}]";
        InferenceResult r = InferenceResult.read(body.getBytes(UTF_8));
        InferenceResult.LegacyResult legacy = r.legacyResults().get(0);
        OutputTensor shadow = legacy.shadowData().get("ccfraud-xgb").get(0);
        assertThat(shadow.toFloatArray()).containsExactly(0.0005066990852355957f, 1.0f);
        assertThat(shadow.shape()).containsExactly(2, 1);
        assertThat(legacy.checkFailures().orElseThrow()).hasSize(2);
        assertThat(r.anomalyCount()).isEqualTo(2);
        assertThat(legacy.elapsed().orElseThrow().asLong()).isEqualTo(12);
        assertThat(legacy.originalData().orElseThrow().get("tensor")).hasSize(2);
        assertThat(legacy.additionalProperties()).containsOnlyKeys("partition");
        assertThat(legacy.additionalProperties().get("partition").asText()).isEqualTo("engine-1");
        SemanticJson.assertEqual(body.getBytes(UTF_8), r.toBytes());
    }

    @Test
    void nanIsReadFromNullAndWrittenAsNull() {
        byte[] body = "[{\"outputs\":[{\"Float\":{\"v\":1,\"dim\":[2],\"data\":[null,1.5]}},{\"Double\":{\"v\":1,\"dim\":[2],\"data\":[NaN,1]}}]}]"
                .getBytes(UTF_8);
        InferenceResult r = InferenceResult.read(body);
        assertThat(r.output("output_0").orElseThrow().toFloatArray()).containsExactly(Float.NaN, 1.5f);
        assertThat(r.output("output_1").orElseThrow().toDoubleArray()).containsExactly(Double.NaN, 1.0);
        JsonNode written = io.infer4j.core.internal.Json.readTree(r.toBytes(), "test");
        assertThat(written.get(0).get("outputs").get(0).get("Float").get("data").get(0).isNull()).isTrue();
        assertThat(written.get(0).get("outputs").get(1).get("Double").get("data").get(0).isNull()).isTrue();
    }

    @Test
    void aTypeNameInfer4jDoesNotKnowIsReadByItsValues() {
        InferenceResult r = InferenceResult.read(("[{\"outputs\":[{\"Float16\":{\"v\":1,\"dim\":[2],\"data\":[1,0.5]}},"
                + "{\"Utf16\":{\"v\":1,\"dim\":[2],\"data\":[\"a\",null]}}]}]").getBytes(UTF_8));
        OutputTensor half = r.output("output_0").orElseThrow();
        assertThat(half.type()).isEqualTo("Float16");
        assertThat(half.elementType()).isEqualTo(ColumnType.FLOAT64);
        assertThat(half.toDoubleArray()).containsExactly(1.0, 0.5);
        assertThat(r.output("output_1").orElseThrow().toStringArray()).containsExactly("a", null);
        assertThat(new String(r.toBytes(), UTF_8)).contains("\"Float16\"");
    }

    @Test
    void severalResultObjectsAreOneTableAndTheirOutputsArePrefixed() {
        InferenceResult r = InferenceResult.read(("[{\"outputs\":[{\"Int64\":{\"v\":1,\"dim\":[2],\"data\":[1,2]}}],\"time\":1},"
                + "{\"outputs\":[{\"Int64\":{\"v\":1,\"dim\":[1],\"data\":[3]}}],\"time\":2}]").getBytes(UTF_8));
        assertThat(r.rowCount()).isEqualTo(3);
        assertThat(r.outputs()).containsOnlyKeys("output_0", "result1.output_0");
        assertThat(r.table().int64("out.output_0").toLongArray()).containsExactly(1, 2, 3);
        assertThat(r.table().timestamps("time").getInstant(2).toEpochMilli()).isEqualTo(2);
    }

    @Test
    void aLoneLegacyObjectAndAStreamDecodeToo() {
        byte[] lone = "{\"outputs\":[{\"String\":{\"v\":1,\"dim\":[1,1],\"data\":[\"hi\"]}}],\"model_name\":\"hf\"}".getBytes(UTF_8);
        InferenceResult r = InferenceResult.read(new ByteArrayInputStream(lone));
        assertThat(r.format()).isEqualTo(InferenceResult.Format.LEGACY);
        assertThat(r.table().strings("out.output_0").getString(0)).isEqualTo("hi");
        assertThat(r.legacyResults().get(0).modelName()).contains("hf");
        assertThat(InferenceResult.read(r.toBytes())).isEqualTo(r);
    }

    @Test
    void outputAccessorsNameTheElementTypeTheyNeed() {
        OutputTensor text = InferenceResult.read("[{\"outputs\":[{\"String\":{\"v\":1,\"dim\":[1],\"data\":[\"a\"]}}]}]"
                .getBytes(UTF_8)).output("output_0").orElseThrow();
        assertThatThrownBy(text::toDoubleArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("STRING");
        assertThatThrownBy(text::toTensor).isInstanceOf(IllegalStateException.class).hasMessageContaining("output_0");
        assertThatThrownBy(text::toFloatArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("FLOAT32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[{\"outputs\":[{\"Float\":{\"v\":1,\"dim\":[2],\"data\":[1]}}]}]",
        "[{\"outputs\":[{\"Int64\":{\"v\":1,\"dim\":[1],\"data\":[1.5]}}]}]", "[{\"outputs\":{}}]", "[{\"model_name\":5}]",
        "[{\"model_name\":\"m\"}]", "[{\"outputs\":[{\"Float\":{\"v\":1,\"data\":[1]}}]}]", "[{\"outputs\":[{\"Float\":{\"v\":1,\"dim\":[-1],\"data\":[]}}]}]",
        "[{\"outputs\":[{\"Int64\":{\"v\":1,\"dim\":[1],\"data\":[null]}}]}]",
        "[{\"outputs\":[{\"Float\":{\"v\":1,\"dim\":[2],\"data\":[1,2]}},{\"Float\":{\"v\":1,\"dim\":[3],\"data\":[1,2,3]}}]}]",
        "[{\"outputs\":[],\"time\":\"yesterday\"}]", "[{\"outputs\":[]}] x"})
    void badLegacyBodiesAreDecodeExceptions(String body) {
        assertThatThrownBy(() -> InferenceResult.read(body.getBytes(UTF_8))).isInstanceOf(DecodeException.class);
    }

    @Test
    void decodeErrorsNameTheOutput() {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> InferenceResult.read(("[{\"outputs\":[{\"Float\":"
                + "{\"v\":1,\"dim\":[1],\"data\":[1]}},{\"Int64\":{\"v\":1,\"dim\":[1],\"data\":[\"x\"]}}]}]").getBytes(UTF_8)));
        assertThat(e.location()).hasValue("column '[0].outputs[1].Int64'");
        assertThat(e).hasMessageContaining("data[0] should be an integer");
        assertThat(e.offset()).isPositive();
    }
}
