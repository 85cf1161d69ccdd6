package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.body;
import static io.infer4j.omegaml.OmegaServer.json;
import static io.infer4j.omegaml.OmegaServer.target;
import static io.infer4j.omegaml.OmegaServer.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.omegaml.model.DatasetQuery;
import io.infer4j.omegaml.model.WriteMode;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.testsupport.FakeTime;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Datasets as Tables: the request each call sends and the table it gives back. */
class DatasetsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();

    static final Instant T0 = Instant.parse("2020-01-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2020-01-02T00:00:00.123456789Z");

    @Test
    void getRestoresRowOrderAndLabelsFromIndexValuesNotKeyOrder() throws Exception {
        // keys sorted as strings, as the commercial server sends them; labels are not positions
        server.enqueue(json(200, "{\"data\": {\"v\": {\"0\": 1.5, \"1\": 2.5, \"10\": 11.5, \"2\": 3.5, \"3\": 4.5, \"4\": 5.5,"
                + " \"5\": 6.5, \"6\": 7.5, \"7\": 8.5, \"8\": 9.5, \"9\": 10.5}}, \"dtypes\": {\"v\": \"float32\"},"
                + " \"index\": {\"type\": \"Int64Index\", \"values\": [100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90]},"
                + " \"orient\": \"dict\", \"name\": \"d\"}"));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            Table t = omega.datasets().get("d", DatasetQuery.all().orient("dict"));

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/dataset/d?orient=dict");
            float[] v = new float[11];
            for (int i = 0; i < 11; i++) {
                v[i] = i + 1.5f;
            }
            assertThat(t).isEqualTo(Table.builder().addFloat32("v", v)
                    .index(Index.ofLongs(100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90)).build());
            assertThat(t.column("v").type()).isEqualTo(ColumnType.FLOAT32); // dtypes restored
        }
    }

    /**
     * The commercial edition's answers for a frame stored with columns x then a: tastypie sorts
     * every key, so dict data lists a before x; only split's column list keeps x, a.
     */
    static final class SortingCommercialServer extends mockwebserver3.Dispatcher {
        @Override
        public mockwebserver3.MockResponse dispatch(RecordedRequest r) {
            String orient = r.getUrl().queryParameter("orient") == null ? "dict" : r.getUrl().queryParameter("orient");
            String data = orient.equals("split")
                    ? "{\"columns\": [\"x\", \"a\"], \"data\": [[1, 0.5], [2, 1.5]], \"index\": [0, 1]}"
                    : "{\"a\": {\"0\": 0.5, \"1\": 1.5}, \"x\": {\"0\": 1, \"1\": 2}}";
            return json(200, "{\"data\": " + data + ", \"dtypes\": {\"a\": \"float64\", \"x\": \"int64\"},"
                    + " \"index\": {\"type\": \"Int64Index\", \"values\": [10, 11]}, \"name\": \"d\", \"orient\": \"" + orient
                    + "\", \"resource_uri\": \"/api/v1/dataset/None/\"}");
        }
    }

    @Test
    void getKeepsTheStoredColumnOrderAlthoughTheCommercialEditionSortsKeys() throws Exception {
        server.setDispatcher(new SortingCommercialServer());
        Table stored = Table.builder().addInt64("x", 1, 2).addFloat64("a", 0.5, 1.5).index(Index.ofLongs(10, 11)).build();
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.COMMERCIAL)) {
            Table t = omega.datasets().get("d");

            assertThat(t.columnNames()).containsExactly("x", "a");
            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/dataset/d/?orient=split");
            assertThat(t).isEqualTo(stored);
            // a keyed orient cannot carry the order: the columns come back sorted by name
            assertThat(omega.datasets().get("d", DatasetQuery.all().orient("dict")).columnNames()).containsExactly("a", "x");
        }
    }

    @Test
    void openSourceSplitAnswerWithoutOrientKeyIsReadAsTheSplitAskedFor() throws Exception {
        // open-source GET ?orient=split: positions in data.index, labels in index.values, no orient or dtypes
        server.enqueue(json(200, "{\"data\": {\"index\": [0, 1], \"columns\": [\"x\", \"a\"], \"data\": [[1, 0.5], [2, NaN]]},"
                + " \"index\": {\"values\": [\"r1\", \"r2\"], \"type\": \"Index\"}}"));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.OPEN_SOURCE)) {
            Table t = omega.datasets().get("d");

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/dataset/d?orient=split");
            assertThat(t).isEqualTo(Table.builder().addInt64("x", 1, 2).addFloat64("a", 0.5, Double.NaN)
                    .index(Index.ofStrings("r1", "r2")).build());
        }
    }

    @Test
    void datetimeIndexComesBackAsInstantsFromBothEditions() throws Exception {
        Instant d0 = Instant.parse("2021-01-01T00:00:00Z");
        Instant d1 = Instant.parse("2021-01-02T00:00:00.123456Z");
        // open-source: values before type, no dtypes; a zoned index is written with its offset
        server.enqueue(json(200, "{\"data\": {\"index\": [0, 1], \"columns\": [\"v\"], \"data\": [[1.5], [2.5]]},"
                + " \"index\": {\"values\": [\"2021-01-01T01:00:00+01:00\", \"2021-01-02T00:00:00.123456\"], \"type\": \"DatetimeIndex\"}}"));
        // commercial: keys sorted, dtypes, orient stated
        server.enqueue(json(200, "{\"data\": {\"columns\": [\"v\"], \"data\": [[1.5], [2.5]], \"index\": [0, 1]},"
                + " \"dtypes\": {\"v\": \"float64\"}, \"index\": {\"type\": \"DatetimeIndex\","
                + " \"values\": [\"2021-01-01T00:00:00\", \"2021-01-02T00:00:00.123456\"]}, \"name\": \"d\", \"orient\": \"split\","
                + " \"resource_uri\": \"/api/v1/dataset/None/\"}"));
        // a filter that matches no row still has a datetime index
        server.enqueue(json(200, "{\"data\": {\"index\": [], \"columns\": [\"v\"], \"data\": []},"
                + " \"index\": {\"values\": [], \"type\": \"DatetimeIndex\"}}"));
        Table expected = Table.builder().addFloat64("v", 1.5, 2.5).index(Index.ofTimestamps(d0, d1)).build();
        try (OmegaClient oss = OmegaServer.client(server, time, Edition.OPEN_SOURCE);
             OmegaClient ce = OmegaServer.client(server, time, Edition.COMMERCIAL)) {
            Table fromOss = oss.datasets().get("d");
            Table fromCe = ce.datasets().get("d");
            // (no rows and no dtypes: the column's type must be named)
            Table none = oss.datasets().get("d", DatasetQuery.all().where("v", "gt", 9).type("v", ColumnType.FLOAT64));

            for (Table t : List.of(fromOss, fromCe)) {
                assertThat(t).isEqualTo(expected);
                assertThat(t.index().orElseThrow().kind()).isEqualTo(Index.Kind.TIMESTAMP);
                assertThat(t.index().orElseThrow().get(1)).isEqualTo(d1);
            }
            assertThat(none.rowCount()).isZero();
            assertThat(none.index().orElseThrow().kind()).isEqualTo(Index.Kind.TIMESTAMP);
            assertThat(none.concat(fromOss)).isEqualTo(expected); // an int64 empty index would refuse the timestamps
        }
    }

    @Test
    void queryFiltersOrientAndTypesTravelAsAsked() throws Exception {
        // the open-source server answers ?orient=index with row-position keys and no orient key
        server.enqueue(json(200, "{\"data\": {\"0\": {\"x\": 91, \"d\": \"2020-01-01T10:00:00\"},"
                + " \"1\": {\"x\": 95, \"d\": \"2020-01-02T00:00:00.123456789\"}},"
                + " \"index\": {\"values\": [\"a\", \"b\"], \"type\": \"Index\"}}"));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.OPEN_SOURCE)) {
            Table t = omega.datasets().get("sales/2020", DatasetQuery.all().where("x", "gte", 90).where("s", "a b&c")
                    .orient("index").type("d", ColumnType.TIMESTAMP));

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/dataset/sales/2020?x__gte=90&s=a%20b%26c&orient=index");
            assertThat(t).isEqualTo(Table.builder().addInt64("x", 91, 95).addTimestamp("d", T0, T1)
                    .index(Index.ofStrings("a", "b")).build());
        }
    }

    @Test
    void missingDatasetIsNotFoundAndKeepsTheServersStatus() throws Exception {
        server.enqueue(json(400, "{\"message\": \"AttributeError(\\\"'NoneType' object has no attribute 'kind_meta'\\\")\"}"));
        server.enqueue(json(400, "{\"message\": \"ValueError('could not convert string to float')\"}"));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            assertThatThrownBy(() -> omega.datasets().get("nope")).isInstanceOfSatisfying(NotFoundException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage()).contains("dataset 'nope' does not exist").contains("kind_meta");
                assertThat(e.getCause()).isInstanceOf(BadRequestException.class);
                assertThat(e.body()).contains("NoneType");
            });
            // any other 400 stays what it is
            assertThatThrownBy(() -> omega.datasets().get("bad", DatasetQuery.all().where("x", 1)))
                    .isExactlyInstanceOf(BadRequestException.class).hasMessageContaining("could not convert");
        }
    }

    @Test
    void answerThatIsNotAnEnvelopeIsADecodeException() {
        server.enqueue(json(200, "[1, 2]"));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            assertThatThrownBy(() -> omega.datasets().get("d")).isInstanceOf(DecodeException.class)
                    .hasMessageContaining("dataset");
        }
    }

    @Test
    void openSourcePutOfPlainTableIsDictOfListsWithEveryDtype() throws Exception {
        server.enqueue(json(200, "\"\""));
        Table t = Table.builder().addInt64("x", 1, 2).addFloat64("f", 0.5, Double.NaN).addString("s", "a", null)
                .addBool("b", true, false).addTimestamp("d", T0, T1).build();
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            omega.datasets().put("mixed", t, WriteMode.REPLACE);

            RecordedRequest r = server.takeRequest();
            assertThat(r.getMethod()).isEqualTo("PUT");
            assertThat(target(r)).isEqualTo("/api/v1/dataset/mixed");
            assertThat(body(r)).isEqualTo(tree("{\"data\": {\"x\": [1, 2], \"f\": [0.5, NaN], \"s\": [\"a\", null],"
                    + " \"b\": [true, false], \"d\": [\"2020-01-01T10:00:00\", \"2020-01-02T00:00:00.123456789\"]},"
                    + " \"dtypes\": {\"x\": \"int64\", \"f\": \"float64\", \"s\": \"object\", \"b\": \"bool\", \"d\": \"datetime64[ns]\"},"
                    + " \"orient\": \"list\", \"append\": false}"));
        }
    }

    @Test
    void putSendsNonFiniteFloatsAsTokensSoInfinitySurvives() throws Exception {
        // null would be stored as NaN; Python's json (both editions) reads the bare tokens
        server.enqueue(json(200, "\"\""));
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(204).build());
        Table t = Table.builder().addFloat64("f", 0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).build();
        try (OmegaClient oss = OmegaServer.client(server, time, Edition.OPEN_SOURCE);
             OmegaClient ce = OmegaServer.client(server, time, Edition.COMMERCIAL)) {
            oss.datasets().put("f", t, WriteMode.REPLACE);
            ce.datasets().put("f", t, WriteMode.REPLACE);
        }
        assertThat(server.takeRequest().getBody().utf8()).contains("\"f\":[0.5,NaN,Infinity,-Infinity]");
        assertThat(server.takeRequest().getBody().utf8()).contains("\"f\":{\"0\":0.5,\"1\":NaN,\"2\":Infinity,\"3\":-Infinity}");
    }

    @Test
    void openSourcePutOfIndexedTableIsTightInTheQueryAndTheBody() throws Exception {
        server.enqueue(json(200, "\"\""));
        Table t = Table.builder().addInt64("x", 1, 2).index(Index.ofLongs(10, 11)).build();
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.OPEN_SOURCE)) {
            omega.datasets().put("t", t, WriteMode.APPEND);

            RecordedRequest r = server.takeRequest();
            assertThat(target(r)).isEqualTo("/api/v1/dataset/t?orient=tight");
            JsonNode b = body(r);
            assertThat(b.get("data")).isEqualTo(tree("{\"index\": [10, 11], \"columns\": [\"x\"], \"data\": [[1], [2]],"
                    + " \"index_names\": [null], \"column_names\": [null]}"));
            assertThat(b.get("dtypes")).isEqualTo(tree("{\"x\": \"int64\"}"));
            assertThat(b.get("append").booleanValue()).isTrue();
        }
    }

    @Test
    void commercialPutIsThePandasToApidataLayoutWithName() throws Exception {
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(204).build());
        Table t = Table.builder().addTimestamp("d", T0, null).index(Index.ofStrings("a", "b")).build();
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.COMMERCIAL)) {
            omega.datasets().put("sample", t, WriteMode.APPEND);

            RecordedRequest r = server.takeRequest();
            assertThat(target(r)).isEqualTo("/api/v1/dataset/sample/");
            assertThat(body(r)).isEqualTo(tree("{\"data\": {\"d\": {\"0\": \"2020-01-01T10:00:00\", \"1\": null}},"
                    + " \"dtypes\": {\"d\": \"datetime64[ns]\"}, \"index\": {\"type\": \"Index\", \"values\": [\"a\", \"b\"]},"
                    + " \"orient\": \"columns\", \"name\": \"sample\", \"append\": true}"));
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyRequest() {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            Table t = Table.builder().addInt64("x", 1).build();
            assertThatThrownBy(() -> omega.datasets().put("", t, WriteMode.APPEND)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> omega.datasets().put("a/../b", t, WriteMode.APPEND)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> omega.datasets().put("d", t, null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("mode");
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void queriesRefuseWhatTheServerWouldMisread() {
        DatasetQuery q = DatasetQuery.all();
        assertThatThrownBy(() -> q.where("x", "gtt", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gtt");
        assertThatThrownBy(() -> q.where("orient", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orient");
        assertThatThrownBy(() -> q.where("flag", false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bool");
        assertThatThrownBy(() -> q.where("x", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.where("x", new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.orient("sideways")).isInstanceOf(IllegalArgumentException.class);
        assertThat(q.where("t", "lt", T0).where("t", "lt", T1).parameters())
                .containsExactly(java.util.Map.entry("t__lt", T1.toString()));
        assertThat(q.parameters()).isEmpty(); // immutable: the derived queries did not change it
    }
}
