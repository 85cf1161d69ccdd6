package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.accepted;
import static io.infer4j.omegaml.OmegaServer.body;
import static io.infer4j.omegaml.OmegaServer.json;
import static io.infer4j.omegaml.OmegaServer.target;
import static io.infer4j.omegaml.OmegaServer.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.core.error.TaskFailedException;
import io.infer4j.core.internal.Json;
import io.infer4j.omegaml.model.DatasetInfo;
import io.infer4j.omegaml.model.JobExport;
import io.infer4j.omegaml.model.JobInfo;
import io.infer4j.omegaml.model.ModelAction;
import io.infer4j.omegaml.model.ModelInfo;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.omegaml.model.Page;
import io.infer4j.omegaml.model.PipelineStep;
import io.infer4j.omegaml.model.ScriptResult;
import io.infer4j.testsupport.Contract;
import io.infer4j.testsupport.FakeTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Given a recorded or documented omega-ml payload (../shared/contract/omegaml), when the client
 * makes the matching call, then it sends the documented request and returns the typed value.
 * Skips itself when the shared folder is absent.
 */
class OmegaContractTest {
    /** Every contract file and the test that exercises it; {@link #everyContractFileIsExercised} keeps this honest. */
    static final Set<String> EXERCISED = new TreeSet<>(List.of(
            "oss-model-predict-inline.request.json", "oss-model-predict-empty-body.request.json",
            "constructed-oss-model-predict-regression.response.json", "oss-model-predict-tfkeras.response.json",
            "oss-model-predict-virtualobj.response.json", "oss-model-predict-tfestimator.response.json",
            "constructed-oss-empty-string.response.json",
            "constructed-oss-model-predict-async.accepted.response.json", "oss-task-result.request.json",
            "constructed-oss-task-result-model-success.response.json", "constructed-oss-task-result-failure.response.json",
            "oss-script-run.request.json", "oss-script-run-helloworld.result.json", "oss-script-run-virtualobj.result.json",
            "oss-service-run-helloworld.response.json", "oss-service-helloservice.request.json",
            "oss-service-helloservice.response.json", "oss-service-helloservice-invalid.request.json",
            "oss-service-validation-error.response.json", "oss-service-error-404.response.json",
            "oss-service-error-list-404.response.json", "oss-service-predict-nosignature.response.json",
            "oss-service-predict-many.request.json", "oss-service-predict-many.response.json", "oss-service-doc.swagger.json",
            "oss-model-complete.request.json", "oss-model-complete.response.json",
            "oss-model-complete-stream.request.json", "oss-model-complete-stream-last.event.json",
            "oss-model-embed.request.json", "oss-model-embed.response.json",
            "oss-openai-embeddings.request.json", "oss-openai-embeddings.response.json",
            "oss-openai-chat-completions.request.json", "oss-openai-chat-completions.response.json",
            "oss-openai-chat-completions-stream.request.json", "oss-openai-chat-completions-stream-last.event.json",
            "ce-dataset-list.response.json", "ce-model-create.request.json", "ce-model-create.response.json",
            "ce-model-fit.response.json", "ce-model-predict.response.json", "ce-job-list.response.json",
            "ce-job-run.response.json", "ce-job-results.response.json", "ce-job-export.response.json",
            "ce-job-get.response.json", "ce-config.response.mock.json", "ce-config-user-extensions.response.mock.json"));

    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();

    static byte[] file(String name) {
        assertThat(EXERCISED).as("contract file registered in EXERCISED").contains(name);
        return Contract.bytes("omegaml/" + name);
    }

    static JsonNode fileTree(String name) {
        return tree(file(name));
    }

    static Object fileValue(String name) {
        return Json.mapper().convertValue(fileTree(name), Object.class);
    }

    OmegaClient oss() {
        return OmegaServer.client(server, time, Edition.OPEN_SOURCE);
    }

    OmegaClient ce() {
        return OmegaServer.client(server, time, Edition.COMMERCIAL);
    }

    @Test
    void everyContractFileIsExercised() {
        Set<String> present = new TreeSet<>();
        for (Path p : Contract.files("omegaml", ".json")) {
            present.add(p.getFileName().toString());
        }
        Set<String> covered = new TreeSet<>(EXERCISED);
        covered.addAll(OmegaDatasetContractTest.EXERCISED);
        assertThat(covered).containsExactlyElementsOf(present);
    }

