package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.json;
import static io.infer4j.omegaml.OmegaServer.target;
import static io.infer4j.omegaml.OmegaServer.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.omegaml.model.DatasetQuery;
import io.infer4j.omegaml.model.WriteMode;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.codec.OmegaDataset;
import io.infer4j.testsupport.Contract;
import io.infer4j.testsupport.FakeTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dataset payloads on the typed path. Given each recorded GET answer, the client returns the
 * Table it describes (index, dtypes, row order, values). Given each recorded PUT body, the Table it
 * describes decodes from it, and putting that Table sends the recorded method and URL with a
 * body that means the same (values, dtypes, index, append flag; key order and layout may differ).
 */
class OmegaDatasetContractTest {
    /** Dataset contract files exercised here. */
    static final Set<String> EXERCISED = new TreeSet<>(List.of(
            "oss-dataset-put-overwrite.request.json", "oss-dataset-put-append.request.json",
            "constructed-oss-dataset-get-filter.response.json", "constructed-oss-dataset-put-tight.request.json",
            "ce-dataset-get-sample.response.json", "ce-dataset-put-append.request.json",
            "ce-dataset-put-overwrite.request.json", "computed-pandas-to-apidata-datax.request.json",
            "computed-pandas-to-apidata-datay.request.json", "computed-pandas-to-apidata-mixed.request.json"));

    static final Instant T0 = Instant.parse("2020-01-01T10:00:00Z");

    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();

    static byte[] file(String name) {
        assertThat(EXERCISED).contains(name);
        return Contract.bytes("omegaml/" + name);
    }

    static long[] range(long from, long to) {
        return LongStream.range(from, to).toArray();
    }

