package io.infer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.testsupport.Contract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * The testkit's answers have the same keys and value types as the real servers' recordings in
 * ../shared/contract (skipped when that folder is absent), so the test double cannot drift.
 */
class ContractShapeTest {

    static JsonNode recorded(String path) throws IOException {
        return Http.JSON.readTree(Contract.bytes(path));
    }

    /** Same keys (objects), same JSON types; arrays compared by their first element; nulls match anything. */
    static void assertSameShape(String where, JsonNode recorded, JsonNode ours, int depth) {
        if (recorded.isNull() || ours.isNull()) {
            return;
        }
        String r = recorded.isNumber() ? "number" : recorded.getNodeType().toString();
        String o = ours.isNumber() ? "number" : ours.getNodeType().toString();
        assertThat(o).as(where + " type").isEqualTo(r);
        if (depth == 0) {
            return;
        }
        if (recorded.isObject() && names(recorded).stream().allMatch(k -> k.matches("\\d+"))) {
            // keys are data (row positions, epoch seconds): compare one value's shape
            if (recorded.size() > 0 && ours.size() > 0) {
                assertSameShape(where + ".*", recorded.elements().next(), ours.elements().next(), depth - 1);
            }
        } else if (recorded.isObject()) {
            assertThat(new TreeSet<>(names(ours))).as(where + " keys").isEqualTo(new TreeSet<>(names(recorded)));
            recorded.fieldNames().forEachRemaining(k -> assertSameShape(where + "." + k, recorded.get(k), ours.get(k), depth - 1));
        } else if (recorded.isArray() && recorded.size() > 0 && ours.size() > 0) {
            assertSameShape(where + "[0]", recorded.get(0), ours.get(0), depth - 1);
        }
    }

    static List<String> names(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }

    static void check(String file, JsonNode ours) throws IOException {
        assertSameShape(file, recorded(file), ours, 4);
    }

    @Test
    void currentWallarooShapes() throws IOException {
        Contract.dir();
        try (LocalPlatform p = LocalPlatform.builder().deploymentStartup(0, java.time.Duration.ZERO).start()) {
            Http http = new Http(p);
            String t = http.accessToken();
            String m = "wallaroo/recorded/mlops/current/";
            check(m + "workspaces_list.response.json", http.mlops("workspaces/list", t, Map.of()).json());
            JsonNode ws = http.mlops("workspaces/create", t, Map.of("workspace_name", "shape")).json();
            check(m + "workspaces_create.response.json", ws);
            int id = ws.get("workspace_id").asInt();
            check(m + "workspaces_add_user.response.json", http.mlops("workspaces/add_user", t, Map.of("workspace_id", id, "email", "a@b.c")).json());
            check(m + "workspaces_list_users.response.json", http.mlops("workspaces/list_users", t, Map.of("workspace_id", id)).json());
            check(m + "workspaces_remove_user.response.json", http.mlops("workspaces/remove_user", t, Map.of("workspace_id", id, "email", "a@b.c")).json());
            check(m + "features_list.response.json", http.mlops("features/list", t, Map.of()).json());

            RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                    .addFormDataPart("metadata", null, RequestBody.create("{\"name\":\"ccfraud\",\"visibility\":\"public\",\"workspace_id\":"
                            + id + ",\"conversion\":{\"framework\":\"onnx\",\"requirements\":[]}}", MediaType.get("application/json")))
                    .addFormDataPart("file", "ccfraud.onnx", RequestBody.create(new byte[] {1}, MediaType.get("application/octet-stream")))
                    .build();
            JsonNode up = http.send(new Request.Builder().url(p.mlopsUrl() + "/models/upload_and_convert")
                    .header("Authorization", "Bearer " + t).post(body).build()).json();
            check(m + "models_upload_and_convert.response.json", up);
            int version = up.at("/insert_models/returning/0/models/0/id").asInt();
            check(m + "models_get_version_by_id.response.json", http.mlops("models/get_version_by_id", t, Map.of("model_version_id", version)).json());
            check(m + "models_get_config_by_id.response.json", http.mlops("models/get_config_by_id", t, Map.of("model_id", version)).json());
            JsonNode models = http.mlops("models/list", t, Map.of("workspace_id", id)).json();
            check(m + "models_list.response.json", models);
            check(m + "models_list_versions.response.json", http.mlops("models/list_versions", t, Map.of("model_id", "ccfraud",
                    "models_pk_id", models.at("/models/0/model/id").asInt())).json());

            JsonNode pipe = http.mlops("pipelines/create", t, Map.of("pipeline_id", "shape-p", "workspace_id", id, "definition", Map.of())).json();
            check(m + "pipelines_create_empty.response.json", pipe);
            JsonNode dep = http.mlops("pipelines/deploy", t, Map.of("deploy_id", "shape-p", "pipeline_id", pipe.get("pipeline_pk_id").asInt(),
                    "pipeline_version_pk_id", pipe.get("pipeline_variant_pk_id").asInt(), "model_ids", List.of(version))).json();
            check(m + "pipelines_deploy.response.json", dep);
            check(m + "status_get_deployment.2026.response.json", http.mlops("status/get_deployment", t,
                    Map.of("name", "shape-p-" + dep.get("id").asInt())).json());
            check(m + "admin_get_pipeline_external_url.response.json", http.mlops("admin/get_pipeline_external_url", t,
                    Map.of("workspace_id", id, "pipeline_name", "shape-p")).json());

            String url = p.inferenceUrl(LocalPlatform.FRAUD_PIPELINE);
            JsonNode row1 = recorded("wallaroo/recorded/inference/ccfraud_1row.pandas-records-out.2024-07.json");
            List<Map<String, Object>> in = List.of(Map.of("tensor", Http.JSON.convertValue(row1.get(0).at("/in/tensor"), List.class)));
            check("wallaroo/recorded/inference/ccfraud_1row.pandas-records-out.2024-07.json", http.postJson(url, t, in, Http.PANDAS).json());
            JsonNode aloha = http.postJson(p.inferenceUrl(LocalPlatform.DEMO_PIPELINE), t, recorded("wallaroo/inputs/pandas-records/data_1.df.json"), Http.PANDAS).json();
            assertSameShape("aloha", recorded("wallaroo/recorded/inference/aloha_data_1k.arrow-in.pandas-records-out.2025-07.json").get(0), aloha.get(0), 4);
            JsonNode legacy = http.postJson(p.inferenceUrl(LocalPlatform.DEMO_PIPELINE), t, recorded("wallaroo/inputs/tensor/data-1.json"), Http.APPLICATION_JSON).json();
            assertSameShape("legacy", recorded("wallaroo/recorded/inference/aloha_data_1k.edge-infer.inferenceresult.json").get(0), legacy.get(0), 4);
            assertThat(legacy.get(0).get("outputs")).hasSize(15);
        }
    }