    // ---- open-source models ----

    @Test
    void ossPredictInline() throws Exception {
        try (OmegaClient omega = oss()) {
            server.enqueue(json(200, file("constructed-oss-model-predict-regression.response.json")));

            ModelResult r = omega.models().predict("regression", ModelInput.json(fileValue("oss-model-predict-inline.request.json")));

            RecordedRequest req = server.takeRequest();
            assertThat(req.getMethod()).isEqualTo("PUT");
            assertThat(target(req)).isEqualTo("/api/v1/model/regression/predict");
            assertThat(body(req)).isEqualTo(fileTree("oss-model-predict-inline.request.json"));
            assertThat(r.model()).isEqualTo("regression");
            assertThat(r.resourceUri()).isEqualTo("regression");
            assertThat(r.asDoubles()).containsExactly(10.0);
        }
    }

    @Test
    void ossPredictFromDatasetSendsEmptyJsonBody() throws Exception {
        try (OmegaClient omega = oss()) {
            server.enqueue(json(200, file("constructed-oss-model-predict-regression.response.json")));

            ModelResult r = omega.models().predict("regression", ModelInput.datasets("foo"));

            RecordedRequest req = server.takeRequest();
            assertThat(target(req)).isEqualTo("/api/v1/model/regression/predict?datax=foo");
            assertThat(body(req)).isEqualTo(fileTree("oss-model-predict-empty-body.request.json"));
            assertThat(r.asDoubles()).containsExactly(10.0);
        }
    }

    @Test
    void ossPredictResultShapes() throws Exception {
        try (OmegaClient omega = oss()) {
            server.enqueue(json(200, file("oss-model-predict-tfkeras.response.json")));
            server.enqueue(json(200, file("oss-model-predict-virtualobj.response.json")));
            server.enqueue(json(200, file("oss-model-predict-tfestimator.response.json")));

            ModelResult keras = omega.models().predict("tfkeras-flower", ModelInput.json(Map.of("columns", List.of("x"))));
            ModelResult label = omega.models().predict("mymodel", ModelInput.datasets("image"));
            ModelResult est = omega.models().predict("tf-model-mnist-fn", ModelInput.datasets("mnist-sample"));

            JsonNode kerasExpected = fileTree("oss-model-predict-tfkeras.response.json").get("result");
            assertThat(keras.asDoubles()).hasSize(kerasExpected.size());
            for (int i = 0; i < kerasExpected.size(); i++) {
                assertThat(keras.asDoubles()[i]).isEqualTo(kerasExpected.get(i).doubleValue());
            }
            assertThat(label.asText()).isEqualTo("tulips");
            assertThat(est.result().size()).isEqualTo(2);
            assertThat(est.result().get(0).get("classes").asInt()).isEqualTo(3);
            assertThat(est.result().get(1).get("probabilities").get(0).doubleValue()).isEqualTo(0.13886572420597076);
            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/model/tfkeras-flower/predict");
            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/model/mymodel/predict?datax=image");
            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/model/tf-model-mnist-fn/predict?datax=mnist-sample");
        }
    }

    @Test
    void ossCompleteAndEmbedThroughGenericActions() throws Exception {
        try (OmegaClient omega = oss()) {
            server.enqueue(json(200, file("oss-model-complete.response.json")));
            server.enqueue(json(200, file("oss-model-embed.response.json")));

            ModelResult c = omega.models().action("mymodel", ModelAction.of("complete"),
                    ModelInput.json(fileValue("oss-model-complete.request.json")));
            ModelResult e = omega.models().action("myembedding", ModelAction.of("embed"),
                    ModelInput.json(fileValue("oss-model-embed.request.json")));

            RecordedRequest cr = server.takeRequest();
            assertThat(target(cr)).isEqualTo("/api/v1/model/mymodel/complete");
            assertThat(body(cr)).isEqualTo(fileTree("oss-model-complete.request.json"));
            RecordedRequest er = server.takeRequest();
            assertThat(target(er)).isEqualTo("/api/v1/model/myembedding/embed");
            assertThat(body(er)).isEqualTo(fileTree("oss-model-embed.request.json"));
            assertThat(c.result().get("content").asText()).isEqualTo("hello");
            assertThat(e.result().get("embeddings").size()).isEqualTo(2);
            assertThat(e.result().get("embeddings").get(1).size()).isEqualTo(10);
        }
    }

