package io.infer4j.omegaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.PipelineStep;
import io.infer4j.testsupport.FakeTime;
import java.time.Duration;
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
 * The omega-ml tutorial against a small stateful fake server: write datax/datay, create mymodel,
 * fit, predict sync and async, read the data back. Datasets travel as envelope JSON through the raw
 * path until the Table envelope codec is merged.
 */
class TutorialFlowTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();

    /** Datasets, models and tasks kept in memory; fit learns y = a * x through the origin. */
    static final class FakeOmega extends Dispatcher {
        final Map<String, ObjectNode> datasets = new ConcurrentHashMap<>();
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
                    boolean append = !in.has("append") || in.get("append").asBoolean();
                    ObjectNode stored = append && datasets.containsKey(name) ? datasets.get(name) : null;
                    datasets.put(name, stored == null ? ((ObjectNode) in).deepCopy() : appendRows(stored, in));
                    return OmegaServer.json(200, "\"\"");
                }
                ObjectNode ds = datasets.get(name);
                if (ds == null) {
                    return OmegaServer.json(400, "{\"message\": \"AttributeError(\\\"'NoneType' object has no attribute 'kind_meta'\\\")\"}");
                }
                ObjectNode out = Json.mapper().createObjectNode();
                out.set("data", ds.get("data"));
                out.set("index", ds.get("index"));
                return OmegaServer.json(200, out.toString());
            }
            if (path.equals("/api/v1/model/") && m.equals("POST")) {
                String name = OmegaServer.body(r).get("name").asText();
                slope.put(name, Double.NaN);
                return OmegaServer.json(201, "{\"model\": {\"name\": \"" + name + "\", \"kind\": \"sklearn.joblib\", \"bucket\": \"store\"}}");
            }
            if (path.startsWith("/api/v1/model/")) {
                String[] parts = path.substring("/api/v1/model/".length()).split("/");
                String model = parts[0];
                double[] x = column(r.getUrl().queryParameter("datax"));
                JsonNode result;
                if (parts[1].equals("fit")) {
                    double[] y = column(r.getUrl().queryParameter("datay"));
                    double sxy = 0;
                    double sxx = 0;
                    for (int i = 0; i < x.length; i++) {
                        sxy += x[i] * y[i];
                        sxx += x[i] * x[i];
                    }
                    slope.put(model, sxy / sxx);
                    result = Json.mapper().getNodeFactory().textNode("<Metadata: " + model + ">");
                } else {
                    ArrayNode yhat = Json.mapper().createArrayNode();
                    for (double v : x) {
                        yhat.add(v * slope.get(model));
                    }
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
            if (path.startsWith("/api/v1/task/")) {
                String id = path.split("/")[4];
                return OmegaServer.json(200, "{\"task_id\": \"" + id + "\", \"status\": \"SUCCESS\", \"response\": "
                        + taskResults.get(id) + "}");
            }
            return new MockResponse.Builder().code(404).body("<title>404 Not Found</title>").build();
        }

        private double[] column(String dataset) {
            JsonNode col = datasets.get(dataset).get("data").elements().next();
            double[] out = new double[col.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = col.get(i).asDouble();
            }
            return out;
        }

        private static ObjectNode appendRows(ObjectNode stored, JsonNode in) {
            ObjectNode merged = stored.deepCopy();
            in.get("data").fields().forEachRemaining(e -> ((ArrayNode) merged.get("data").get(e.getKey())).addAll((ArrayNode) e.getValue()));
            ((ArrayNode) merged.get("index").get("values")).addAll((ArrayNode) in.get("index").get("values"));
            return merged;
        }
    }

    @Test
    void tutorialRunsEndToEnd() throws Exception {
        server.setDispatcher(new FakeOmega());
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            List<Integer> x = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            List<Integer> y = x.stream().map(v -> 2 * v).toList();
            Map<String, Object> datax = Map.of("data", Map.of("x", x), "dtypes", Map.of("x", "int64"),
                    "index", Map.of("type", "Index", "values", x), "append", false);
            omega.request("PUT", "/api/v1/dataset/datax", Map.of(), datax);
            omega.request("PUT", "/api/v1/dataset/datay", Map.of(), Map.of("data", Map.of("y", y),
                    "dtypes", Map.of("y", "int64"), "index", Map.of("type", "Index", "values", x), "append", false));

            omega.models().create("mymodel", List.of(PipelineStep.of("LinearRegression")));
            String fitted = omega.models().fit("mymodel", ModelInput.datasets("datax", "datay")).asText();
            double[] sync = omega.models().predict("mymodel", ModelInput.datasets("datax")).asDoubles();
            double[] async = omega.models().predictAsync("mymodel", ModelInput.datasets("datax"))
                    .await(Duration.ofSeconds(10)).asDoubles();
            JsonNode back = omega.request("GET", "/api/v1/dataset/datax", Map.of(), null);

            assertThat(fitted).contains("mymodel");
            assertThat(sync).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
            assertThat(async).containsExactly(sync);
            assertThat(back.get("data")).isEqualTo(Json.mapper().valueToTree(datax.get("data")));
            assertThat(back.get("index")).isEqualTo(Json.mapper().valueToTree(datax.get("index")));
        }
    }
}
