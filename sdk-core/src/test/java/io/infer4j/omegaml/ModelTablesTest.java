package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.body;
import static io.infer4j.omegaml.OmegaServer.json;
import static io.infer4j.omegaml.OmegaServer.target;
import static io.infer4j.omegaml.OmegaServer.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.DecodeException;
import io.infer4j.omegaml.internal.Decode;
import io.infer4j.omegaml.model.ModelAction;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.testsupport.FakeTime;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Inline Table features for model actions, and tabular results as Tables. */
class ModelTablesTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();

    static ModelResult result(String json) {
        return Decode.modelResult(tree("{\"model\": \"m\", \"result\": " + json + ", \"resource_uri\": \"m\"}"));
    }

    @Test
    void predictSendsTheTableInlineAsColumnsAndDictOfLists() throws Exception {
        Table x = Table.builder().addFloat64("v", 5, Double.NaN).addTimestamp("d", Instant.parse("2020-01-01T10:00:00Z"), null)
                .index(Index.ofStrings("a", "b")).build();
        server.enqueue(json(200, "{\"model\": \"m\", \"result\": [10.0, NaN], \"resource_uri\": \"m\"}"));
        server.enqueue(json(200, "{\"datax\": null, \"datay\": null, \"result\": [10.0]}"));
        try (OmegaClient oss = OmegaServer.client(server, time, Edition.AUTO);
             OmegaClient ce = OmegaServer.client(server, time, Edition.COMMERCIAL)) {
            double[] y = oss.models().predict("m", ModelInput.table(x)).asDoubles();
            ce.models().predict("m", ModelInput.table(x).param("raw", "false"));

            RecordedRequest r = server.takeRequest();
            assertThat(r.getMethod()).isEqualTo("PUT");
            assertThat(target(r)).isEqualTo("/api/v1/model/m/predict");
            assertThat(body(r)).isEqualTo(tree("{\"columns\": [\"v\", \"d\"],"
                    + " \"data\": {\"v\": [5.0, null], \"d\": [\"2020-01-01T10:00:00\", null]}}"));
            assertThat(y[0]).isEqualTo(10.0);
            assertThat(y[1]).isNaN();
            // a body cannot travel on GET, so the commercial predict is a PUT too
            RecordedRequest c = server.takeRequest();
            assertThat(c.getMethod()).isEqualTo("PUT");
            assertThat(target(c)).isEqualTo("/api/v1/model/m/predict/?raw=false");
            assertThat(body(c).get("columns")).isEqualTo(tree("[\"v\", \"d\"]"));
        }
    }

    @Test
    void tensorColumnWithShapeForImageModels() throws Exception {
        Table img = Table.builder().addTensor("img", new double[] {1, 2, 3, 4}).build();
        server.enqueue(json(200, "{\"model\": \"cnn\", \"result\": \"tulips\", \"resource_uri\": \"cnn\"}"));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            assertThat(omega.models().predict("cnn", ModelInput.table(img, 2, 2)).asText()).isEqualTo("tulips");
            assertThat(body(server.takeRequest())).isEqualTo(tree("{\"columns\": [\"img\"], \"data\": {\"img\": [[1.0, 2.0, 3.0, 4.0]]},"
                    + " \"shape\": [2, 2]}"));
        }
        Table two = Table.builder().addInt64("a", 1).addInt64("b", 2).build();
        assertThatThrownBy(() -> ModelInput.table(two, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one column");
        assertThatThrownBy(() -> ModelInput.table(Table.empty(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actionsThatReadOnlyStoredDatasetsRefuseInlineRowsWithoutARequest() {
        ModelInput rows = ModelInput.table(Table.builder().addInt64("x", 1).build());
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            assertThatThrownBy(() -> omega.models().fit("m", rows)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fit reads stored datasets only").hasMessageContaining("datasets().put");
            assertThatThrownBy(() -> omega.models().scoreAsync("m", rows)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> omega.models().transform("m", rows)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(server.getRequestCount()).isZero();
        assertThat(rows.toString()).isEqualTo("ModelInput[table=1x1]");
    }

    @Test
    void listOfRowsBecomesNumberedColumns() {
        Table t = result("[[0.1, 0.9], [0.8, 0.2], [NaN, 1]]").asTable();
        assertThat(t.columnNames()).containsExactly("0", "1");
        assertThat(t.float64("0").getDouble(1)).isEqualTo(0.8);
        assertThat(t.float64("0").getDouble(2)).isNaN();
        assertThat(t.rowCount()).isEqualTo(3);
    }

    @Test
    void flatListIsOneColumn() {
        assertThat(result("[1, 2, 3]").asTable()).isEqualTo(Table.builder().addInt64("0", 1, 2, 3).build());
        assertThat(result("[]").asTable().rowCount()).isZero();
    }

    @Test
    void dictOfColumnsEitherAsListsOrAsRowKeyedObjects() {
        Table expected = Table.builder().addInt64("a", 1, 2).addString("b", "x", "y").build();
        assertThat(result("{\"a\": [1, 2], \"b\": [\"x\", \"y\"]}").asTable()).isEqualTo(expected);
        // like pd.DataFrame(dict of dicts): rows in key order, keys as labels
        assertThat(result("{\"a\": {\"1\": 2, \"0\": 1}, \"b\": {\"1\": \"y\", \"0\": \"x\"}}").asTable())
                .isEqualTo(Table.builder().addInt64("a", 2, 1).addString("b", "y", "x").index(Index.ofLongs(1, 0)).build());
    }

    @Test
    void listOfRecordsIsADataFrameResult() {
        assertThat(result("[{\"a\": 1, \"b\": {\"k\": 1}}, {\"a\": 2, \"b\": null}]").asTable().columnNames()).containsExactly("a", "b");
        assertThat(result("[{\"a\": 1}, {\"a\": 2}]").asTable()).isEqualTo(Table.builder().addInt64("a", 1, 2).build());
    }

    @Test
    void datasetEnvelopeKeepsIndexAndDtypes() {
        Table t = result("{\"data\": {\"x\": {\"0\": 1, \"1\": 2}}, \"dtypes\": {\"x\": \"float64\"},"
                + " \"index\": {\"type\": \"Index\", \"values\": [\"r1\", \"r2\"]}}").asTable();
        assertThat(t).isEqualTo(Table.builder().addFloat64("x", 1, 2).index(Index.ofStrings("r1", "r2")).build());
        assertThat(t.column("x").type()).isEqualTo(ColumnType.FLOAT64);
    }

    @Test
    void nonTabularResultsAreDecodeExceptions() {
        assertThatThrownBy(() -> result("0.5").asTable()).isInstanceOf(DecodeException.class).hasMessageContaining("number");
        assertThatThrownBy(() -> result("\"ok\"").asTable()).isInstanceOf(DecodeException.class).hasMessageContaining("string");
        assertThatThrownBy(() -> result("null").asTable()).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> result("[[1, 2], [3]]").asTable()).isInstanceOf(DecodeException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> result("{\"a\": 1}").asTable()).isInstanceOf(DecodeException.class).hasMessageContaining("not all columns");
        assertThatThrownBy(() -> result("{}").asTable()).isInstanceOf(DecodeException.class);
    }

    @Test
    void customActionsMayStillTakeInlineRows() throws Exception {
        server.enqueue(json(200, "{\"model\": \"m\", \"result\": [[1, 2]], \"resource_uri\": \"m\"}"));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            Table t = omega.models().action("m", ModelAction.of("embed"), ModelInput.table(Table.builder().addString("doc", "hi").build()))
                    .asTable();
            assertThat(t.int64("1").getLong(0)).isEqualTo(2L);
            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/model/m/embed");
        }
    }
}