    @Test
    void ossStreamingPayloadsDecodeThroughTheRawPath() throws Exception {
        // Streaming (text/event-stream) is out of scope for the typed client; each event's JSON is
        // what the generic call path returns when the server answers without streaming.
        try (OmegaClient omega = oss()) {
            server.enqueue(json(200, file("oss-model-complete-stream-last.event.json")));
            server.enqueue(json(200, file("oss-openai-chat-completions-stream-last.event.json")));

            JsonNode complete = omega.request("PUT", "/api/v1/model/mymodel/complete", Map.of(),
                    fileValue("oss-model-complete-stream.request.json"));
            JsonNode chat = omega.request("POST", "/api/openai/v1/chat/completions", Map.of(),
                    fileValue("oss-openai-chat-completions-stream.request.json"));

            assertThat(body(server.takeRequest())).isEqualTo(fileTree("oss-model-complete-stream.request.json"));
            assertThat(body(server.takeRequest())).isEqualTo(fileTree("oss-openai-chat-completions-stream.request.json"));
            assertThat(complete.get("result").get("delta").asText()).isEqualTo("o");
            assertThat(chat).isEqualTo(fileTree("oss-openai-chat-completions-stream-last.event.json"));
        }
    }

    @Test
    void ossOpenAiLikeEndpointsThroughTheRawPath() throws Exception {
        try (OmegaClient omega = oss()) {
            server.enqueue(json(200, file("oss-openai-chat-completions.response.json")));
            server.enqueue(json(200, file("oss-openai-embeddings.response.json")));

            JsonNode chat = omega.request("POST", "/api/openai/v1/chat/completions", Map.of(),
                    fileValue("oss-openai-chat-completions.request.json"));
            JsonNode emb = omega.request("POST", "/api/openai/v1/embeddings", Map.of(),
                    fileValue("oss-openai-embeddings.request.json"));

            RecordedRequest cr = server.takeRequest();
            assertThat(cr.getMethod()).isEqualTo("POST");
            assertThat(target(cr)).isEqualTo("/api/openai/v1/chat/completions");
            assertThat(body(cr)).isEqualTo(fileTree("oss-openai-chat-completions.request.json"));
            assertThat(body(server.takeRequest())).isEqualTo(fileTree("oss-openai-embeddings.request.json"));
            assertThat(chat.get("content").asText()).isEqualTo("hello");
            assertThat(emb).isEqualTo(fileTree("oss-openai-embeddings.response.json"));
        }
    }

    // ---- async ----

    @Test
    void ossAsyncPredictPollsWithTheResourceUriUntilSuccess() throws Exception {
        try (OmegaClient omega = oss()) {
            JsonNode accepted = fileTree("constructed-oss-model-predict-async.accepted.response.json");
            JsonNode success = fileTree("constructed-oss-task-result-model-success.response.json");
            String taskId = success.get("task_id").asText();
            server.enqueue(accepted(taskId, accepted.toString()));
            server.enqueue(json(200, file("constructed-oss-task-result-model-success.response.json")));

            ModelResult r = omega.models().predictAsync("regression", ModelInput.json(fileValue("oss-model-predict-inline.request.json")))
                    .await(Duration.ofMinutes(1));

            RecordedRequest start = server.takeRequest();
            assertThat(target(start)).isEqualTo("/api/v1/model/regression/predict?async=1");
            assertThat(start.getHeaders().get("async")).isEqualTo("true");
            RecordedRequest poll = server.takeRequest();
            assertThat(poll.getMethod()).isEqualTo("GET");
            assertThat(poll.getUrl().encodedPath()).isEqualTo("/api/v1/task/" + taskId + "/result");
            // The open-source test client sends this as the JSON body of the GET; OkHttp cannot send
            // a GET body, so the same value travels as the resource_uri query parameter (as the
            // commercial guide does).
            assertThat(poll.getUrl().queryParameter("resource_uri"))
                    .isEqualTo(fileTree("oss-task-result.request.json").get("resource_uri").asText());
            assertThat(r.asDoubles()).containsExactly(10.0);
            assertThat(r.model()).isEqualTo("regression");
        }
    }

