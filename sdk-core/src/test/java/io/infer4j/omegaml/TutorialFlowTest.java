package io.infer4j.omegaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.core.internal.Json;
import io.infer4j.omegaml.model.DatasetQuery;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.PipelineStep;
import io.infer4j.omegaml.model.WriteMode;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.testsupport.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The omega-ml tutorial, Tables end to end, against a small stateful fake of the open-source
 * server: write datax/datay, create mymodel, fit, predict (by name, inline, async), read the data
 * back equal to what was written.
 */
class TutorialFlowTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();

    /** A stored frame as the open-source server keeps it: row labels and columns of JSON cells. */
    record Frame(List<JsonNode> labels, Map<String, List<JsonNode>> columns) {
        Frame append(Frame more) {
            List<JsonNode> l = new ArrayList<>(labels);
            l.addAll(more.labels);
            Map<String, List<JsonNode>> c = new LinkedHashMap<>();
            columns.forEach((k, v) -> {
                List<JsonNode> cells = new ArrayList<>(v);
                cells.addAll(more.columns.get(k));
                c.put(k, cells);
            });
            return new Frame(l, c);
        }
    }

    /**
     * Datasets, models and tasks in memory, following the open-source server's rules: PUT reads
     * {@code data} as a dict of lists, or tight with {@code ?orient=tight} (body orient and index
     * ignored); dtypes cast the cells; GET answers dict (default) or split orient keyed by position
     * with the labels in {@code index.values} and no dtypes; a missing dataset is a 400. fit learns y = a * x.
     */
    static final class FakeOmega extends Dispatcher {
        final Map<String, Frame> datasets = new ConcurrentHashMap<>();
        final Map<String, Double> slope = new ConcurrentHashMap<>();
        final Map<String, JsonNode> taskResults = new ConcurrentHashMap<>();

        @Override
        public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            String m = r.getMethod();
            if (path.startsWith("/api/v1/dataset/")) {
                String name = path.substring("/api/v1/dataset/".length());
                if (m.equals("PUT")) {
                    JsonNode in = OmegaServer.body(r);
                    Frame f = read(in, "tight".equals(r.getUrl().queryParameter("orient")));
                    boolean append = !in.has("append") || in.get("append").asBoolean();
                    datasets.merge(name, f, (old, now) -> append ? old.append(now) : now);
                    return OmegaServer.json(200, "\"\"");
                }
                Frame f = datasets.get(name);
                if (f == null) {
                    return OmegaServer.json(400, "{\"message\": \"AttributeError(\\\"'NoneType' object has no attribute 'kind_meta'\\\")\"}");
                }
                return OmegaServer.json(200, write(f, "split".equals(r.getUrl().queryParameter("orient"))).toString());
            }
            if (path.equals("/api/v1/model/") && m.equals("POST")) {
                String name = OmegaServer.body(r).get("name").asText();
                slope.put(name, Double.NaN);
                return OmegaServer.json(201, "{\"model\": {\"name\": \"" + name + "\", \"kind\": \"sklearn.joblib\", \"bucket\": \"store\"}}");
            }
            if (path.startsWith("/api/v1/model/")) {
                return model(r, path);
            }
            if (path.startsWith("/api/v1/task/")) {
                String id = path.split("/")[4];
                return OmegaServer.json(200, "{\"task_id\": \"" + id + "\", \"status\": \"SUCCESS\", \"response\": "
                        + taskResults.get(id) + "}");
            }
            return new MockResponse.Builder().code(404).body("<title>404 Not Found</title>").build();
        }

        private MockResponse model(RecordedRequest r, String path) {
            String[] parts = path.substring("/api/v1/model/".length()).split("/");
            String model = parts[0];
            JsonNode inline = OmegaServer.body(r).get("data");
            List<JsonNode> x = inline != null ? list(inline.elements().next())
                    : firstColumn(r.getUrl().queryParameter("datax"));
            JsonNode result;
            if (parts[1].equals("fit")) {
                List<JsonNode> y = firstColumn(r.getUrl().queryParameter("datay"));
                double sxy = 0;
                double sxx = 0;
                for (int i = 0; i < x.size(); i++) {
                    sxy += x.get(i).asDouble() * y.get(i).asDouble();
                    sxx += x.get(i).asDouble() * x.get(i).asDouble();
                }
                slope.put(model, sxy / sxx);
                result = Json.mapper().getNodeFactory().textNode("<Metadata: " + model + ">");
            } else {
                ArrayNode yhat = Json.mapper().createArrayNode();
                x.forEach(v -> yhat.add(v.asDouble() * slope.get(model)));
                result = yhat;
            }
            ObjectNode body = Json.mapper().createObjectNode().put("model", model).put("resource_uri", model);
            body.set("result", result);
            if ("1".equals(r.getUrl().queryParameter("async"))) {
                String id = "task-" + taskResults.size();
                taskResults.put(id, body);
                return new MockResponse.Builder().code(202).setHeader("Location", "/api/v1/task/" + id + "/result")
                        .setHeader("Content-Type", "application/json")
                        .body("{\"model\": \"" + model + "\", \"result\": \"pending\", \"resource_uri\": \"" + path + "\"}").build();
            }
            return OmegaServer.json(200, body.toString());
        }

        private List<JsonNode> firstColumn(String dataset) {
            return datasets.get(dataset).columns().values().iterator().next();
        }

        private static Frame read(JsonNode in, boolean tight) {
            JsonNode data = in.get("data");
            List<JsonNode> labels = new ArrayList<>();
            Map<String, List<JsonNode>> columns = new LinkedHashMap<>();
            if (tight) {
                labels.addAll(list(data.get("index")));
                List<JsonNode> names = list(data.get("columns"));
                names.forEach(n -> columns.put(n.asText(), new ArrayList<>()));
                for (JsonNode row : data.get("data")) {
                    for (int c = 0; c < names.size(); c++) {
                        columns.get(names.get(c).asText()).add(row.get(c));
                    }
                }
            } else {
                data.fields().forEachRemaining(e -> columns.put(e.getKey(), list(e.getValue())));
                int n = columns.values().iterator().next().size();
                for (int i = 0; i < n; i++) {
                    labels.add(Json.mapper().getNodeFactory().numberNode(i));
                }
            }
            // astype(dtypes); without dtypes the real server casts every column to float64
            JsonNode dtypes = in.get("dtypes");
            columns.forEach((col, cells) -> {
                String dtype = dtypes == null ? "float64" : dtypes.path(col).asText("");
                if (dtype.startsWith("float")) {
                    cells.replaceAll(v -> v.isNumber() ? Json.mapper().getNodeFactory().numberNode(v.asDouble()) : v);
                }
            });
            return new Frame(labels, columns);
        }

        private static ObjectNode write(Frame f, boolean split) {
            ObjectNode out = Json.mapper().createObjectNode();
            if (split) {
                ObjectNode data = out.putObject("data");
                ArrayNode positions = data.putArray("index");
                f.columns().keySet().forEach(data.putArray("columns")::add);
                ArrayNode rows = data.putArray("data");
                for (int i = 0; i < f.labels().size(); i++) {
                    positions.add(i);
                    ArrayNode row = rows.addArray();
                    for (List<JsonNode> cells : f.columns().values()) {
                        row.add(cells.get(i));
                    }
                }
            } else {
                ObjectNode data = out.putObject("data");
                f.columns().forEach((col, cells) -> {
                    ObjectNode byPosition = data.putObject(col);
                    for (int i = 0; i < cells.size(); i++) {
                        byPosition.set(Integer.toString(i), cells.get(i));
                    }
                });
            }
            ObjectNode index = out.putObject("index");
            f.labels().forEach(index.putArray("values")::add);
            index.put("type", "Index");
            return out;
        }

        private static List<JsonNode> list(JsonNode array) {
            List<JsonNode> out = new ArrayList<>();
            array.forEach(out::add);
            return out;
        }
    }

    @Test
    void tutorialRunsEndToEndWithTables() throws Exception {
        server.setDispatcher(new FakeOmega());
        long[] labels = {19, 18, 17, 16, 15, 14, 13, 12, 11, 10};
        double[] xs = {0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Instant[] when = new Instant[10];
        String[] tags = new String[10];
        double[] ys = new double[10];
        for (int i = 0; i < 10; i++) {
            when[i] = Instant.parse("2024-03-01T00:00:00Z").plusSeconds(3600L * i).plusNanos(i * 1000);
            tags[i] = i % 3 == 0 ? null : "t" + i;
            ys[i] = 2 * xs[i];
        }
        Table datax = Table.builder().addFloat64("x", xs).addString("tag", tags).addTimestamp("when", when)
                .index(Index.ofLongs(labels)).build();
        Table datay = Table.builder().addFloat64("y", ys).build();

        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            omega.datasets().put("datax", datax, WriteMode.REPLACE);
            omega.datasets().put("datay", datay.head(5), WriteMode.REPLACE);
            omega.datasets().put("datay", datay.slice(5, 10), WriteMode.APPEND); // labels 5..9 travel along

            omega.models().create("mymodel", List.of(PipelineStep.of("LinearRegression")));
            String fitted = omega.models().fit("mymodel", ModelInput.datasets("datax", "datay")).asText();
            double[] sync = omega.models().predict("mymodel", ModelInput.datasets("datax")).asDoubles();
            double[] async = omega.models().predictAsync("mymodel", ModelInput.datasets("datax"))
                    .await(Duration.ofSeconds(10)).asDoubles();
            Table inline = omega.models().predict("mymodel", ModelInput.table(datax.select("x").head(3))).asTable();

            // the open-source server sends no dtypes: the timestamp column is named, the rest is in the JSON
            Table backX = omega.datasets().get("datax", DatasetQuery.all().type("when", ColumnType.TIMESTAMP));
            Table backY = omega.datasets().get("datay");

            assertThat(fitted).contains("mymodel");
            assertThat(sync).containsExactly(ys);
            assertThat(async).containsExactly(sync);
            assertThat(inline).isEqualTo(Table.builder().addFloat64("0", ys[0], ys[1], ys[2]).build());
            assertThat(backX).isEqualTo(datax);
            assertThat(backX.index()).contains(Index.ofLongs(labels));
            assertThat(backX.columnNames()).containsExactly("x", "tag", "when");
            assertThat(backX.column("when").type()).isEqualTo(ColumnType.TIMESTAMP);
            assertThat(backY).isEqualTo(datay);
            assertThatThrownBy(() -> omega.datasets().get("dataz")).isInstanceOf(NotFoundException.class);
        }
    }
}