    @Test
    void orchestrationShapes() throws IOException {
        Contract.dir();
        try (LocalPlatform p = LocalPlatform.start()) {
            Http http = new Http(p);
            String t = http.accessToken();
            String o = "wallaroo/recorded/mlops/orchestration/";
            RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                    .addFormDataPart("file", "o.zip", RequestBody.create(new byte[] {1}, MediaType.get("application/octet-stream")))
                    .addFormDataPart("metadata", null, RequestBody.create("{\"workspace_id\":1,\"name\":\"o\"}", MediaType.get("application/json")))
                    .build();
            JsonNode up = http.send(new Request.Builder().url(p.mlopsUrl() + "/orchestration/upload")
                    .header("Authorization", "Bearer " + t).post(body).build()).json();
            check(o + "orchestration_upload.response.json", up);
            String orch = up.get("id").asText();
            check(o + "orchestration_get_by_id.ready.response.json", http.mlops("orchestration/get_by_id", t, Map.of("id", orch)).json());
            check(o + "orchestration_list.response.json", http.mlops("orchestration/list", t, Map.of("workspace_id", 1)).json());
            JsonNode task = http.mlops("task/run_scheduled", t, Map.of("workspace_id", 1, "orch_id", orch,
                    "json", Map.of("pipeline_name", "p", "workspace_name", "w"),
                    "schedule", "*/5 * * * *")).json();
            check(o + "task_run_scheduled.response.json", task);
            String id = task.get("id").asText();
            http.mlops("task/get_by_id", t, Map.of("id", id));
            JsonNode started = http.mlops("task/get_by_id", t, Map.of("id", id)).json();
            check(o + "task_kill.response.json", started);
            check(o + "task_list_task_runs.response.json", http.mlops("task/list_task_runs", t, Map.of("task_id", id)).json());
            check(o + "task_get_logs_for_run.response.json", http.mlops("task/get_logs_for_run", t,
                    Map.of("id", started.at("/last_runs/0/run_id").asText())).json());
            check(o + "task_get_tasks_by_orch_sha.response.json", http.mlops("task/get_tasks_by_orch_sha", t,
                    Map.of("sha", started.at("/extra_env_vars/ORCH_SHA").asText())).json());
        }
    }