    @Test
    void ossAsyncFailureIsTaskFailed() throws Exception {
        try (OmegaClient omega = oss()) {
            server.enqueue(accepted("b552e887-9ced-4e87-a203-0a4183e4f461",
                    fileTree("constructed-oss-model-predict-async.accepted.response.json").toString()));
            server.enqueue(json(400, file("constructed-oss-task-result-failure.response.json")));

            assertThatThrownBy(() -> omega.models().predictAsync("regression", ModelInput.datasets("foo")).await(Duration.ofMinutes(1)))
                    .isInstanceOfSatisfying(TaskFailedException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.status()).isEqualTo("FAILURE");
                        assertThat(e.taskId()).isEqualTo("b552e887-9ced-4e87-a203-0a4183e4f461");
                    });
        }
    }

    // ---- scripts ----

    @Test
    void ossScriptRuns() throws Exception {
        try (OmegaClient omega = oss()) {
            for (String result : List.of("oss-script-run-helloworld.result.json", "oss-script-run-virtualobj.result.json")) {
                server.enqueue(json(200, "{\"resource_uri\": null, \"script\": \"s\", \"result\": " + fileTree(result)
                        + ", \"runtimes\": 0.1, \"started\": \"2022-09-04T12:59:41.180949\", \"ended\": \"2022-09-04T12:59:41.209252\"}"));
            }

            ScriptResult hello = omega.scripts().run("helloworld", fileValue("oss-script-run.request.json"), Map.of("text", "foo"));
            ScriptResult virt = omega.scripts().run("myscript", fileValue("oss-script-run.request.json"), Map.of("text", "foo"));

            for (String name : List.of("helloworld", "myscript")) {
                RecordedRequest r = server.takeRequest();
                assertThat(r.getMethod()).isEqualTo("POST");
                assertThat(target(r)).isEqualTo("/api/v1/script/" + name + "/run?text=foo");
                assertThat(body(r)).isEqualTo(fileTree("oss-script-run.request.json"));
            }
            assertThat(hello.result()).isEqualTo(fileTree("oss-script-run-helloworld.result.json"));
            assertThat(virt.result()).isEqualTo(fileTree("oss-script-run-virtualobj.result.json"));
            assertThat(hello.startedTime()).contains(LocalDateTime.of(2022, 9, 4, 12, 59, 41, 180_949_000));
        }
    }

    // ---- services (no typed client: the raw path) ----

    @Test
    void ossServicesThroughTheRawPath() throws Exception {
        try (OmegaClient omega = oss()) {
            server.enqueue(json(200, file("oss-service-run-helloworld.response.json")));
            server.enqueue(json(200, file("oss-service-helloservice.response.json")));
            server.enqueue(json(200, file("oss-service-predict-nosignature.response.json")));
            server.enqueue(json(200, file("oss-service-predict-many.response.json")));
            server.enqueue(json(200, file("oss-service-doc.swagger.json")));

            JsonNode hello = omega.request("POST", "/api/service/helloworld/", Map.of("text", "foo"), Map.of("foo", "bar"));
            JsonNode svc = omega.request("POST", "/api/service/helloservice/", Map.of("text", "foo"),
                    fileValue("oss-service-helloservice.request.json"));
            JsonNode nosig = omega.request("POST", "/api/service/mymodel/predict", Map.of("text", "foo"), Map.of("foo", "bar"));
            JsonNode many = omega.request("POST", "/api/service/mymodel/", Map.of(), fileValue("oss-service-predict-many.request.json"));
            JsonNode doc = omega.request("GET", "/api/service/mymodel/doc", Map.of(), null);

            assertThat(target(server.takeRequest())).isEqualTo("/api/service/helloworld/?text=foo");
            assertThat(body(server.takeRequest())).isEqualTo(fileTree("oss-service-helloservice.request.json"));
            server.takeRequest();
            assertThat(body(server.takeRequest())).isEqualTo(fileTree("oss-service-predict-many.request.json"));
            RecordedRequest docReq = server.takeRequest();
            assertThat(docReq.getMethod()).isEqualTo("GET");
            assertThat(hello).isEqualTo(fileTree("oss-service-run-helloworld.response.json"));
            assertThat(svc.get("a").get(4).doubleValue()).isEqualTo(20.0);
            assertThat(nosig.get("method").asText()).isEqualTo("predict");
            assertThat(many).isEqualTo(fileTree("oss-service-predict-many.response.json"));
            assertThat(doc.get("swagger").asText()).isEqualTo("2.0");
            assertThat(doc.get("paths").has("/api/service/mymodel")).isTrue();
        }
    }

    @Test
    void ossServiceErrorsAreTyped() throws Exception {
        try (OmegaClient omega = oss()) {
            server.enqueue(json(400, file("oss-service-validation-error.response.json")));
            server.enqueue(json(404, file("oss-service-error-404.response.json")));
            server.enqueue(json(404, file("oss-service-error-list-404.response.json")));

            assertThatThrownBy(() -> omega.request("POST", "/api/service/helloservice/", Map.of("text", "foo"),
                    fileValue("oss-service-helloservice-invalid.request.json")))
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("ValidationError")));
            assertThatThrownBy(() -> omega.request("POST", "/api/service/mymodel/predict", Map.of("exception", "1"), Map.of("factor", 1.0)))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.errorMessage()).contains("error message"));
            assertThatThrownBy(() -> omega.request("POST", "/api/service/mymodel/predict", Map.of("many", "1"), Map.of()))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.body()).contains("exception 404 raised"));
            assertThat(body(server.takeRequest())).isEqualTo(fileTree("oss-service-helloservice-invalid.request.json"));
        }
    }

    // ---- datasets that need no table ----

    @Test
    void ossDeleteAnswersAJsonEmptyString() throws Exception {
        try (OmegaClient omega = oss()) {
            server.enqueue(json(200, file("constructed-oss-empty-string.response.json")));
            server.enqueue(json(404, file("constructed-oss-empty-string.response.json")));

            omega.datasets().delete("foo");
            assertThatThrownBy(() -> omega.datasets().delete("foo")).isInstanceOf(NotFoundException.class);

            RecordedRequest r = server.takeRequest();
            assertThat(r.getMethod()).isEqualTo("DELETE");
            assertThat(target(r)).isEqualTo("/api/v1/dataset/foo");
        }
    }

    @Test
    void ceDatasetListAsPageAndLazyIterator() throws Exception {
        try (OmegaClient omega = ce()) {
            server.enqueue(json(200, file("ce-dataset-list.response.json")));
            server.enqueue(json(200, file("ce-dataset-list.response.json")));

            Page<DatasetInfo> page = omega.datasets().list(20, 0);
            List<String> names = new ArrayList<>();
            omega.datasets().listAll().forEach(d -> names.add(d.name()));

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/dataset/?limit=20&offset=0");
            assertThat(page.totalCount()).isEqualTo(3);
            assertThat(page.hasNext()).isFalse();
            assertThat(page.items().get(0)).isEqualTo(new DatasetInfo("sample", "pandas.dfrows", "/api/v1/dataset/sample/"));
            assertThat(names).containsExactly("sample", "sample2", "sample99");
            assertThat(server.getRequestCount()).isEqualTo(2);
        }
    }

    // ---- commercial models and jobs ----

    @Test
    void ceModelCreateFitPredict() throws Exception {
        try (OmegaClient omega = ce()) {
            server.enqueue(json(201, file("ce-model-create.response.json")));
            server.enqueue(json(202, file("ce-model-fit.response.json")));
            server.enqueue(json(200, file("ce-model-predict.response.json")));

            ModelInfo created = omega.models().create("mymodel", List.of(PipelineStep.of("LinearRegression")));
            ModelResult fit = omega.models().fit("mymodel", ModelInput.datasets("datax", "datay"));
            ModelResult predict = omega.models().predict("mymodel", ModelInput.datasets("datax"));

            RecordedRequest c = server.takeRequest();
            assertThat(c.getMethod()).isEqualTo("POST");
            assertThat(target(c)).isEqualTo("/api/v1/model/");
            assertThat(body(c)).isEqualTo(fileTree("ce-model-create.request.json"));
            assertThat(c.getHeaders().get("Authorization")).isEqualTo("ApiKey omops:" + OmegaServer.KEY);
            assertThat(c.getHeaders().get("Qualifier")).isEqualTo("prod");
            RecordedRequest f = server.takeRequest();
            assertThat(f.getMethod()).isEqualTo("PUT");
            assertThat(target(f)).isEqualTo("/api/v1/model/mymodel/fit/?datax=datax&datay=datay");
            RecordedRequest p = server.takeRequest();
            assertThat(p.getMethod()).isEqualTo("GET");
            assertThat(target(p)).isEqualTo("/api/v1/model/mymodel/predict/?datax=datax");
            assertThat(created).isEqualTo(new ModelInfo("mymodel", "sklearn.joblib", "store", "2016-01-16 22:05:06.192000", null));
            assertThat(created.createdTime()).contains(LocalDateTime.of(2016, 1, 16, 22, 5, 6, 192_000_000));
            assertThat(fit.asText()).isEqualTo("ok");
            assertThat(fit.datay()).isEqualTo("datay");
            assertThat(predict.asDoubles()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        }
    }

    @Test
    void ceJobs() throws Exception {
        try (OmegaClient omega = ce()) {
            server.enqueue(json(200, file("ce-job-list.response.json")));
            server.enqueue(json(200, file("ce-job-get.response.json")));
            server.enqueue(json(200, file("ce-job-run.response.json")));
            server.enqueue(json(200, file("ce-job-results.response.json")));
            server.enqueue(json(200, file("ce-job-export.response.json")));

            Page<JobInfo> list = omega.jobs().list(20, 0);
            JobInfo job = omega.jobs().get("testjob");
            JobInfo run = omega.jobs().run("testjob");
            JobInfo results = omega.jobs().results(run.jobResults().get(0));
            JobExport export = omega.jobs().export("testjob_1517953074.ipynb");

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/job/?limit=20&offset=0");
            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/job/testjob/");
            RecordedRequest r = server.takeRequest();
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(target(r)).isEqualTo("/api/v1/job/testjob/run/");
            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/job/results/testjob_1517953074.ipynb/");
            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/job/export/testjob_1517953074.ipynb/");
            assertThat(list.items()).singleElement().satisfies(j -> assertThat(j.name()).isEqualTo("testjob.ipynb"));
            assertThat(job.content().get("cells").get(0).get("source").asText()).isEqualTo("print('hello')");
            assertThat(job.jobResults()).isEmpty();
            assertThat(run.jobRuns()).singleElement().satisfies(jr -> {
                assertThat(jr.ts()).isEqualTo("1517953074");
                assertThat(jr.ok()).isTrue();
            });
            assertThat(run.jobResults()).containsExactly("results/testjob_1517953074.ipynb");
            assertThat(results.sourceJob()).isEqualTo("testjob");
            assertThat(results.name()).isEqualTo("results/testjob_1517952965.ipynb");
            assertThat(export).isEqualTo(new JobExport("testjob_1517953074.ipynb", "<html> ... </html>"));
        }
    }

    @Test
    void ceConfigThroughTheRawPath() throws Exception {
        try (OmegaClient omega = ce()) {
            server.enqueue(json(200, file("ce-config.response.mock.json")));
            server.enqueue(json(200, file("ce-config-user-extensions.response.mock.json")));

            JsonNode config = omega.request("GET", "/api/v1/config/", Map.of("qualifier", "default"), null);
            JsonNode ext = omega.request("GET", "/api/v1/config/", Map.of(), null);

            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/config/?qualifier=default");
            assertThat(config.get("objects").get(0).get("data").get("OMEGA_MONGO_URL").asText()).isEqualTo("updated-foo");
            assertThat(ext.at("/objects/0/data/OMEGA_USER_EXTENSIONS/OMEGA_STORE_BACKENDS/test.backend").asText())
                    .isEqualTo("omegaml.backends.npndarray.NumpyNDArrayBackend");
        }
    }
}
