package io.infer4j.testkit.internal;

import io.infer4j.core.internal.Json;
import io.infer4j.testkit.internal.WallarooState.Deployment;
import io.infer4j.testkit.internal.WallarooState.Pipeline;
import io.infer4j.testkit.internal.WallarooState.Version;
import io.infer4j.testkit.internal.WallarooState.Workspace;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The Wallaroo MLOps API (RPC-style POSTs under {@code /v1/api}) and pipeline inference, with the
 * response shapes recorded in {@code contract/wallaroo/recorded/mlops/{2022-09,current,orchestration}}.
 * This class wires the routes to one class per resource family; the state they share is one
 * {@link WallarooState}, whose monitor every MLOps call holds (model computation runs outside it).
 */
public final class Wallaroo {
    private final WallarooState state;
    private final WallarooWorkspaces workspaces;
    private final WallarooPipelines pipelines;
    private final WallarooModels models;
    private final WallarooOrchestrations orchestrations;
    private final WallarooInference inference;

    public Wallaroo(Settings settings, String base, Keycloak keycloak) {
        this.state = new WallarooState(settings, base, keycloak);
        this.workspaces = new WallarooWorkspaces(state);
        this.pipelines = new WallarooPipelines(state);
        this.models = new WallarooModels(state);
        this.orchestrations = new WallarooOrchestrations(state);
        this.inference = new WallarooInference(state);
        preload();
    }

    /** The default user's workspace and the two deployed demo pipelines, running from the start. */
    private void preload() {
        synchronized (state) {
            workspaces.create(state.settings.username() + " - Default Workspace");
            demo("urldemoworkspace", "urldemomodel", "aloha-cnn-lstm.zip", WallarooState.ALOHA_SHA, "urldemopipeline");
            demo("ccfraudworkspace", "ccfraud", "ccfraud.onnx", WallarooState.FRAUD_SHA, "ccfraudpipeline");
        }
    }

    private void demo(String ws, String model, String file, String sha, String pipeline) {
        Workspace w = workspaces.create(ws);
        Version v = models.addVersion(w, model, file, sha, 1928, "onnx");
        v.preloaded = true;
        Pipeline p = pipelines.create(w, pipeline, Json.mapper().createObjectNode());
        p.modelVersionId = v.id;
        Deployment d = pipelines.deploy(p);
        d.polls = Integer.MAX_VALUE / 2;
        d.started = Instant.EPOCH;
    }

    public void routes(Router router) {
        mlops(router, "workspaces/list", workspaces::listWorkspaces);
        mlops(router, "workspaces/create", workspaces::createWorkspace);
        mlops(router, "workspaces/add_user", workspaces::addUser);
        mlops(router, "workspaces/list_users", workspaces::listUsers);
        mlops(router, "workspaces/remove_user", workspaces::removeUser);
        mlops(router, "users/query", workspaces::queryUsers);
        mlops(router, "features/list", r -> Response.json(200, Json.mapper().readTree(
                "{\"features\":{\"plateau\":\"true\"},\"name\":\"Wallaroo Dev\",\"is_auth_enabled\":true}")));
        mlops(router, "pipelines/create", pipelines::createPipeline);
        mlops(router, "pipelines/deploy", pipelines::deploy);
        mlops(router, "pipelines/undeploy", pipelines::undeploy);
        mlops(router, "pipelines/list_pipelines", pipelines::listPipelines);
        mlops(router, "pipelines/get_logs", pipelines::getLogs);
        mlops(router, "status/get_deployment", pipelines::deploymentStatus);
        mlops(router, "admin/get_pipeline_external_url", r -> pipelines.url(r, true));
        mlops(router, "admin/get_pipeline_internal_url", r -> pipelines.url(r, false));
        mlops(router, "models/upload_and_convert", models::uploadAndConvert);
        mlops(router, "models/upload", models::legacyUpload);
        mlops(router, "models/list", models::listModels);
        mlops(router, "models/get_by_id", models::modelById);
        mlops(router, "models/get_version_by_id", models::versionById);
        mlops(router, "models/get_model_version_by_id", models::versionById);
        mlops(router, "models/list_versions", models::listVersions);
        mlops(router, "models/get_config_by_id", models::configById);
        mlops(router, "orchestration/upload", orchestrations::uploadOrchestration);
        mlops(router, "orchestration/list", orchestrations::listOrchestrations);
        mlops(router, "orchestration/get_by_id", orchestrations::orchestrationById);
        mlops(router, "task/run_once", r -> orchestrations.runTask(r, false));
        mlops(router, "task/run_scheduled", r -> orchestrations.runTask(r, true));
        mlops(router, "task/get_by_id", orchestrations::taskById);
        mlops(router, "task/list", orchestrations::listTasks);
        mlops(router, "task/list_task_runs", orchestrations::listTaskRuns);
        mlops(router, "task/get_logs_for_run", orchestrations::taskLogs);
        mlops(router, "task/kill", orchestrations::killTask);
        mlops(router, "task/get_tasks_by_orch_sha", orchestrations::tasksBySha);
        router.add("POST", "/v1/api/pipelines/infer/([^/]+)(?:/([^/]+))?", "wallaroo:infer", Family.INFERENCE,
                r -> inference.infer(r, true));
        router.add("POST", "/pipelines/([^/]+)", "wallaroo:infer", Family.INFERENCE, r -> inference.infer(r, false));
    }

    /** An MLOps route: a valid Keycloak token first, then the handler under the state's monitor. */
    private void mlops(Router router, String name, Router.Handler handler) {
        router.add("POST", "/v1/api/" + Pattern.quote(name), "wallaroo:" + name, Family.MLOPS, r -> {
            Keycloak.Verified v = state.keycloak.verify(r.header("authorization"));
            if (!v.ok()) {
                throw new HttpError(Family.MLOPS.error(401, jwtMessage(v.check())));
            }
            synchronized (state) {
                return handler.handle(r);
            }
        });
    }

    static String jwtMessage(Keycloak.Check check) {
        switch (check) {
            case MISSING: return "Jwt is missing";
            case EXPIRED: return "Jwt is expired";
            case REVOKED: return "Jwt session is not active";
            default: return "Jwt verification fails";
        }
    }

    /** The external URL of a deployed pipeline, or null. */
    public String externalUrl(String pipelineName) {
        synchronized (state) {
            return pipelines.externalUrl(pipelineName);
        }
    }
}