    @Test
    void legacyWallarooShapes() throws IOException {
        Contract.dir();
        try (LocalPlatform p = LocalPlatform.builder().serverVersion(ServerVersion.LEGACY_2022).start()) {
            Http http = new Http(p);
            String t = http.accessToken();
            String m = "wallaroo/recorded/mlops/2022-09/";
            check(m + "workspaces_list.response.json", http.mlops("workspaces/list", t, Map.of()).json());
            check(m + "models_list.response.json", http.mlops("models/list", t, Map.of()).json());
            int versionId = http.mlops("models/list", t, Map.of()).json().at("/models/0/models/id").asInt();
            check(m + "models_get_config_by_id.response.json", http.mlops("models/get_config_by_id", t, Map.of("model_id", versionId)).json());
            String url = p.inferenceUrl(LocalPlatform.DEMO_PIPELINE);
            assertThat(url).matches(".*/infer/urldemopipeline-\\d+");
            String name = url.substring(url.lastIndexOf('/') + 1);
            check(m + "status_get_deployment.response.json", http.mlops("status/get_deployment", t, Map.of("name", name)).json());
            JsonNode rec = recorded("wallaroo/recorded/inference/ccfraud_cc_data_1k.pandas-records-out.2023-03.json").get(0);
            JsonNode ours = http.postJson(p.inferenceUrl(LocalPlatform.FRAUD_PIPELINE), t,
                    List.of(Map.of("tensor", Http.JSON.convertValue(rec.at("/in/tensor"), List.class))), Http.PANDAS).json().get(0);
            assertSameShape("legacy pandas", rec, ours, 4);
        }
    }

    @Test
    void omegaShapes() throws IOException {
        Contract.dir();
        try (LocalPlatform p = LocalPlatform.start(); LocalPlatform c = LocalPlatform.builder().omegaEdition(OmegaEdition.COMMERCIAL).start()) {
            Http oss = new Http(p);
            JsonNode put = recorded("omegaml/oss-dataset-put-overwrite.request.json");
            ((com.fasterxml.jackson.databind.node.ObjectNode) put.get("data")).remove("s");
            ((com.fasterxml.jackson.databind.node.ObjectNode) put.get("dtypes")).remove("s");
            OmegaTest.call(oss, "PUT", "/api/v1/dataset/sample", put, false);
            OmegaTest.call(oss, "POST", "/api/v1/model/", recorded("omegaml/ce-model-create.request.json"), false);
            OmegaTest.call(oss, "PUT", "/api/v1/model/mymodel/fit?datax=sample[x]&datay=sample[y]", Map.of(), false);
            check("omegaml/constructed-oss-dataset-get-filter.response.json",
                    OmegaTest.call(oss, "GET", "/api/v1/dataset/sample?x__gte=0", null, false).json());
            check("omegaml/constructed-oss-model-predict-regression.response.json", OmegaTest.call(oss, "PUT",
                    "/api/v1/model/mymodel/predict", recorded("omegaml/oss-model-predict-inline.request.json"), false).json());
            Http.Reply acc = OmegaTest.call(oss, "PUT", "/api/v1/model/mymodel/predict?async=1", recorded("omegaml/oss-model-predict-inline.request.json"), false);
            check("omegaml/constructed-oss-model-predict-async.accepted.response.json", acc.json());
            String loc = acc.headers().get("Location");
            OmegaTest.call(oss, "GET", loc, null, false);
            OmegaTest.call(oss, "GET", loc, null, false);
            check("omegaml/constructed-oss-task-result-model-success.response.json", OmegaTest.call(oss, "GET", loc, null, false).json());

            Http ce = new Http(c);
            OmegaTest.call(ce, "PUT", "/api/v1/dataset/sample/", recorded("omegaml/ce-dataset-put-overwrite.request.json"), true);
            List<Integer> y = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                OmegaTest.call(ce, "PUT", "/api/v1/dataset/sample/", recorded("omegaml/ce-dataset-put-append.request.json"), true);
            }
            for (int i = 0; i < 30; i++) {
                y.add(2 * (i % 10));
            }
            OmegaTest.call(ce, "PUT", "/api/v1/dataset/y/", Map.of("data", Map.of("y", y)), true);
            check("omegaml/ce-dataset-get-sample.response.json", OmegaTest.call(ce, "GET", "/api/v1/dataset/sample/", null, true).json());
            check("omegaml/ce-dataset-list.response.json", OmegaTest.call(ce, "GET", "/api/v1/dataset/", null, true).json());
            check("omegaml/ce-model-create.response.json", OmegaTest.call(ce, "POST", "/api/v1/model/", recorded("omegaml/ce-model-create.request.json"), true).json());
            check("omegaml/ce-model-fit.response.json", OmegaTest.call(ce, "PUT", "/api/v1/model/mymodel/fit/?datax=sample&datay=y", Map.of(), true).json());
            check("omegaml/ce-model-predict.response.json", OmegaTest.call(ce, "GET", "/api/v1/model/mymodel/predict/?datax=sample", null, true).json());
            check("omegaml/ce-job-run.response.json", OmegaTest.call(ce, "POST", "/api/v1/job/testjob/run/", Map.of(), true).json());
            check("omegaml/ce-job-list.response.json", OmegaTest.call(ce, "GET", "/api/v1/job/", null, true).json());
            check("omegaml/ce-job-get.response.json", OmegaTest.call(ce, "GET", "/api/v1/job/testjob/", null, true).json());
        }
    }
}
