package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.WallarooTestServer.body;
import static io.infer4j.wallaroo.WallarooTestServer.json;
import static io.infer4j.wallaroo.WallarooTestServer.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.InternalServerException;
import io.infer4j.core.error.ServiceException;
import io.infer4j.task.TaskHandle;
import io.infer4j.testsupport.Contract;
import io.infer4j.wallaroo.model.DeploymentStatus;
import io.infer4j.wallaroo.model.Model;
import io.infer4j.wallaroo.model.ModelConfig;
import io.infer4j.wallaroo.model.ModelRef;
import io.infer4j.wallaroo.model.ModelVersion;
import io.infer4j.wallaroo.model.Orchestration;
import io.infer4j.wallaroo.model.PipelineCreated;
import io.infer4j.wallaroo.model.Task;
import io.infer4j.wallaroo.model.TaskRun;
import io.infer4j.wallaroo.model.Workspace;
import io.infer4j.wallaroo.model.WorkspaceUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a recorded Wallaroo MLOps response, when the client calls the operation, then it sends the
 * request the 2025.2.1 OpenAPI document describes and reads the recorded body into the typed model.
 * Skips when {@code ../shared/contract} is absent.
 */
class WallarooMlopsContractTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private OpenApiRequestChecker spec;
    private WallarooClient client;

    @BeforeEach
    void setUp() {
        spec = OpenApiRequestChecker.load();
        client = WallarooTestServer.client(server, new WallarooTestServer.FakeTime());
    }

    @AfterEach
    void tearDown() {
        if (client != null) { // null when setUp skipped the test (no ../shared/contract)
            client.close();
        }
    }

    /** The result, the request sent and the recorded body. */
    private record Exchange<T>(T result, RecordedRequest request, JsonNode sent, JsonNode recorded) {
    }

    private <T> Exchange<T> call(String recorded, int code, String path, Function<WallarooClient, T> op) throws Exception {
        byte[] bytes = Contract.bytes("wallaroo/recorded/" + recorded);
        server.enqueue(json(code, bytes));
        T result = op.apply(client);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/api/" + path);
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + WallarooTestServer.TOKEN);
        JsonNode sent = null;
        if (r.getHeaders().get("Content-Type").startsWith("application/json")) {
            sent = body(r);
            String specPath = "/v1/api/" + path.replace("get_version_by_id", "get_model_version_by_id");
            assertThat(spec.validateJsonRequest("POST", specPath, sent)).as("request body of " + path).isEmpty();
        }
        return new Exchange<>(result, r, sent, tree(bytes));
    }

    // ---- workspaces -------------------------------------------------------------------------

    @Test
    void workspacesListInBothEras() throws Exception {
        for (String era : List.of("current", "2022-09")) {
            Exchange<List<Workspace>> x = call("mlops/" + era + "/workspaces_list.response.json", 200, "workspaces/list",
                    c -> c.workspaces().list());
            JsonNode items = x.recorded().get("workspaces");
            assertThat(x.result()).hasSize(items.size());
            for (int i = 0; i < items.size(); i++) {
                Workspace w = x.result().get(i);
                assertThat(w.id()).isEqualTo(items.get(i).get("id").asLong());
                assertThat(w.name()).isEqualTo(items.get(i).get("name").asText());
                assertThat(w.createdBy()).isEqualTo(items.get(i).get("created_by").asText());
                assertThat(w.archived()).isEqualTo(items.get(i).get("archived").asBoolean());
                assertThat(w.models()).hasSize(items.get(i).get("models").size());
                assertThat(w.pipelines()).hasSize(items.get(i).get("pipelines").size());
            }
        }
    }

    @Test
    void workspacesCreateAddListRemoveUsers() throws Exception {
        for (String era : List.of("current", "2022-09")) {
            Exchange<Long> created = call("mlops/" + era + "/workspaces_create.response.json", 200, "workspaces/create",
                    c -> c.workspaces().create("ccfraud-ws"));
            assertThat(created.result()).isEqualTo(created.recorded().get("workspace_id").asLong());
            assertThat(created.sent().get("workspace_name").asText()).isEqualTo("ccfraud-ws");

            Exchange<Void> added = call("mlops/" + era + "/workspaces_add_user.response.json", 200, "workspaces/add_user",
                    c -> {
                        c.workspaces().addUser(16, "jane@example.com");
                        return null;
                    });
            assertThat(added.sent().get("email").asText()).isEqualTo("jane@example.com");
            assertThat(added.sent().get("workspace_id").asLong()).isEqualTo(16);
        }
        Exchange<List<WorkspaceUser>> users = call("mlops/current/workspaces_list_users.response.json", 200,
                "workspaces/list_users", c -> c.workspaces().listUsers(16));
        assertThat(users.result()).extracting(WorkspaceUser::userType)
                .containsExactly(users.recorded().at("/users/0/user_type").asText(), users.recorded().at("/users/1/user_type").asText());
        assertThat(users.result().get(0).userId()).isEqualTo(users.recorded().at("/users/0/user_id").asText());

        Exchange<Long> removed = call("mlops/current/workspaces_remove_user.response.json", 200, "workspaces/remove_user",
                c -> c.workspaces().removeUser(16, "jane@example.com"));
        assertThat(removed.result()).isEqualTo(removed.recorded().get("affected_rows").asLong());
    }

    // ---- pipelines ----------------------------------------------------------------------------

    @Test
    void pipelinesCreateEmptyAndWithModel() throws Exception {
        Exchange<PipelineCreated> empty = call("mlops/current/pipelines_create_empty.response.json", 200,
                "pipelines/create", c -> c.pipelines().create(14, "api-pipeline"));
        assertThat(empty.sent().get("definition").isObject()).isTrue();
        assertThat(empty.result().pipelinePkId()).isEqualTo(empty.recorded().get("pipeline_pk_id").asLong());
        assertThat(empty.result().pipelineVariantVersion()).isEqualTo(empty.recorded().get("pipeline_variant_version").asText());

        ModelRef ref = new ModelRef("api-sample-model", "bdfc8c60-b5bc-4c0e-aa87-157cd52895b6", "bc85ce59");
        for (String file : List.of("mlops/current/pipelines_create_with_model.response.json",
                "mlops/2022-09/pipelines_create.response.json")) {
            Exchange<PipelineCreated> withModel = call(file, 200, "pipelines/create",
                    c -> c.pipelines().create(14, "api-pipeline-with-models", List.of(ref)));
            assertThat(withModel.sent().at("/definition/steps/0/ModelInference/models/0/version").asText()).isEqualTo(ref.version());
            assertThat(withModel.result().pipelineVariantPkId()).isEqualTo(withModel.recorded().get("pipeline_variant_pk_id").asLong());
        }
    }

    @Test
    void pipelinesDeployStatusUndeploy() throws Exception {
        PipelineCreated p = new PipelineCreated(28, 30, "82148e63-3950-4ec4-99f7-b9a22212bfdf", Map.of());
        DeployRequest req = DeployRequest.builder("api-pipeline-with-models", p).modelIds(1216)
                .engineConfig(Map.of("engine", Map.of("resources", Map.of("limits", Map.of("cpu", 1.0, "memory", "1Gi")))))
                .build();
        for (String era : List.of("current", "2022-09")) {
            Exchange<io.infer4j.wallaroo.model.Deployment> d = call("mlops/" + era + "/pipelines_deploy.response.json", 200,
                    "pipelines/deploy", c -> c.pipelines().deploy(req));
            assertThat(d.result().id()).isEqualTo(d.recorded().get("id").asLong());
            assertThat(d.result().name()).isEqualTo("api-pipeline-with-models-" + d.recorded().get("id").asLong());
            assertThat(d.sent().get("model_ids").get(0).asLong()).isEqualTo(1216);
            assertThat(d.sent().get("pipeline_version_pk_id").asLong()).isEqualTo(30);
        }
        for (String file : List.of("mlops/current/status_get_deployment.response.json",
                "mlops/current/status_get_deployment.2026.response.json",
                "mlops/2022-09/status_get_deployment.response.json")) {
            Exchange<DeploymentStatus> s = call(file, 200, "status/get_deployment",
                    c -> c.pipelines().status("api-pipeline-with-models-14"));
            assertThat(s.sent().get("name").asText()).isEqualTo("api-pipeline-with-models-14");
            assertThat(s.result().isRunning()).isTrue();
            assertThat(s.result().details()).isEmpty();
            JsonNode engine = s.recorded().at("/engines/0");
            assertThat(s.result().engines().get(0).name()).isEqualTo(engine.get("name").asText());
            assertThat(s.result().engines().get(0).pipelines().get(0).id())
                    .isEqualTo(engine.at("/pipeline_statuses/pipelines/0/id").asText());
            assertThat(s.result().engines().get(0).models().get(0).sha())
                    .isEqualTo(engine.at("/model_statuses/models/0/sha").asText());
            assertThat(s.result().engineLbs()).hasSize(s.recorded().get("engine_lbs").size());
        }
        Exchange<Void> u = call("mlops/current/pipelines_undeploy.response.json", 200, "pipelines/undeploy", c -> {
            c.pipelines().undeploy(28, 14);
            return null;
        });
        assertThat(u.sent().get("deployment_id").asLong()).isEqualTo(14);
    }

    @Test
    void pipelinesCopyIsReadThoughNotInTheSpec() throws Exception {
        assertThat(spec.has("POST", "/v1/api/pipelines/copy")).isFalse();
        for (String era : List.of("current", "2022-09")) {
            byte[] bytes = Contract.bytes("wallaroo/recorded/mlops/" + era + "/pipelines_copy.response.json");
            server.enqueue(json(200, bytes));
            PipelineCreated copy = client.pipelines().copy(14, 4, "copied");
            RecordedRequest r = server.takeRequest();
            assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/api/pipelines/copy");
            assertThat(body(r).get("source_pipeline").asLong()).isEqualTo(4);
            assertThat(copy.pipelinePkId()).isEqualTo(tree(bytes).get("pipeline_pk_id").asLong());
            assertThat(copy.additionalProperties()).containsKeys("pipeline_version", "deployment");
        }
    }

    @Test
    void externalUrlIsLookedUpOnceAndCached() throws Exception {
        Exchange<URI> x = call("mlops/current/admin_get_pipeline_external_url.response.json", 200,
                "admin/get_pipeline_external_url", c -> c.externalUrls().external(14, "api-pipeline-with-models"));
        assertThat(x.result()).isEqualTo(URI.create(x.recorded().get("url").asText()));
        assertThat(x.sent().get("pipeline_name").asText()).isEqualTo("api-pipeline-with-models");
        int before = server.getRequestCount();
        assertThat(client.externalUrls().external(14, "api-pipeline-with-models")).isEqualTo(x.result());
        assertThat(server.getRequestCount()).isEqualTo(before);
    }

    // ---- models -------------------------------------------------------------------------------

    @Test
    void modelsListInAllThreeShapes() throws Exception {
        Exchange<List<Model>> current = call("mlops/current/models_list.response.json", 200, "models/list",
                c -> c.models().list(108));
        JsonNode items = current.recorded().get("models");
        assertThat(current.result()).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            Model m = current.result().get(i);
            assertThat(m.id()).isEqualTo(items.get(i).at("/model/id").asLong());
            assertThat(m.name()).isEqualTo(items.get(i).at("/model/name").asText());
            assertThat(m.versions()).hasSize(items.get(i).get("model_versions").size());
            assertThat(m.additionalProperties()).containsKey("workspace");
            for (int j = 0; j < m.versions().size(); j++) {
                JsonNode v = items.get(i).get("model_versions").get(j);
                assertThat(m.versions().get(j).id()).isEqualTo(v.at("/model_version/id").asLong());
                assertThat(m.versions().get(j).sha()).isEqualTo(v.at("/model_version/file_info/sha").asText());
                assertThat(m.versions().get(j).config().id()).isEqualTo(v.at("/config/id").asLong());
                assertThat(m.versions().get(j).modelId()).isEqualTo(items.get(i).at("/model/id").asLong());
            }
        }
        Exchange<List<Model>> old = call("mlops/2022-09/models_list.response.json", 200, "models/list",
                c -> c.models().list(3));
        JsonNode first = old.recorded().at("/models/0");
        assertThat(old.result().get(0).id()).isEqualTo(first.get("id").asLong());
        assertThat(old.result().get(0).name()).isEqualTo(first.at("/models/model_id").asText());
        assertThat(old.result().get(0).versions().get(0).version()).isEqualTo(first.at("/models/model_version").asText());
    }

    @Test
    void modelsGetVersionsConfigAndVersionById() throws Exception {
        Exchange<Model> got = call("mlops/2022-09/models_get_by_id.response.json", 200, "models/get_by_id",
                c -> c.models().get(1));
        assertThat(got.result().name()).isEqualTo(got.recorded().get("name").asText());
        assertThat(got.result().ownerId()).isEqualTo("\"\"");
        assertThat(got.result().configIfPresent()).isEmpty();

        Exchange<List<ModelVersion>> versions = call("mlops/current/models_list_versions.response.json", 200,
                "models/list_versions", c -> c.models().versions("api-sample-model", 1218));
        assertThat(versions.sent().get("model_id").asText()).isEqualTo("api-sample-model");
        assertThat(versions.result()).extracting(ModelVersion::status)
                .containsExactlyElementsOf(versions.recorded().findValuesAsText("status"));
        assertThat(versions.result().get(0).modelId()).isEqualTo(versions.recorded().at("/0/models_pk_id").asLong());

        Exchange<java.util.Optional<ModelConfig>> none = call("mlops/2022-09/models_get_config_by_id.response.json", 200,
                "models/get_config_by_id", c -> c.models().configByVersionId(1));
        assertThat(none.result()).isEmpty();

        Exchange<ModelVersion> v = call("mlops/current/models_get_version_by_id.response.json", 200,
                "models/get_version_by_id", c -> c.models().version(1212));
        JsonNode mv = v.recorded().at("/model_version/model_version");
        assertThat(v.result().name()).isEqualTo(mv.get("name").asText());
        assertThat(v.result().version()).isEqualTo(mv.at("/file_info/version").asText());
        assertThat(v.result().status()).isEqualTo(mv.get("status").asText());
        assertThat(v.result().config().id()).isEqualTo(v.recorded().at("/model_version/config/id").asLong());
        assertThat(v.result().ref().sha()).isEqualTo(mv.at("/file_info/sha").asText());
        assertThat(v.result().additionalProperties()).containsKeys("conversion", "task_id", "size");

        Exchange<ModelConfig> inserted = call("mlops/current/models_insert_model_config.response.json", 200,
                "models/insert_model_config", c -> c.models().setTensorFields(1214, List.of("tensor")));
        assertThat(inserted.result().tensorFields()).containsExactly("tensor");
    }

    @Test
    void aConfigIsAskedForByModelVersionIdAsTheRecordingShows() throws Exception {
        // The tutorial posted get_config_by_id with the uploaded version's id and got config 1788,
        // which models/list of the same instance shows as the config of version 1215 of model 1218.
        long recordedConfig = tree(Contract.bytes("wallaroo/recorded/mlops/current/models_get_config_by_id.response.json"))
                .at("/model_config/id").asLong();
        Model model = call("mlops/current/models_list.response.json", 200, "models/list", c -> c.models().list(108))
                .result().stream().filter(m -> m.versions().stream().anyMatch(v -> v.config().id() == recordedConfig))
                .findFirst().orElseThrow();
        ModelVersion version = model.versions().stream().filter(v -> v.config().id() == recordedConfig).findFirst().orElseThrow();
        assertThat(version.id()).isNotEqualTo(model.id());

        Exchange<java.util.Optional<ModelConfig>> cfg = call("mlops/current/models_get_config_by_id.response.json", 200,
                "models/get_config_by_id", c -> c.models().config(version));
        assertThat(cfg.sent().get("model_id").asLong()).isEqualTo(version.id());
        assertThat(cfg.result()).get().satisfies(c -> {
            assertThat(c.id()).isEqualTo(version.config().id());
            assertThat(c.runtime()).isEqualTo(version.config().runtime());
        });
    }

    @Test
    void modelUploadSendsMetadataAndFileParts(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("ccfraud.onnx"), new byte[] {1, 2, 3, 4});
        JsonNode example = tree(Contract.bytes("wallaroo/inputs/upload-metadata/onnx_file_upload.json"));
        ModelUpload upload = ModelUpload.builder(example.get("name").asText(), example.get("workspace_id").asLong(),
                        example.at("/conversion/framework").asText())
                .visibility(example.get("visibility").asText())
                .pythonVersion(example.at("/conversion/python_version").asText()).file(file).build();
        Exchange<TaskHandle<ModelVersion>> x = call("mlops/current/models_upload_and_convert.response.json", 202,
                "models/upload_and_convert", c -> c.models().upload(upload));
        assertThat(x.result().id()).isEqualTo(x.recorded().at("/insert_models/returning/0/models/0/id").asText());
        String contentType = x.request().getHeaders().get("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data");
        String multipart = x.request().getBody().string(StandardCharsets.ISO_8859_1);
        assertThat(multipart).contains("name=\"metadata\"").contains("name=\"file\"; filename=\"ccfraud.onnx\"")
                .contains("application/octet-stream").contains("\u0001\u0002\u0003\u0004");
        JsonNode metadata = tree(metadataPart(multipart).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(metadata).isEqualTo(example);
        JsonNode schema = spec.requestSchema("POST", "/v1/api/models/upload_and_convert", "multipart/form-data")
                .at("/properties/metadata");
        assertThat(spec.validate(schema, metadata)).isEmpty();
    }

    @Test
    void anUploadedVersionComesBackWithItsModelsId(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("model.pt"), new byte[] {1, 2, 3});
        JsonNode uploaded = tree(Contract.bytes("wallaroo/recorded/mlops/current/models_upload_and_convert.response.json"));
        long versionId = uploaded.at("/insert_models/returning/0/models/0/id").asLong();
        JsonNode listed = tree(Contract.bytes("wallaroo/recorded/mlops/current/models_list.response.json"));
        JsonNode owner = null;
        for (JsonNode item : listed.get("models")) {
            for (JsonNode v : item.get("model_versions")) {
                if (v.at("/model_version/id").asLong() == versionId) {
                    owner = item.get("model");
                }
            }
        }
        assertThat(owner).as("models/list recording holds version %d", versionId).isNotNull();
        server.enqueue(json(202, uploaded.toString()));
        // get_version_by_id as recorded (no models_pk_id anywhere), for the uploaded version, now ready.
        server.enqueue(json(200, "{\"model_version\":{\"model_version\":{\"name\":\"" + owner.get("name").asText()
                + "\",\"workspace_id\":" + owner.get("workspace_id").asLong() + ",\"id\":" + versionId
                + ",\"status\":\"ready\",\"file_info\":{\"version\":\"u\",\"sha\":\"s\",\"file_name\":\"model.pt\"}},"
                + "\"config\":null}}"));
        server.enqueue(json(200, listed.toString()));

        ModelVersion v = client.models().upload(ModelUpload.builder(owner.get("name").asText(),
                owner.get("workspace_id").asLong(), "pytorch").file(file).build()).await(java.time.Duration.ofMinutes(1));

        assertThat(v.id()).isEqualTo(versionId);
        assertThat(v.modelId()).isEqualTo(owner.get("id").asLong()).isNotEqualTo(versionId);
        server.takeRequest();
        server.takeRequest();
        assertThat(body(server.takeRequest()).get("workspace_id").asLong()).isEqualTo(owner.get("workspace_id").asLong());
    }

    static String metadataPart(String multipart) {
        int start = multipart.indexOf("name=\"metadata\"");
        int body = multipart.indexOf("\r\n\r\n", start) + 4;
        return multipart.substring(body, multipart.indexOf("\r\n--", body));
    }

    // ---- orchestrations and tasks -------------------------------------------------------------

    @Test
    void orchestrationUploadGetList(@TempDir Path dir) throws Exception {
        Path zip = Files.write(dir.resolve("orch.zip"), new byte[] {'P', 'K', 3, 4});
        Exchange<TaskHandle<Orchestration>> up = call("mlops/orchestration/orchestration_upload.response.json", 202,
                "orchestration/upload", c -> c.orchestrations().upload(33, "apiorchestrationsample_001", zip));
        assertThat(up.result().id()).isEqualTo(up.recorded().get("id").asText());
        String multipart = up.request().getBody().string(StandardCharsets.ISO_8859_1);
        JsonNode metadata = tree(metadataPart(multipart).getBytes(StandardCharsets.ISO_8859_1));
        JsonNode schema = spec.requestSchema("POST", "/v1/api/orchestration/upload", "multipart/form-data")
                .at("/properties/metadata");
        assertThat(spec.validate(schema, metadata)).isEmpty();
        assertThat(multipart).contains("filename=\"orch.zip\"");

        for (String state : List.of("pending_packaging", "ready")) {
            Exchange<Orchestration> got = call("mlops/orchestration/orchestration_get_by_id." + state + ".response.json", 200,
                    "orchestration/get_by_id", c -> c.orchestrations().get(up.result().id()));
            assertThat(got.result().status()).isEqualTo(state);
            assertThat(got.result().sha()).isEqualTo(got.recorded().get("sha").asText());
        }
        Exchange<List<Orchestration>> list = call("mlops/orchestration/orchestration_list.response.json", 200,
                "orchestration/list", c -> c.orchestrations().list(33));
        assertThat(list.result().get(0).createdOnVersion()).isEqualTo(list.recorded().at("/0/created_on_version").asText());
    }

    @Test
    void tasksRunGetRunsLogsKill() throws Exception {
        TaskRequest req = TaskRequest.builder(33, "a74bb333-e4bf-495d-b500-fc5d1146ba2b")
                .arguments(Map.of("pipeline_name", "apipipeline")).name("api run once task")
                .timeout(java.time.Duration.ofMinutes(5)).build();
        Exchange<TaskHandle<Task>> once = call("mlops/orchestration/task_run_once.response.json", 201, "task/run_once",
                c -> c.tasks().runOnce(req));
        assertThat(once.result().id()).isEqualTo(once.recorded().get("id").asText());
        assertThat(once.sent().get("timeout").asLong()).isEqualTo(300);

        Exchange<TaskHandle<Task>> sched = call("mlops/orchestration/task_run_scheduled.response.json", 201,
                "task/run_scheduled", c -> c.tasks().runScheduled(req, "*/5 * * * *"));
        assertThat(sched.sent().get("schedule").asText()).isEqualTo("*/5 * * * *");

        for (String file : List.of("task_get_by_id.pending.2023-05", "task_get_by_id.started.2023-05",
                "task_get_by_id.scheduled.started")) {
            Exchange<Task> t = call("mlops/orchestration/" + file + ".response.json", 200, "task/get_by_id",
                    c -> c.tasks().get(sched.result().id()));
            assertThat(t.result().status()).isEqualTo(t.recorded().get("status").asText());
            assertThat(t.result().inputData()).isEqualTo(t.recorded().get("input_data"));
            assertThat(t.result().lastRuns()).hasSize(t.recorded().get("last_runs").size());
            assertThat(t.result().additionalProperties()).containsKeys("image", "extra_env_vars");
        }
        Exchange<List<TaskRun>> runs = call("mlops/orchestration/task_list_task_runs.response.json", 200,
                "task/list_task_runs", c -> c.tasks().runs(once.result().id()));
        assertThat(runs.result().get(0).runId()).isEqualTo(runs.recorded().at("/0/run_id").asText());
        assertThat(runs.result().get(0).taskStatus().isTerminal()).isTrue();

        Exchange<List<String>> logs = call("mlops/orchestration/task_get_logs_for_run.response.json", 200,
                "task/get_logs_for_run", c -> c.tasks().runLogs(runs.result().get(0).runId()));
        assertThat(logs.result()).hasSize(logs.recorded().get("logs").size());

        Exchange<List<String>> ids = call("mlops/orchestration/task_get_tasks_by_orch_sha.response.json", 200,
                "task/get_tasks_by_orch_sha", c -> c.tasks().idsByOrchestrationSha("d3b93c9f"));
        assertThat(ids.result()).containsExactly(ids.recorded().at("/ids/0").asText());

        Exchange<Task> killed = call("mlops/orchestration/task_kill.response.json", 202, "task/kill",
                c -> c.tasks().kill(sched.result().id()));
        assertThat(killed.result().status()).isEqualTo("pending_kill");
        assertThat(killed.result().lastRuns().get(0).status()).isEqualTo("success");
    }

    // ---- errors -------------------------------------------------------------------------------

    @Test
    void recordedErrorBodiesLandInTheExceptionFields() {
        record Err(String file, int status, Class<? extends ServiceException> type, Function<WallarooClient, Object> op) {
        }
        List<Err> errs = List.of(
                new Err("mlops_400_model_id_not_found.json", 400, BadRequestException.class, c -> c.models().get(999)),
                new Err("mlops_500_pipeline_variant_creation_failed.json", 500, InternalServerException.class,
                        c -> c.pipelines().create(1, "p")),
                new Err("mlops_500_unknown_error.json", 500, InternalServerException.class, c -> c.workspaces().list()));
        for (Err e : errs) {
            byte[] bytes = Contract.bytes("wallaroo/recorded/errors/" + e.file());
            JsonNode recorded = tree(bytes);
            server.enqueue(json(e.status(), bytes));
            assertThatThrownBy(() -> e.op().apply(client)).isInstanceOf(e.type()).satisfies(t -> {
                ServiceException se = (ServiceException) t;
                assertThat(se.status()).isEqualTo(e.status());
                assertThat(se.errorMessage()).contains(recorded.get("msg").asText());
                assertThat(se.errorCode()).contains(recorded.get("code").asText());
                assertThat(se.getMessage()).doesNotContain(WallarooTestServer.TOKEN);
            });
        }
    }
}
