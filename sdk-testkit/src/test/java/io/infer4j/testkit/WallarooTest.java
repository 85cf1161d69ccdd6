package io.infer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.testkit.internal.BuiltinModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WallarooTest {
    static LocalPlatform platform;
    static Http http;
    static String token;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().deploymentStartup(2, Duration.ofHours(1)).start();
        http = new Http(platform);
        token = http.accessToken();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static List<Double> row(int seed, int width) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            r.add((double) ((seed * 31 + i * 7) % 40));
        }
        return r;
    }

    static double[] array(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    int workspaceId(String name) {
        for (JsonNode w : http.mlops("workspaces/list", token, Map.of()).json().get("workspaces")) {
            if (w.get("name").asText().equals(name)) {
                return w.get("id").asInt();
            }
        }
        throw new AssertionError("no workspace " + name);
    }

    @Test
    void quickstartFlowAnswersEveryRowFromItsOwnInput() {
        int ws = workspaceId(LocalPlatform.DEMO_WORKSPACE);
        String url = http.mlops("admin/get_pipeline_external_url", token,
                Map.of("workspace_id", ws, "pipeline_name", LocalPlatform.DEMO_PIPELINE)).json().get("url").asText();
        assertThat(url).isEqualTo(platform.inferenceUrl(LocalPlatform.DEMO_PIPELINE))
                .matches(".*/v1/api/pipelines/infer/urldemopipeline-\\d+/urldemopipeline");

        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(Map.of("text_input", row(i, 50)));
        }
        Http.Reply reply = http.postJson(url, token, records, Http.PANDAS);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode out = reply.json();
        assertThat(out).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode rec = out.get(i);
            assertThat(rec.fieldNames()).toIterable().containsExactly("time", "in", "out", "anomaly", "metadata");
            float[] expected = BuiltinModels.aloha(array(row(i, 50)));
            assertThat(rec.get("out").get("main").get(0).floatValue()).isEqualTo(expected[7]);
            assertThat(rec.get("out").size()).isEqualTo(15);
        }
    }

    @Test
    void legacyTensorJsonGetsInferenceResultAndDatasetParamsApply() {
        String url = platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE);
        List<List<Double>> rows = List.of(row(1, 29), row(2, 29), row(3, 29));
        JsonNode result = http.postJson(url, token, Map.of("tensor", rows), Http.APPLICATION_JSON).json().get(0);
        JsonNode tensor = result.get("outputs").get(0).get("Float");
        assertThat(tensor.get("dim").toString()).isEqualTo("[3,1]");
        for (int i = 0; i < 3; i++) {
            assertThat(tensor.get("data").get(i).floatValue()).isEqualTo(BuiltinModels.fraud(array(rows.get(i))));
        }
        Http.Reply flat = http.postJson(url + "?dataset[]=*&dataset.exclude[]=metadata&dataset.separator=.", token,
                List.of(Map.of("dense_input", rows.get(0))), Http.PANDAS);
        assertThat(flat.json().get(0).fieldNames()).toIterable()
                .containsExactly("anomaly.count", "in.dense_input", "out.dense_1", "time");
    }

    @Test
    void badInputIsAnEngineError() {
        Http.Reply r = http.postJson(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE), token,
                List.of(Map.of("tensor", List.of(1.0, 2.0))), Http.PANDAS);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("source").asText()).isEqualTo("engine");
        Http.Reply noToken = http.postJson(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE), null, List.of(), Http.PANDAS);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.json().get("error").asText()).isEqualTo("Jwt is missing");
    }

    @Test
    void uploadCreatePipelineDeployStartingThenRunningThenUndeploy() {
        int ws = http.mlops("workspaces/create", token, Map.of("workspace_name", "flowtest")).json().get("workspace_id").asInt();
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("metadata", null, RequestBody.create("{\"name\":\"m1\",\"visibility\":\"private\","
                        + "\"workspace_id\":" + ws + ",\"conversion\":{\"framework\":\"onnx\",\"requirements\":[]}}",
                        MediaType.get("application/json")))
                .addFormDataPart("file", "m1.onnx", RequestBody.create(new byte[] {1, 2, 3}, MediaType.get("application/octet-stream")))
                .build();
        Http.Reply up = http.send(new Request.Builder().url(platform.mlopsUrl() + "/models/upload_and_convert")
                .header("Authorization", "Bearer " + token).post(body).build());
        assertThat(up.status()).isEqualTo(202);
        int version = up.json().at("/insert_models/returning/0/models/0/id").asInt();
        JsonNode v1 = http.mlops("models/get_version_by_id", token, Map.of("model_version_id", version)).json();
        assertThat(v1.at("/model_version/model_version/status").asText()).isEqualTo("pending_load_native");
        JsonNode v2 = http.mlops("models/get_version_by_id", token, Map.of("model_version_id", version)).json();
        assertThat(v2.at("/model_version/model_version/status").asText()).isEqualTo("ready");

        JsonNode created = http.mlops("pipelines/create", token, Map.of("pipeline_id", "p1", "workspace_id", ws,
                "definition", Map.of())).json();
        int deployment = http.mlops("pipelines/deploy", token, Map.of("deploy_id", "p1", "pipeline_id",
                created.get("pipeline_pk_id").asInt(), "pipeline_version_pk_id", created.get("pipeline_variant_pk_id").asInt(),
                "model_ids", List.of(version))).json().get("id").asInt();
        String url = platform.inferenceUrl("p1");
        assertThat(http.postJson(url, token, List.of(Map.of("tensor", row(0, 29))), Http.PANDAS).status()).isEqualTo(503);
        String name = "p1-" + deployment;
        assertThat(http.mlops("status/get_deployment", token, Map.of("name", name)).json().get("status").asText()).isEqualTo("Starting");
        http.mlops("status/get_deployment", token, Map.of("name", name));
        assertThat(http.mlops("status/get_deployment", token, Map.of("name", name)).json().get("status").asText()).isEqualTo("Running");
        assertThat(http.postJson(url, token, List.of(Map.of("tensor", row(0, 29))), Http.PANDAS).status()).isEqualTo(200);

        JsonNode logs = http.mlops("pipelines/get_logs", token, Map.of("pipeline_name", "p1", "workspace_id", ws)).json();
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).at("/metadata/last_model").asText()).contains("\"model_name\":\"m1\"");

        Http.Reply undeployed = http.mlops("pipelines/undeploy", token, Map.of("pipeline_id", created.get("pipeline_pk_id").asInt(),
                "deployment_id", deployment));
        assertThat(undeployed.body()).isEqualTo("null");
        assertThat(http.mlops("status/get_deployment", token, Map.of("name", name)).status()).isEqualTo(404);
        assertThat(http.postJson(url, token, List.of(Map.of("tensor", row(0, 29))), Http.PANDAS).status()).isEqualTo(404);
    }

    @Test
    void getLogsPagesWithIterationCursor() {
        String url = platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE);
        List<Map<String, Object>> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(Map.of("tensor", row(i, 29)));
        }
        http.postJson(url, token, five, Http.PANDAS);
        int ws = workspaceId("ccfraudworkspace");
        Http.Reply first = http.mlops("pipelines/get_logs", token, Map.of("pipeline_name", LocalPlatform.FRAUD_PIPELINE,
                "workspace_id", ws, "page_size", 2));
        assertThat(first.json()).hasSize(2);
        assertThat(first.headers().get("x-iteration-status")).isEqualTo("RecordLimited");
        String cursor = first.headers().get("x-iteration-cursor");
        assertThat(cursor).isNotNull();
        Http.Reply second = http.mlops("pipelines/get_logs", token, Map.of("pipeline_name", LocalPlatform.FRAUD_PIPELINE,
                "workspace_id", ws, "page_size", 2, "cursor", cursor));
        assertThat(second.json().get(0)).isNotEqualTo(first.json().get(0));
    }

    @Test
    void orchestrationAndTaskLifecycle() {
        int ws = workspaceId(LocalPlatform.DEMO_WORKSPACE);
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("file", "orch.zip", RequestBody.create(new byte[] {9, 9}, MediaType.get("application/octet-stream")))
                .addFormDataPart("metadata", null, RequestBody.create("{\"workspace_id\":" + ws + ",\"name\":\"o1\"}",
                        MediaType.get("application/json")))
                .build();
        Http.Reply up = http.send(new Request.Builder().url(platform.mlopsUrl() + "/orchestration/upload")
                .header("Authorization", "Bearer " + token).post(body).build());
        assertThat(up.status()).isEqualTo(202);
        String orch = up.json().get("id").asText();
        assertThat(http.mlops("orchestration/get_by_id", token, Map.of("id", orch)).json().get("status").asText()).isEqualTo("pending_packaging");
        assertThat(http.mlops("orchestration/get_by_id", token, Map.of("id", orch)).json().get("status").asText()).isEqualTo("ready");
        Http.Reply run = http.mlops("task/run_once", token, Map.of("workspace_id", ws, "orch_id", orch, "json", Map.of("a", 1)));
        assertThat(run.status()).isEqualTo(201);
        String task = run.json().get("id").asText();
        assertThat(http.mlops("task/get_by_id", token, Map.of("id", task)).json().get("status").asText()).isEqualTo("pending");
        assertThat(http.mlops("task/get_by_id", token, Map.of("id", task)).json().get("status").asText()).isEqualTo("started");
        JsonNode done = http.mlops("task/get_by_id", token, Map.of("id", task)).json();
        assertThat(done.get("status").asText()).isEqualTo("success");
        String runId = done.at("/last_runs/0/run_id").asText();
        assertThat(http.mlops("task/list_task_runs", token, Map.of("task_id", task)).json().get(0).get("task").asText()).isEqualTo(task);
        assertThat(http.mlops("task/get_logs_for_run", token, Map.of("id", runId)).json().get("logs").size()).isPositive();
        Http.Reply kill = http.mlops("task/kill", token, Map.of("id", task));
        assertThat(kill.status()).isEqualTo(202);
        assertThat(kill.json().get("status").asText()).isEqualTo("pending_kill");
    }
}
