package io.infer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OmegaTest {
    static LocalPlatform oss;
    static LocalPlatform ce;
    static Http ossHttp;
    static Http ceHttp;

    @BeforeAll
    static void start() {
        oss = LocalPlatform.start();
        ce = LocalPlatform.builder().omegaEdition(OmegaEdition.COMMERCIAL).start();
        ossHttp = new Http(oss);
        ceHttp = new Http(ce);
    }

    @AfterAll
    static void stop() {
        oss.close();
        ce.close();
    }

    static Http.Reply call(Http http, String method, String path, Object body, boolean apiKey) {
        try {
            Request.Builder b = new Request.Builder().url(http.platform.omegaUrl() + path);
            if (apiKey) {
                b.header("Authorization", "ApiKey " + http.platform.user() + ":" + http.platform.apiKey())
                        .header("Qualifier", "default");
            }
            b.method(method, body == null ? null : RequestBody.create(Http.JSON.writeValueAsBytes(body), MediaType.get("application/json")));
            return http.send(b.build());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void ossDatasetAppendFitPredictAndAsync() {
        Map<String, Object> x = Map.of("data", Map.of("x", List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)), "dtypes", Map.of(), "append", false);
        Map<String, Object> y = Map.of("data", Map.of("y", List.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18)), "dtypes", Map.of(), "append", false);
        Http.Reply put = call(ossHttp, "PUT", "/api/v1/dataset/xs", x, false);
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("\"\"");
        call(ossHttp, "PUT", "/api/v1/dataset/ys", y, false);
        JsonNode got = call(ossHttp, "GET", "/api/v1/dataset/xs?x__gte=8", null, false).json();
        assertThat(got.get("data").get("x").toString()).isEqualTo("{\"0\":8,\"1\":9}");
        assertThat(got.get("index").get("values").toString()).isEqualTo("[8,9]");

        assertThat(call(ossHttp, "POST", "/api/v1/model/", Map.of("name", "regression",
                "pipeline", List.of(List.of("LinearRegression", Map.of()))), false).status()).isEqualTo(201);
        JsonNode fit = call(ossHttp, "PUT", "/api/v1/model/regression/fit?datax=xs&datay=ys", Map.of(), false).json();
        assertThat(fit.get("result").asText()).startsWith("<Metadata:");
        JsonNode predicted = call(ossHttp, "PUT", "/api/v1/model/regression/predict",
                Map.of("columns", List.of("v"), "data", Map.of("v", List.of(5))), false).json();
        assertThat(predicted.toString()).isEqualTo("{\"model\":\"regression\",\"result\":[10.0],\"resource_uri\":\"regression\"}");

        Http.Reply accepted = call(ossHttp, "GET", "/api/v1/model/regression/predict?datax=xs&async=1", null, false);
        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.headers().get("Location");
        assertThat(location).matches("/api/v1/task/[0-9a-f-]+/result");
        assertThat(call(ossHttp, "GET", location + "?resource_uri=/api/v1/model/regression/predict", null, false).json().get("status").asText()).isEqualTo("PENDING");
        assertThat(call(ossHttp, "GET", location + "?resource_uri=/api/v1/model/regression/predict", null, false).json().get("status").asText()).isEqualTo("STARTED");
        JsonNode done = call(ossHttp, "GET", location + "?resource_uri=/api/v1/model/regression/predict", null, false).json();
        assertThat(done.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(done.at("/response/result/9").asDouble()).isEqualTo(18.0);

        call(ossHttp, "PUT", "/api/v1/dataset/xs", Map.of("data", Map.of("x", List.of(1)), "dtypes", Map.of()), false);
        assertThat(call(ossHttp, "GET", "/api/v1/dataset/xs?orient=list", null, false).json().at("/data/x").size()).isEqualTo(11);
        assertThat(call(ossHttp, "DELETE", "/api/v1/dataset/xs", null, false).status()).isEqualTo(200);
        assertThat(call(ossHttp, "DELETE", "/api/v1/dataset/xs", null, false).status()).isEqualTo(404);
    }

    @Test
    void multipleRegressionRecoversCoefficients() {
        call(ossHttp, "PUT", "/api/v1/dataset/mx", Map.of("data", Map.of("a", List.of(1, 2, 3, 4, 5), "b", List.of(2, 1, 4, 3, 7)),
                "dtypes", Map.of(), "append", false), false);
        // y = 1 + 2a - 3b
        call(ossHttp, "PUT", "/api/v1/dataset/my", Map.of("data", Map.of("y", List.of(-3, 2, -5, 0, -10)),
                "dtypes", Map.of(), "append", false), false);
        call(ossHttp, "POST", "/api/v1/model/", Map.of("name", "multi"), false);
        call(ossHttp, "PUT", "/api/v1/model/multi/fit?datax=mx&datay=my", Map.of(), false);
        JsonNode p = call(ossHttp, "PUT", "/api/v1/model/multi/predict", Map.of("data", List.of(Map.of("a", 10, "b", 1))), false).json();
        assertThat(p.at("/result/0").asDouble()).isCloseTo(18.0, org.assertj.core.data.Offset.offset(1e-9));
        Http.Reply notFitted = call(ossHttp, "PUT", "/api/v1/model/multi2/predict", Map.of(), false);
        assertThat(notFitted.status()).isEqualTo(400);
        assertThat(notFitted.json().get("message").asText()).contains("[Error ID: ");
    }

    @Test
    void ossIgnoresOrientAndIndexInTheBody() {
        Map<String, Object> body = Map.of("data", Map.of("x", List.of(1, 2)), "dtypes", Map.of("x", "int64"), "append", false,
                "orient", "list", "index", Map.of("values", List.of(5, 6)));
        assertThat(call(ossHttp, "PUT", "/api/v1/dataset/ignored", body, false).status()).isEqualTo(200);
        JsonNode got = call(ossHttp, "GET", "/api/v1/dataset/ignored", null, false).json();
        assertThat(got.at("/index/values").toString()).isEqualTo("[0,1]");
        assertThat(got.at("/data/x").toString()).isEqualTo("{\"0\":1,\"1\":2}");
    }

    @Test
    void missingDtypesCastToFloatInOss() {
        Http.Reply r = call(ossHttp, "PUT", "/api/v1/dataset/s", Map.of("data", Map.of("s", List.of("a"))), false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains("could not convert string to float");
        Http.Reply v = call(ossHttp, "PUT", "/api/v1/dataset/s", Map.of("data", List.of(1)), false);
        assertThat(v.json().get("message").asText()).isEqualTo("Input payload validation failed");
    }

    @Test
    void commercialNeedsApiKeyAndSpeaksTastypie() {
        assertThat(call(ceHttp, "GET", "/api/v1/dataset/", null, false).status()).isEqualTo(401);
        Map<String, Object> body = Map.of("data", Map.of("x", Map.of("0", 0, "1", 1)), "dtypes", Map.of("x", "int64"),
                "orient", "dict", "index", Map.of("type", "Int64Index", "values", List.of(0, 1)), "name", "sample");
        assertThat(call(ceHttp, "PUT", "/api/v1/dataset/sample/", body, true).status()).isEqualTo(204);
        JsonNode got = call(ceHttp, "GET", "/api/v1/dataset/sample/", null, true).json();
        assertThat(got.fieldNames()).toIterable().containsExactly("data", "dtypes", "index", "name", "orient", "resource_uri");
        assertThat(got.at("/index/type").asText()).isEqualTo("Int64Index");
        JsonNode list = call(ceHttp, "GET", "/api/v1/dataset/?limit=1", null, true).json();
        assertThat(list.at("/meta/total_count").asInt()).isEqualTo(1);
        String bearer = ceHttp.accessToken();
        assertThat(ceHttp.get(ce.omegaUrl() + "/api/v1/dataset/", bearer).status()).isEqualTo(200);
    }
}