    /** A recorded PUT: the edition and call that should produce it, and the Table it holds. */
    record Put(String file, Edition edition, String name, WriteMode mode, String target, Table table) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Put> puts() {
        Table xys = Table.builder().addInt64("x", range(0, 10)).addInt64("y", range(0, 10))
                .addString("s", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9").build();
        Table x = Table.builder().addInt64("x", range(0, 10)).build();
        Table tight = Table.of(Column.int64("x", 1, 2), Column.of("s", ColumnType.STRING, Arrays.asList("a", null)),
                Column.of("d", ColumnType.TIMESTAMP, Arrays.asList(T0, null))).withIndex(Index.ofLongs(10, 11));
        // f was 0.5 and NaN in the frame; pandas_to_apidata wrote the NaN as null under dtype float64
        Table mixed = Table.of(Column.int64("i", 1, 2), Column.float64("f", 0.5, Double.NaN),
                Column.of("s", ColumnType.STRING, Arrays.asList("a", null)), Column.bools("b", true, false),
                Column.timestamps("d", T0, Instant.parse("2020-01-02T00:00:00Z")));
        return Stream.of(
                new Put("oss-dataset-put-overwrite.request.json", Edition.AUTO, "foo", WriteMode.REPLACE, "/api/v1/dataset/foo", xys),
                new Put("oss-dataset-put-append.request.json", Edition.AUTO, "foo", WriteMode.APPEND, "/api/v1/dataset/foo", xys),
                new Put("constructed-oss-dataset-put-tight.request.json", Edition.OPEN_SOURCE, "t", WriteMode.REPLACE,
                        "/api/v1/dataset/t?orient=tight", tight),
                new Put("ce-dataset-put-append.request.json", Edition.COMMERCIAL, "sample", WriteMode.APPEND,
                        "/api/v1/dataset/sample/", x),
                new Put("ce-dataset-put-overwrite.request.json", Edition.COMMERCIAL, "sample", WriteMode.REPLACE,
                        "/api/v1/dataset/sample/", x),
                new Put("computed-pandas-to-apidata-datax.request.json", Edition.COMMERCIAL, "datax", WriteMode.REPLACE,
                        "/api/v1/dataset/datax/", x),
                new Put("computed-pandas-to-apidata-datay.request.json", Edition.COMMERCIAL, "datay", WriteMode.REPLACE,
                        "/api/v1/dataset/datay/", Table.builder().addInt64("y", LongStream.range(0, 10).map(v -> 2 * v).toArray()).build()),
                new Put("computed-pandas-to-apidata-mixed.request.json", Edition.COMMERCIAL, "mixed", WriteMode.REPLACE,
                        "/api/v1/dataset/mixed/", mixed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("puts")
    void recordedPutBodyDecodesToTheTable(Put put) {
        OmegaDataset recorded = OmegaDataset.read(file(put.file()));

        assertThat(recorded.table()).isEqualTo(put.table());
        assertThat(types(recorded.table())).isEqualTo(types(put.table()));
        assertThat(recorded.table().columnNames()).isEqualTo(put.table().columnNames());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("puts")
    void puttingTheTableSendsASemanticallyEqualBody(Put put) throws Exception {
        server.enqueue(put.edition() == Edition.COMMERCIAL ? new MockResponse.Builder().code(204).build() : json(200, "\"\""));
        try (OmegaClient omega = OmegaServer.client(server, time, put.edition())) {
            omega.datasets().put(put.name(), put.table(), put.mode());
        }
        RecordedRequest r = server.takeRequest();
        OmegaDataset recorded = OmegaDataset.read(file(put.file()));
        OmegaDataset sent = OmegaDataset.read(r.getBody().toByteArray());

        assertThat(r.getMethod()).isEqualTo("PUT");
        assertThat(target(r)).isEqualTo(put.target());
        assertThat(sent.table()).isEqualTo(recorded.table());
        // omega-ml appends when the flag is left out
        assertThat(sent.append()).isEqualTo(recorded.append() == null || recorded.append());
        // every column's dtype is sent, and agrees with each one the recording states ("str" is stored as object)
        assertThat(sent.dtypes().keySet()).containsExactlyElementsOf(put.table().columnNames());
        recorded.dtypes().forEach((col, dtype) -> assertThat(normal(sent.dtypes().get(col))).as(col).isEqualTo(normal(dtype)));
        // datetimes travel as ISO strings, never as the epoch milliseconds pandas_to_apidata sends
        JsonNode body = tree(r.getBody().toByteArray());
        sent.dtypes().forEach((col, dtype) -> {
            if (dtype.startsWith("datetime64")) {
                body.at("/data").findValues(col).forEach(cells -> cells.forEach(v -> assertThat(v.isTextual() || v.isNull()).isTrue()));
                assertThat(body.at("/data").toString()).contains("2020-01-01T10:00:00");
            }
        });
    }

    @Test
    void filteredOpenSourceAnswerKeepsLabelsWhileKeysArePositions() throws Exception {
        server.enqueue(json(200, file("constructed-oss-dataset-get-filter.response.json")));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            // the recording answers the server's default orient, dict
            Table t = omega.datasets().get("test", DatasetQuery.all().where("x", "gte", 90).orient("dict"));

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/dataset/test?x__gte=90&orient=dict");
            assertThat(t).isEqualTo(Table.builder().addInt64("x", range(90, 100)).addInt64("y", range(90, 100))
                    .index(Index.ofLongs(range(90, 100))).build());
            assertThat(t.index().orElseThrow().get(0)).isEqualTo(90L);
            assertThat(types(t)).containsExactly(Map.entry("x", ColumnType.INT64), Map.entry("y", ColumnType.INT64));
        }
    }

    @Test
    void commercialAnswerWithKeysSortedAsStringsComesBackInIndexOrder() throws Exception {
        server.enqueue(json(200, file("ce-dataset-get-sample.response.json")));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            Table t = omega.datasets().get("sample", DatasetQuery.all().orient("dict"));

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/dataset/sample?orient=dict");
            // three appends of 0..9: keys arrive "0","1","10",..., rows and labels are 0..9 three times
            long[] thrice = LongStream.range(0, 30).map(v -> v % 10).toArray();
            assertThat(t).isEqualTo(Table.builder().addInt64("x", thrice).index(Index.ofLongs(thrice)).build());
            assertThat(t.int64("x").toLongArray()).containsExactly(thrice);
            assertThat(t.index().orElseThrow().get(10)).isEqualTo(0L);
            assertThat(types(t)).containsExactly(Map.entry("x", ColumnType.INT64));
        }
    }

    private static Map<String, ColumnType> types(Table t) {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        t.columns().forEach(c -> m.put(c.name(), c.type()));
        return m;
    }

    private static String normal(String dtype) {
        return dtype.equals("str") ? "object" : dtype;
    }
}
