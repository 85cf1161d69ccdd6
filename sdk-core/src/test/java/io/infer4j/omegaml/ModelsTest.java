package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.body;
import static io.infer4j.omegaml.OmegaServer.json;
import static io.infer4j.omegaml.OmegaServer.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.core.error.UnsupportedByServerException;
import io.infer4j.omegaml.model.ModelAction;
import io.infer4j.omegaml.model.ModelInfo;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.omegaml.model.PipelineStep;
import io.infer4j.testsupport.FakeTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ModelsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();

    @Test
    void everyActionIsAPutWithoutTrailingSlashOnTheOpenSourceServer() throws Exception {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            String[] actions = {"fit", "partial_fit", "predict", "predict_proba", "score", "transform", "decision_function"};
            for (int i = 0; i < actions.length; i++) {
                server.enqueue(json(200, "{\"model\": \"m\", \"result\": " + i + ", \"resource_uri\": \"m\"}"));
            }
            ModelInput xy = ModelInput.datasets("datax", "datay");
            List<ModelResult> results = List.of(omega.models().fit("m", xy), omega.models().partialFit("m", xy),
                    omega.models().predict("m", xy), omega.models().predictProba("m", xy), omega.models().score("m", xy),
                    omega.models().transform("m", xy), omega.models().decisionFunction("m", xy));
            for (int i = 0; i < actions.length; i++) {
                RecordedRequest r = server.takeRequest();
                assertThat(r.getMethod()).isEqualTo("PUT");
                assertThat(target(r)).isEqualTo("/api/v1/model/m/" + actions[i] + "?datax=datax&datay=datay");
                assertThat(body(r).toString()).isEqualTo("{}");
                assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
                assertThat(results.get(i).asDouble()).isEqualTo(i);
            }
        }
    }

    @Test
    void commercialPredictsWithGetAndTrailingSlashButFitsWithPut() throws Exception {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.COMMERCIAL)) {
            server.enqueue(json(200, "{\"datax\": \"datax\", \"datay\": null, \"result\": [0.0, 2.0]}"));
            server.enqueue(json(200, "{\"datax\": \"datax\", \"datay\": \"datay\", \"result\": \"ok\"}"));

            ModelResult p = omega.models().predict("mymodel", ModelInput.datasets("datax"));
            ModelResult f = omega.models().fit("mymodel", ModelInput.datasets("datax", "datay"));

            RecordedRequest pr = server.takeRequest();
            assertThat(pr.getMethod()).isEqualTo("GET");
            assertThat(target(pr)).isEqualTo("/api/v1/model/mymodel/predict/?datax=datax");
            RecordedRequest fr = server.takeRequest();
            assertThat(fr.getMethod()).isEqualTo("PUT");
            assertThat(target(fr)).isEqualTo("/api/v1/model/mymodel/fit/?datax=datax&datay=datay");
            assertThat(p.asDoubles()).containsExactly(0.0, 2.0);
            assertThat(p.datax()).isEqualTo("datax");
            assertThat(p.datay()).isNull();
            assertThat(f.asText()).isEqualTo("ok");
        }
    }

    @Test
    void inlineBodyAndExtraParamsAreSent() throws Exception {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.OPEN_SOURCE)) {
            server.enqueue(json(200, "{\"model\": \"mymodel\", \"result\": {\"model\": \"mymodel\", \"content\": \"hi\"}, \"resource_uri\": \"mymodel\"}"));

            ModelResult r = omega.models().action("mymodel", ModelAction.of("complete"),
                    ModelInput.json(Map.of("prompt", "hi")).param("temperature", "0"));

            RecordedRequest req = server.takeRequest();
            assertThat(target(req)).isEqualTo("/api/v1/model/mymodel/complete?temperature=0");
            assertThat(body(req).get("prompt").asText()).isEqualTo("hi");
            assertThat(r.result().get("content").asText()).isEqualTo("hi");
            assertThatThrownBy(r::asDoubles).isInstanceOf(DecodeException.class).hasMessageContaining("object");
        }
    }

    @Test
    void asDoublesFlattensAndKeepsNaN() throws Exception {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            server.enqueue(json(200, "{\"model\": \"m\", \"result\": [[1.5, NaN], [null, 3]]}"));

            double[] v = omega.models().transform("m", ModelInput.datasets("x")).asDoubles();

            assertThat(v).hasSize(4);
            assertThat(v[0]).isEqualTo(1.5);
            assertThat(v[1]).isNaN();
            assertThat(v[2]).isNaN();
            assertThat(v[3]).isEqualTo(3.0);
        }
    }

    @Test
    void metadataOfAnUnknownModelIsNotFound() throws Exception {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            server.enqueue(json(200, "{\"model\": null, \"result\": null, \"resource_uri\": null}"));
            server.enqueue(json(200, "{\"model\": \"regression\", \"result\": {\"name\": \"regression\", \"kind\": \"sklearn.joblib\","
                    + " \"created\": \"2026-01-01T10:00:00.123000\", \"modified\": \"2026-01-02T10:00:00\", \"bucket\": \"omegaml\"},"
                    + " \"resource_uri\": null}"));

            assertThatThrownBy(() -> omega.models().metadata("nope"))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("'nope' does not exist");
            ModelInfo info = omega.models().metadata("regression");

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/model/nope/");
            assertThat(info).isEqualTo(new ModelInfo("regression", "sklearn.joblib", "omegaml",
                    "2026-01-01T10:00:00.123000", "2026-01-02T10:00:00"));
            assertThat(info.createdTime()).contains(LocalDateTime.of(2026, 1, 1, 10, 0, 0, 123_000_000));
        }
    }

    @Test
    void actionOnAnUnknownModelIsNotFoundOnTheOpenSourceServer() throws Exception {
        String unknown = "{\"message\": \"ValueError('model nope does not exist') [Error ID: 0b9d3c1e-1111-4222-8333-444455556666]\"}";
        server.enqueue(json(400, unknown));
        server.enqueue(json(400, unknown));
        // a missing input dataset is not a missing model
        server.enqueue(json(400, "{\"message\": \"AttributeError(\\\"'NoneType' object has no attribute 'kind_meta'\\\")"
                + " [Error ID: 0b9d3c1e-1111-4222-8333-444455556667]\"}"));
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.OPEN_SOURCE)) {
            assertThatThrownBy(() -> omega.models().predict("nope", ModelInput.datasets("x")))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("model 'nope' does not exist").contains("ValueError");
                        assertThat(e.getCause()).isInstanceOf(io.infer4j.core.error.BadRequestException.class);
                        assertThat(OmegaErrors.errorId(e)).contains("0b9d3c1e-1111-4222-8333-444455556666");
                    });
            assertThatThrownBy(() -> omega.models().predictAsync("nope", ModelInput.datasets("x")))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> omega.models().predict("m", ModelInput.datasets("missing")))
                    .isExactlyInstanceOf(io.infer4j.core.error.BadRequestException.class);
        }
    }

    @Test
    void createIsCommercialOnly() throws Exception {
        try (OmegaClient oss = OmegaServer.client(server, time, Edition.OPEN_SOURCE)) {
            assertThatThrownBy(() -> oss.models().create("m", List.of(PipelineStep.of("LinearRegression"))))
                    .isInstanceOf(UnsupportedByServerException.class).hasMessageContaining("models.create");
            assertThat(server.getRequestCount()).isZero();
        }
        try (OmegaClient auto = OmegaServer.client(server, time, Edition.AUTO)) {
            server.enqueue(new mockwebserver3.MockResponse.Builder().code(404).setHeader("Content-Type", "text/html")
                    .body("<!doctype html><title>404 Not Found</title><h1>Not Found</h1>").build());
            assertThatThrownBy(() -> auto.models().create("m", List.of(PipelineStep.of("LinearRegression"))))
                    .isInstanceOf(UnsupportedByServerException.class)
                    .hasCauseInstanceOf(NotFoundException.class);
            RecordedRequest r = server.takeRequest();
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(target(r)).isEqualTo("/api/v1/model/");
        }
    }

    @Test
    void badInputIsRefusedBeforeAnyRequest() {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            assertThatThrownBy(() -> ModelInput.datasets(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("datax");
            assertThatThrownBy(() -> ModelAction.of("pre/dict")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> omega.models().create("m", List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pipeline");
            assertThatThrownBy(() -> omega.models().predict("m", null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(server.getRequestCount()).isZero();
        }
    }
}
