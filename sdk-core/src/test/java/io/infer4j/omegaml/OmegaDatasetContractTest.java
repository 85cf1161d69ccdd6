package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.body;
import static io.infer4j.omegaml.OmegaServer.json;
import static io.infer4j.omegaml.OmegaServer.target;
import static io.infer4j.omegaml.OmegaServer.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testsupport.Contract;
import io.infer4j.testsupport.FakeTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Dataset payloads. Until the omega-ml envelope codec lands (branch {@code tables}), they go
 * through the generic call path: the client sends the documented bodies unchanged and decodes the
 * documented answers (including key order that differs from row order).
 */
class OmegaDatasetContractTest {
    /** Dataset contract files exercised here. */
    static final Set<String> EXERCISED = new TreeSet<>(List.of(
            "oss-dataset-put-overwrite.request.json", "oss-dataset-put-append.request.json",
            "constructed-oss-dataset-get-filter.response.json", "constructed-oss-dataset-put-tight.request.json",
            "ce-dataset-get-sample.response.json", "ce-dataset-put-append.request.json",
            "ce-dataset-put-overwrite.request.json", "computed-pandas-to-apidata-datax.request.json",
            "computed-pandas-to-apidata-datay.request.json", "computed-pandas-to-apidata-mixed.request.json"));

    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();

    static JsonNode fileTree(String name) {
        assertThat(EXERCISED).contains(name);
        return tree(Contract.bytes("omegaml/" + name));
    }

    @Test
    void putBodiesTravelUnchanged() throws Exception {
        Map<String, String> puts = Map.of(
                "oss-dataset-put-overwrite.request.json", "/api/v1/dataset/foo",
                "oss-dataset-put-append.request.json", "/api/v1/dataset/foo",
                "constructed-oss-dataset-put-tight.request.json", "/api/v1/dataset/t?orient=tight",
                "ce-dataset-put-append.request.json", "/api/v1/dataset/sample/",
                "ce-dataset-put-overwrite.request.json", "/api/v1/dataset/sample/",
                "computed-pandas-to-apidata-datax.request.json", "/api/v1/dataset/datax/",
                "computed-pandas-to-apidata-datay.request.json", "/api/v1/dataset/datay/",
                "computed-pandas-to-apidata-mixed.request.json", "/api/v1/dataset/mixed/");
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            for (Map.Entry<String, String> put : new java.util.TreeMap<>(puts).entrySet()) {
                server.enqueue(json(200, "\"\""));
                String[] pathQuery = put.getValue().split("\\?");
                Map<String, String> query = pathQuery.length > 1 ? Map.of("orient", "tight") : Map.of();
                JsonNode answer = omega.request("PUT", pathQuery[0], query,
                        Json.mapper().convertValue(fileTree(put.getKey()), Object.class));

                RecordedRequest r = server.takeRequest();
                assertThat(r.getMethod()).isEqualTo("PUT");
                assertThat(target(r)).isEqualTo(put.getValue());
                assertThat(body(r)).isEqualTo(fileTree(put.getKey()));
                assertThat(answer.asText()).isEmpty();
            }
        }
    }

    @Test
    void getAnswersDecodeWithIndexValuesInRowOrder() throws Exception {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            server.enqueue(json(200, Contract.bytes("omegaml/constructed-oss-dataset-get-filter.response.json")));
            server.enqueue(json(200, Contract.bytes("omegaml/ce-dataset-get-sample.response.json")));

            JsonNode filtered = omega.request("GET", "/api/v1/dataset/test", Map.of("x__gte", "90"), null);
            JsonNode sample = omega.request("GET", "/api/v1/dataset/sample", Map.of(), null);

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/dataset/test?x__gte=90");
            assertThat(filtered).isEqualTo(fileTree("constructed-oss-dataset-get-filter.response.json"));
            assertThat(filtered.at("/index/values/0").asInt()).isEqualTo(90);
            assertThat(sample).isEqualTo(fileTree("ce-dataset-get-sample.response.json"));
            assertThat(sample.at("/index/values").size()).isEqualTo(30);
            // Keys arrive sorted as strings ("0","1","10",...): row order must come from index.values.
            assertThat(sample.at("/data/x").fieldNames().next()).isEqualTo("0");
            assertThat(List.copyOf(iterable(sample.at("/data/x").fieldNames())).get(2)).isEqualTo("10");
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
