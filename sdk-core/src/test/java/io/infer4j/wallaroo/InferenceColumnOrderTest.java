package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.WallarooTestServer.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.table.Table;
import io.infer4j.testsupport.Contract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A nested and a flattened ({@code dataset.separator=.}) pandas-records answer decode to the same
 * columns in the same order: the nested answer's, which the Python SDK's DataFrames also show
 * ({@code time, in.*, out.*, anomaly.* | check_failures, metadata.last_model,
 * metadata.pipeline_version, metadata.elapsed, metadata.dropped, metadata.partition}).
 */
class InferenceColumnOrderTest {

    static Stream<Path> nestedRecordings() {
        return Contract.files("wallaroo/recorded/inference", ".json").stream()
                .filter(p -> tree(read(p)).path(0).has("out"));
    }

    @ParameterizedTest
    @MethodSource("nestedRecordings")
    void aNestedRecordingAndItsFlattenedFormDecodeToTheSameTableInTheNestedOrder(Path file) {
        JsonNode nested = tree(read(file));
        Table fromNested = InferenceCodec.records(read(file)).table();
        Table fromFlattened = InferenceCodec.records(flattenSorted(nested).toString().getBytes(StandardCharsets.UTF_8)).table();

        assertThat(fromNested.columnNames()).isEqualTo(keyOrder(nested.get(0)));
        assertThat(fromFlattened.columnNames()).isEqualTo(fromNested.columnNames());
        assertThat(fromFlattened).isEqualTo(fromNested);
    }

    @Test
    void theRecordedFlattenedAnswerComesInTheOrderOfTheRecordedNestedOne() {
        // Same ccfraud model and era: the flattened recording names its input dense_input, the nested one tensor.
        Table flattened = InferenceCodec.records(Contract.bytes(
                "wallaroo/recorded/inference/ccfraud_dense_input_1k.flattened-out.json")).table();
        List<String> nestedOrder = keyOrder(tree(Contract.bytes(
                "wallaroo/recorded/inference/ccfraud_1row.pandas-records-out.2024-07.json")).get(0));
        List<String> names = new ArrayList<>(flattened.columnNames());
        names.replaceAll(n -> n.equals("in.dense_input") ? "in.tensor" : n);
        assertThat(names).isEqualTo(nestedOrder);
        assertThat(tree(Contract.bytes("wallaroo/recorded/inference/ccfraud_dense_input_1k.flattened-out.json"))
                .get(0).fieldNames().next()).as("the server sends it sorted").isEqualTo("anomaly.count");
    }

    @Test
    void shadowOutputsValidationsAndUnknownSectionsHaveFixedPlaces() {
        String flattened = "[{\"zeta\":1,\"anomaly.too_high\":true,\"metadata.partition\":\"p\",\"out_challenger.y\":[2.0],"
                + "\"anomaly.count\":1,\"alpha\":2,\"in.b\":[1.0],\"in.a\":[2.0],\"metadata.last_model\":\"m\","
                + "\"out.y\":[1.0],\"time\":5,\"metadata.shard\":\"s\"}]";
        assertThat(InferenceCodec.records(flattened.getBytes(StandardCharsets.UTF_8)).table().columnNames())
                .containsExactly("time", "in.a", "in.b", "out.y", "out_challenger.y", "anomaly.count", "anomaly.too_high",
                        "metadata.last_model", "metadata.partition", "metadata.shard", "zeta", "alpha");
    }

    /** The keys of a nested record as flattened column names, in the order the record has them. */
    private static List<String> keyOrder(JsonNode record) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                e.getValue().fieldNames().forEachRemaining(k -> out.add(e.getKey() + "." + k));
            } else {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** What the server sends with {@code dataset.separator=.}: one level of keys joined by '.', sorted. */
    private static ArrayNode flattenSorted(JsonNode nested) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode record : nested) {
            Map<String, JsonNode> flat = new TreeMap<>();
            record.fields().forEachRemaining(e -> {
                if (e.getValue().isObject()) {
                    e.getValue().fields().forEachRemaining(f -> flat.put(e.getKey() + "." + f.getKey(), f.getValue()));
                } else {
                    flat.put(e.getKey(), e.getValue());
                }
            });
            ObjectNode o = out.addObject();
            flat.forEach(o::set);
        }
        return out;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
