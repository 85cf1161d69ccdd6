package io.infer4j.table.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.testsupport.Contract;
import io.infer4j.testsupport.SemanticJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The omega-ml dataset envelopes decode and re-encode to semantically equal JSON. */
class OmegaContractTest {

    @ParameterizedTest
    @ValueSource(strings = {"ce-dataset-get-sample.response.json", "ce-dataset-put-append.request.json",
        "ce-dataset-put-overwrite.request.json", "computed-pandas-to-apidata-datax.request.json",
        "computed-pandas-to-apidata-datay.request.json", "constructed-oss-dataset-get-filter.response.json",
        "constructed-oss-dataset-put-tight.request.json", "oss-dataset-put-append.request.json",
        "oss-dataset-put-overwrite.request.json"})
    void envelopeRoundTrip(String file) {
        byte[] body = Contract.bytes("omegaml/" + file);
        OmegaDataset d = OmegaDataset.read(body);
        ObjectNode expected = (ObjectNode) Json.readTree(body, file);
        expected.remove("resource_uri"); // CE bookkeeping, not part of the frame
        if (!expected.has("orient")) {
            expected.put("orient", d.orient()); // the writer always states the (detected) orient
        }
        SemanticJson.assertEqual(Json.write(expected), d.toBytes());
    }

    @Test
    void rowOrderAndDuplicateLabelsComeFromIndexValues() {
        OmegaDataset d = OmegaDataset.read(Contract.bytes("omegaml/ce-dataset-get-sample.response.json"));
        Table t = d.table();
        assertThat(t.rowCount()).isEqualTo(30);
        // keys arrive sorted as strings ("0","1","10",...); rows must be back in position order
        long[] x = t.int64("x").toLongArray();
        for (int i = 0; i < 30; i++) {
            assertThat(x[i]).isEqualTo(i % 10);
        }
        Index index = t.index().orElseThrow();
        assertThat(index.pandasType()).isEqualTo("Int64Index");
        assertThat(index.get(10)).isEqualTo(0L);
        assertThat(d.name()).isEqualTo("sample");
        assertThat(d.orient()).isEqualTo("dict");
    }

    @Test
    void filteredGetKeepsLabelsWhileKeysArePositions() {
        Table t = OmegaDataset.read(Contract.bytes("omegaml/constructed-oss-dataset-get-filter.response.json")).table();
        assertThat(t.index().orElseThrow().get(0)).isEqualTo(90L);
        assertThat(t.int64("y").getLong(9)).isEqualTo(99L);
    }

    @Test
    void mixedDtypesAreTypedAndEpochMillisBecomeIsoOnWrite() {
        byte[] body = Contract.bytes("omegaml/computed-pandas-to-apidata-mixed.request.json");
        OmegaDataset d = OmegaDataset.read(body);
        Table t = d.table();
        assertThat(t.column("i").type()).isEqualTo(ColumnType.INT64);
        // the frame's NaN, which pandas_to_apidata writes as null in a float64 column (SOURCES.md: "float+NaN")
        assertThat(t.column("f").isNull(1)).isFalse();
        assertThat(t.float64("f").getDouble(1)).isNaN();
        assertThat(t.column("s").type()).isEqualTo(ColumnType.STRING);
        assertThat(t.column("b").type()).isEqualTo(ColumnType.BOOL);
        assertThat(t.timestamps("d").getInstant(0)).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        JsonNode written = Json.readTree(d.toBytes(), "written");
        assertThat(written.at("/data/d/0").textValue()).isEqualTo("2020-01-01T10:00:00");
        // everything else is unchanged
        ObjectNode expected = (ObjectNode) Json.readTree(body, "mixed");
        ((ObjectNode) expected.at("/data/d")).put("0", "2020-01-01T10:00:00").put("1", "2020-01-02T00:00:00");
        SemanticJson.assertEqual(Json.write(expected), d.toBytes());
    }

    @Test
    void tightEnvelopeKeepsIntLabelsAndDatetimes() {
        OmegaDataset d = OmegaDataset.read(Contract.bytes("omegaml/constructed-oss-dataset-put-tight.request.json"));
        Table t = d.table();
        assertThat(t.index().orElseThrow().get(1)).isEqualTo(11L);
        assertThat(t.timestamps("d").getInstant(0)).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        assertThat(t.timestamps("d").isNull(1)).isTrue();
        assertThat(d.append()).isFalse();
        assertThat(d.dtypes()).isEqualTo(Map.of("x", "int64", "s", "object", "d", "datetime64[ns]"));
        assertThat(List.copyOf(t.columnNames())).containsExactly("x", "s", "d");
    }
}
