package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Wallaroo MLOps API (RPC-style POSTs under {@code /v1/api}) and pipeline inference, with the
 * response shapes recorded in {@code contract/wallaroo/recorded/mlops/{2022-09,current,orchestration}}.
 * All state lives in this object and is guarded by its monitor; model computation runs outside it.
 */
public final class Wallaroo {
    static final String ALOHA_SHA = "d71d9ffc61aaac58c2b1ed70a2db13d1416fb9d3f5b891e5e4e2e97180fe22f8";
    static final String FRAUD_SHA = "bc85ce596945f876256f41515c7501c399fd97ebcb9ab3dd41bf03f8937b4507";
    private static final int LOG_CAPACITY = 10_000;
    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9-]+");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private final Settings settings;
    private final String base;
    private final Keycloak keycloak;
    private final boolean legacy;
    private int nextId = 1;

    private final Map<Integer, Workspace> workspaces = new LinkedHashMap<>();
    private final Map<Integer, Model> models = new LinkedHashMap<>();
    private final Map<Integer, Version> versions = new LinkedHashMap<>();
    private final Map<Integer, Pipeline> pipelines = new LinkedHashMap<>();
    private final Map<String, Orchestration> orchestrations = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();

    static final class Workspace {
        int id;
        String name;
        String createdAt;
        String createdBy;
        final List<Integer> models = new ArrayList<>();
        final List<Integer> pipelines = new ArrayList<>();
        final Map<String, String> users = new LinkedHashMap<>();
    }

    static final class Model {
        int id;
        String name;
        int workspaceId;
        String createdAt;
        String updatedAt;
        final List<Integer> versions = new ArrayList<>();
    }

    static final class Version {
        int id;
        int modelId;
        int configId;
        String uuid;
        String sha;
        String fileName;
        long size;
        String framework;
        String createdAt;
        int reads;
        boolean preloaded;
    }

    static final class Pipeline {
        int id;
        String name;
        int workspaceId;
        String createdAt;
        String updatedAt;
        final List<Variant> variants = new ArrayList<>();
        Integer modelVersionId;
        Deployment deployment;
        final Deque<ObjectNode> logs = new ArrayDeque<>();
    }

    record Variant(int id, String uuid, String createdAt, JsonNode definition) {
    }

    static final class Deployment {
        int id;
        String deployId;
        Instant started;
        int polls;
        boolean active = true;
        String partition;
    }

    static final class Orchestration {
        String id;
        String name;
        int workspaceId;
        String sha;
        String fileName;
        String createdAt;
        String taskId = UUID.randomUUID().toString();
        int reads;
    }

    static final class Task {
        String id;
        String name;
        String orchId;
        int workspaceId;
        String schedule;
        JsonNode input;
        String createdAt;
        String updatedAt;
        int reads;
        String status = "pending";
        boolean killed;
        final List<ObjectNode> runs = new ArrayList<>();
    }

    public Wallaroo(Settings settings, String base, Keycloak keycloak) {
        this.settings = settings;
        this.base = base;
        this.keycloak = keycloak;
        this.legacy = settings.serverVersion() == io.infer4j.testkit.ServerVersion.LEGACY_2022;
        preload();
    }

    private String now() {
        return TS.format(settings.clock().instant());
    }

    private String ownerLabel() {
        // 2022 recorded a Keycloak UUID as created_by, 2024+ the user's email.
        return legacy ? keycloak.userId(settings.username()) : settings.username();
    }

    private synchronized void preload() {
        workspace(settings.username() + " - Default Workspace");
        demo("urldemoworkspace", "urldemomodel", "aloha-cnn-lstm.zip", ALOHA_SHA, "urldemopipeline");
        demo("ccfraudworkspace", "ccfraud", "ccfraud.onnx", FRAUD_SHA, "ccfraudpipeline");
    }

    private void demo(String ws, String model, String file, String sha, String pipeline) {
        Workspace w = workspace(ws);
        Version v = addVersion(w, model, file, sha, 1928, "onnx");
        v.preloaded = true;
        Pipeline p = createPipeline(w, pipeline, Json.mapper().createObjectNode());
        p.modelVersionId = v.id;
        Deployment d = deploy(p);
        d.polls = Integer.MAX_VALUE / 2;
        d.started = Instant.EPOCH;
    }

    private Workspace workspace(String name) {
        Workspace w = new Workspace();
        w.id = nextId++;
        w.name = name;
        w.createdAt = now();
        w.createdBy = ownerLabel();
        w.users.put(keycloak.userId(settings.username()), "OWNER");
        workspaces.put(w.id, w);
        return w;
    }

    // ------------------------------------------------------------------------------------ routes

    public void routes(Router router) {
        mlops(router, "workspaces/list", this::listWorkspaces);
        mlops(router, "workspaces/create", this::createWorkspace);
        mlops(router, "workspaces/add_user", this::addUser);
        mlops(router, "workspaces/list_users", this::listUsers);
        mlops(router, "workspaces/remove_user", this::removeUser);
        mlops(router, "users/query", this::queryUsers);
        mlops(router, "features/list", r -> Response.json(200, Json.mapper().readTree(
                "{\"features\":{\"plateau\":\"true\"},\"name\":\"Wallaroo Dev\",\"is_auth_enabled\":true}")));
        mlops(router, "pipelines/create", this::createPipeline);
        mlops(router, "pipelines/deploy", this::deploy);
        mlops(router, "pipelines/undeploy", this::undeploy);
        mlops(router, "pipelines/list_pipelines", this::listPipelines);
        mlops(router, "pipelines/get_logs", this::getLogs);
        mlops(router, "status/get_deployment", this::deploymentStatus);
        mlops(router, "admin/get_pipeline_external_url", r -> url(r, true));
        mlops(router, "admin/get_pipeline_internal_url", r -> url(r, false));
        mlops(router, "models/upload_and_convert", this::uploadAndConvert);
        mlops(router, "models/upload", this::legacyUpload);
        mlops(router, "models/list", this::listModels);
        mlops(router, "models/get_by_id", this::modelById);
        mlops(router, "models/get_version_by_id", this::versionById);
        mlops(router, "models/get_model_version_by_id", this::versionById);
        mlops(router, "models/list_versions", this::listVersions);
        mlops(router, "models/get_config_by_id", this::configById);
        mlops(router, "orchestration/upload", this::uploadOrchestration);
        mlops(router, "orchestration/list", this::listOrchestrations);
        mlops(router, "orchestration/get_by_id", this::orchestrationById);
        mlops(router, "task/run_once", r -> runTask(r, false));
        mlops(router, "task/run_scheduled", r -> runTask(r, true));
        mlops(router, "task/get_by_id", this::taskById);
        mlops(router, "task/list", this::listTasks);
        mlops(router, "task/list_task_runs", this::listTaskRuns);
        mlops(router, "task/get_logs_for_run", this::taskLogs);
        mlops(router, "task/kill", this::killTask);
        mlops(router, "task/get_tasks_by_orch_sha", this::tasksBySha);
        router.add("POST", "/v1/api/pipelines/infer/([^/]+)(?:/([^/]+))?", "wallaroo:infer", Family.INFERENCE,
                r -> infer(r, true));
        router.add("POST", "/pipelines/([^/]+)", "wallaroo:infer", Family.INFERENCE, r -> infer(r, false));
    }

    private void mlops(Router router, String name, Router.Handler handler) {
        router.add("POST", "/v1/api/" + Pattern.quote(name), "wallaroo:" + name, Family.MLOPS, r -> {
            Keycloak.Verified v = keycloak.verify(r.header("authorization"));
            if (!v.ok()) {
                throw new HttpError(Family.MLOPS.error(401, jwtMessage(v.check())));
            }
            return handler.handle(r);
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

    private static HttpError bad(String msg) {
        return new HttpError(Family.MLOPS.error(400, msg));
    }

    private static HttpError notFound(String msg) {
        return new HttpError(Family.MLOPS.error(404, msg));
    }

    private static int intField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw bad("missing or non-integer field '" + name + "'");
        }
        return v.asInt();
    }

    private static String textField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw bad("missing or empty field '" + name + "'");
        }
        return v.asText();
    }

    private Workspace ws(int id) {
        Workspace w = workspaces.get(id);
        if (w == null) {
            throw bad("workspace " + id + " not found");
        }
        return w;
    }

    // -------------------------------------------------------------------------------- workspaces

    private synchronized Response listWorkspaces(Request r) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("workspaces");
        for (Workspace w : workspaces.values()) {
            list.add(workspaceJson(w));
        }
        return Response.json(200, body);
    }

    private ObjectNode workspaceJson(Workspace w) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", w.id);
        o.put("name", w.name);
        o.put("created_at", w.createdAt);
        o.put("created_by", w.createdBy);
        o.put("archived", false);
        ArrayNode m = o.putArray("models");
        w.models.forEach(m::add);
        ArrayNode p = o.putArray("pipelines");
        w.pipelines.forEach(p::add);
        return o;
    }

    private synchronized Response createWorkspace(Request r) {
        String name = textField(r.json(), "workspace_name");
        if (workspaces.values().stream().anyMatch(w -> w.name.equals(name))) {
            throw bad("workspace name '" + name + "' already exists");
        }
        return Response.json(200, Map.of("workspace_id", workspace(name).id));
    }

    private static String userIdFor(String email) {
        return UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private synchronized Response addUser(Request r) {
        Workspace w = ws(intField(r.json(), "workspace_id"));
        String email = textField(r.json(), "email");
        String id = keycloak.userId(email);
        w.users.putIfAbsent(id != null ? id : userIdFor(email), "COLLABORATOR");
        return Response.json(200, Json.mapper().createObjectNode());
    }

    private synchronized Response listUsers(Request r) {
        Workspace w = ws(intField(r.json(), "workspace_id"));
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode users = body.putArray("users");
        w.users.forEach((id, type) -> users.addObject().put("user_id", id).put("user_type", type));
        return Response.json(200, body);
    }

    private synchronized Response removeUser(Request r) {
        JsonNode b = r.json();
        Workspace w = ws(intField(b, "workspace_id"));
        String id = b.hasNonNull("user_id") ? b.get("user_id").asText()
                : b.hasNonNull("email") ? (keycloak.userId(b.get("email").asText()) != null
                        ? keycloak.userId(b.get("email").asText()) : userIdFor(b.get("email").asText())) : null;
        if (id == null) {
            throw bad("one of 'email' or 'user_id' is required");
        }
        return Response.json(200, Map.of("affected_rows", w.users.remove(id) == null ? 0 : 1));
    }

    private Response queryUsers(Request r) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode users = body.putObject("users");
        for (Map<String, String> u : keycloak.userSummaries()) {
            ObjectNode o = users.putObject(u.get("id"));
            o.put("id", u.get("id"));
            o.put("createdTimestamp", 1_700_000_000_000L);
            o.put("username", u.get("username"));
            o.put("enabled", true);
            o.put("emailVerified", true);
            if (!u.get("email").isEmpty()) {
                o.put("email", u.get("email"));
            }
            o.putArray("disableableCredentialTypes");
            o.putArray("requiredActions");
            o.put("notBefore", 0);
            ObjectNode access = o.putObject("access");
            for (String k : List.of("manageGroupMembership", "view", "mapRoles", "impersonate", "manage")) {
                access.put(k, true);
            }
        }
        return Response.json(200, body);
    }

    // --------------------------------------------------------------------------------- pipelines

    private Pipeline createPipeline(Workspace w, String name, JsonNode definition) {
        Pipeline p = pipelines.values().stream().filter(x -> x.workspaceId == w.id && x.name.equals(name))
                .findFirst().orElse(null);
        if (p == null) {
            p = new Pipeline();
            p.id = nextId++;
            p.name = name;
            p.workspaceId = w.id;
            p.createdAt = now();
            pipelines.put(p.id, p);
            w.pipelines.add(p.id);
        }
        p.updatedAt = now();
        p.variants.add(new Variant(nextId++, UUID.randomUUID().toString(), now(), definition));
        return p;
    }

    private synchronized Response createPipeline(Request r) {
        JsonNode b = r.json();
        String name = textField(b, "pipeline_id");
        if (!PIPELINE_NAME.matcher(name).matches()) {
            throw bad("pipeline name '" + name + "' may contain only ASCII letters, digits and '-'");
        }
        Pipeline p = createPipeline(ws(intField(b, "workspace_id")), name,
                b.has("definition") ? b.get("definition") : Json.mapper().createObjectNode());
        JsonNode step = b.path("definition").path("steps").path(0).path("ModelInference").path("models").path(0);
        if (step.has("name")) {
            versions.values().stream().filter(v -> models.get(v.modelId).name.equals(step.get("name").asText()))
                    .reduce((a, c) -> c).ifPresent(v -> p.modelVersionId = v.id);
        }
        Variant v = p.variants.get(p.variants.size() - 1);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("pipeline_pk_id", p.id);
        body.put("pipeline_variant_pk_id", v.id());
        body.put("pipeline_variant_version", v.uuid());
        return Response.json(200, body);
    }

    private Deployment deploy(Pipeline p) {
        if (p.deployment == null || !p.deployment.active) {
            Deployment d = new Deployment();
            d.id = p.deployment != null ? p.deployment.id : nextId++;
            d.deployId = p.name;
            d.partition = "engine-" + Long.toHexString(UUID.nameUUIDFromBytes(p.name.getBytes(StandardCharsets.UTF_8))
                    .getMostSignificantBits()).substring(0, 10) + "-" + "x" + d.id;
            p.deployment = d;
        }
        p.deployment.started = settings.clock().instant();
        p.deployment.polls = 0;
        return p.deployment;
    }

    private synchronized Response deploy(Request r) {
        JsonNode b = r.json();
        Pipeline p = pipelines.get(intField(b, "pipeline_id"));
        if (p == null) {
            throw bad("pipeline " + b.get("pipeline_id") + " not found");
        }
        textField(b, "deploy_id");
        JsonNode ids = b.path("model_ids");
        if (ids.isArray() && ids.size() > 0 && versions.containsKey(ids.get(0).asInt())) {
            p.modelVersionId = ids.get(0).asInt();
        }
        JsonNode named = b.path("models").path(0).path("name");
        if (named.isTextual()) {
            versions.values().stream().filter(v -> models.get(v.modelId).name.equals(named.asText()))
                    .reduce((a, c) -> c).ifPresent(v -> p.modelVersionId = v.id);
        }
        return Response.json(200, Map.of("id", deploy(p).id));
    }

    private synchronized Response undeploy(Request r) {
        JsonNode b = r.json();
        Pipeline p = pipelines.get(intField(b, "pipeline_id"));
        if (p == null || p.deployment == null || p.deployment.id != intField(b, "deployment_id")) {
            throw notFound("Deployment not found");
        }
        p.deployment.active = false;
        return Response.json(200, null);
    }

    private boolean running(Deployment d) {
        return d.polls >= settings.deploymentPolls()
                || !settings.clock().instant().isBefore(d.started.plus(settings.deploymentStartup()));
    }

    private Pipeline byDeploymentName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            int id = Integer.parseInt(name.substring(dash + 1));
            String deployId = name.substring(0, dash);
            return pipelines.values().stream().filter(p -> p.deployment != null && p.deployment.active
                    && p.deployment.id == id && p.deployment.deployId.equals(deployId)).findFirst().orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private synchronized Response deploymentStatus(Request r) {
        Pipeline p = byDeploymentName(textField(r.json(), "name"));
        if (p == null) {
            throw notFound("Deployment not found");
        }
        String status = running(p.deployment) ? "Running" : "Starting";
        p.deployment.polls++;
        String engine = running(p.deployment) || status.equals("Running") ? "Running" : "Pending";
        Version v = p.modelVersionId == null ? null : versions.get(p.modelVersionId);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("status", status);
        if (legacy) {
            body.putNull("details");
        } else {
            body.putArray("details");
        }
        ObjectNode e = body.putArray("engines").addObject();
        e.put("ip", "10.244.3." + (p.deployment.id % 250));
        e.put("name", p.deployment.partition);
        e.put("status", engine);
        e.putNull("reason");
        if (!legacy) {
            e.putArray("details");
        }
        ObjectNode ps = e.putObject("pipeline_statuses").putArray("pipelines").addObject();
        ps.put("id", p.name);
        ps.put("status", engine);
        if (!legacy) {
            ps.put("version", p.variants.get(p.variants.size() - 1).uuid());
        }
        ArrayNode ms = e.putObject("model_statuses").putArray("models");
        if (v != null) {
            ObjectNode m = ms.addObject();
            if (!legacy) {
                m.put("model_version_id", v.id);
            }
            m.put("name", models.get(v.modelId).name);
            m.put("sha", v.sha);
            m.put("status", engine);
            m.put("version", v.uuid);
        }
        ObjectNode lb = body.putArray("engine_lbs").addObject();
        lb.put("ip", "10.244.4." + (p.deployment.id % 250));
        lb.put("name", "engine-lb-" + p.deployment.partition.substring(7));
        lb.put("status", "Running");
        lb.putNull("reason");
        if (!legacy) {
            lb.putArray("details");
            body.putArray("sidekicks");
        }
        return Response.json(200, body);
    }

    private synchronized Response listPipelines(Request r) {
        JsonNode b = r.json();
        Integer wsId = b.hasNonNull("workspace_id") ? intField(b, "workspace_id") : null;
        String wsName = b.hasNonNull("workspace_name") ? b.get("workspace_name").asText() : null;
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("pipelines");
        for (Pipeline p : pipelines.values()) {
            Workspace w = workspaces.get(p.workspaceId);
            if ((wsId != null && wsId != w.id) || (wsName != null && !wsName.equals(w.name))) {
                continue;
            }
            ObjectNode item = list.addObject();
            ObjectNode po = item.putObject("pipeline");
            po.put("id", p.id);
            po.put("name", p.name);
            po.put("created_at", p.createdAt);
            po.put("updated_at", p.updatedAt);
            ObjectNode wo = item.putObject("workspace");
            wo.put("id", w.id);
            wo.put("name", w.name);
            wo.put("archived", false);
            wo.put("created_by", w.createdBy);
            wo.put("created_at", w.createdAt);
            item.put("plateau_topic", "pipeline-" + p.name + "-inference");
            Variant v = p.variants.get(p.variants.size() - 1);
            ObjectNode pv = item.putObject("pipeline_version");
            pv.put("id", v.id());
            pv.put("version", v.uuid());
            pv.put("created_at", v.createdAt());
            pv.set("definition", v.definition());
            if (p.deployment != null && p.deployment.active) {
                ObjectNode d = item.putObject("deployment");
                d.put("id", p.deployment.id);
                d.put("deploy_id", p.deployment.deployId);
                d.put("deployed", true);
                d.put("maximum_replicas", 1);
                d.put("prewarmed_replicas", 0);
            } else {
                item.putNull("deployment");
            }
        }
        return Response.json(200, body);
    }

    private synchronized Response getLogs(Request r) {
        JsonNode b = r.json();
        String name = textField(b, "pipeline_name");
        int wsId = intField(b, "workspace_id");
        Pipeline p = pipelines.values().stream().filter(x -> x.workspaceId == wsId && x.name.equals(name))
                .findFirst().orElseThrow(() -> bad("pipeline '" + name + "' not found in workspace " + wsId));
        int pageSize = b.path("page_size").asInt(1000);
        if (pageSize < 1) {
            throw bad("page_size must be >= 1");
        }
        int offset = 0;
        if (b.hasNonNull("cursor")) {
            try {
                offset = Integer.parseInt(b.get("cursor").asText());
            } catch (NumberFormatException e) {
                throw bad("invalid cursor");
            }
        }
        List<ObjectNode> all = new ArrayList<>(p.logs);
        if (!"asc".equals(b.path("order").asText("desc"))) {
            java.util.Collections.reverse(all);
        }
        ArrayNode page = Json.mapper().createArrayNode();
        for (int i = offset; i < Math.min(all.size(), offset + pageSize); i++) {
            page.add(all.get(i));
        }
        Response resp = Response.json(200, page);
        boolean more = offset + pageSize < all.size();
        resp.header("x-iteration-status", more ? "RecordLimited" : "All");
        if (more) {
            resp.header("x-iteration-cursor", Integer.toString(offset + pageSize));
        }
        return resp;
    }

    /** The external URL of a deployed pipeline, or null. */
    public synchronized String externalUrl(String pipelineName) {
        return pipelines.values().stream().filter(p -> p.name.equals(pipelineName) && p.deployment != null
                && p.deployment.active).findFirst().map(p -> externalUrl(p, p.deployment)).orElse(null);
    }

    private String externalUrl(Pipeline p, Deployment d) {
        String u = base + "/v1/api/pipelines/infer/" + d.deployId + "-" + d.id;
        return legacy ? u : u + "/" + p.name;
    }

    private synchronized Response url(Request r, boolean external) {
        JsonNode b = r.json();
        int wsId = intField(b, "workspace_id");
        String name = textField(b, "pipeline_name");
        Pipeline p = pipelines.values().stream().filter(x -> x.workspaceId == wsId && x.name.equals(name))
                .findFirst().orElseThrow(() -> bad("pipeline '" + name + "' not found in workspace " + wsId));
        if (p.deployment == null || !p.deployment.active) {
            throw bad("pipeline '" + name + "' is not deployed");
        }
        String url = external ? externalUrl(p, p.deployment) : base + "/pipelines/" + p.name;
        return Response.json(200, Map.of("url", url));
    }

    // --------------------------------------------------------------------------------- inference

    private Response infer(Request r, boolean external) {
        Engine.Target target;
        List<ObjectNode> logged = new ArrayList<>();
        Pipeline p;
        synchronized (this) {
            if (external) {
                Keycloak.Verified v = keycloak.verify(r.header("authorization"));
                if (!v.ok()) {
                    throw new HttpError(Family.INFERENCE.error(401, jwtMessage(v.check())));
                }
                p = byDeploymentName(r.pathParams().get(0));
                String named = r.pathParams().get(1);
                if (p != null && named != null && !named.equals(p.name)) {
                    p = null;
                }
            } else {
                String name = r.pathParams().get(0);
                p = pipelines.values().stream().filter(x -> x.name.equals(name) && x.deployment != null
                        && x.deployment.active).findFirst().orElse(null);
            }
            if (p == null) {
                throw new HttpError(Family.INFERENCE.error(404, "Deployment not found"));
            }
            if (!running(p.deployment)) {
                throw new HttpError(Family.INFERENCE.error(503, Family.defaultMessage(503, Family.INFERENCE)));
            }
            Version v = p.modelVersionId == null ? null : versions.get(p.modelVersionId);
            target = new Engine.Target(p.name, v == null ? p.name : models.get(v.modelId).name,
                    v == null ? FRAUD_SHA : v.sha, v == null ? "" : v.uuid,
                    p.variants.get(p.variants.size() - 1).uuid(), p.deployment.partition, legacy);
        }
        Response resp = Engine.infer(r, target, settings.clock().millis(), logged);
        synchronized (this) {
            for (ObjectNode rec : logged) {
                if (p.logs.size() == LOG_CAPACITY) {
                    p.logs.removeFirst();
                }
                p.logs.addLast(rec);
            }
        }
        return resp;
    }

    // ------------------------------------------------------------------------------------ models

    private Version addVersion(Workspace w, String name, String file, String sha, long size, String framework) {
        Model m = models.values().stream().filter(x -> x.workspaceId == w.id && x.name.equals(name))
                .findFirst().orElse(null);
        if (m == null) {
            m = new Model();
            m.id = nextId++;
            m.name = name;
            m.workspaceId = w.id;
            m.createdAt = now();
            models.put(m.id, m);
            w.models.add(m.id);
        }
        m.updatedAt = now();
        Version v = new Version();
        v.id = nextId++;
        v.configId = nextId++;
        v.modelId = m.id;
        v.uuid = UUID.randomUUID().toString();
        v.sha = sha;
        v.fileName = file;
        v.size = size;
        v.framework = framework;
        v.createdAt = now();
        versions.put(v.id, v);
        m.versions.add(v.id);
        return v;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode insertModels(int id) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("insert_models").putArray("returning").addObject().putArray("models").addObject().put("id", id);
        return body;
    }

    private synchronized Response uploadAndConvert(Request r) {
        if (legacy) {
            throw notFound("Not Found");
        }
        Map<String, Multipart.Part> parts = Multipart.parse(r, Family.MLOPS);
        Multipart.Part meta = parts.get("metadata");
        Multipart.Part file = parts.get("file");
        if (meta == null || file == null) {
            throw bad("multipart parts 'metadata' and 'file' are required, got " + Multipart.names(parts));
        }
        JsonNode m;
        try {
            m = Json.mapper().readTree(meta.body());
        } catch (java.io.IOException e) {
            throw bad("metadata is not JSON");
        }
        String name = textField(m, "name");
        textField(m, "visibility");
        Workspace w = ws(intField(m, "workspace_id"));
        String framework = m.path("conversion").path("framework").asText(null);
        if (framework == null) {
            throw bad("conversion.framework is required");
        }
        Version v = addVersion(w, name, file.filename() == null ? name : file.filename(), sha256(file.body()),
                file.body().length, framework);
        return Response.json(202, insertModels(v.id));
    }

    private synchronized Response legacyUpload(Request r) {
        Map<String, Multipart.Part> parts = Multipart.parse(r, Family.MLOPS);
        Multipart.Part file = parts.get("file");
        Multipart.Part name = parts.get("name");
        Multipart.Part ws = parts.get("workspace_id");
        if (file == null || name == null || ws == null) {
            throw bad("multipart fields 'name', 'workspace_id' and part 'file' are required, got " + Multipart.names(parts));
        }
        int wsId;
        try {
            wsId = Integer.parseInt(ws.text().trim());
        } catch (NumberFormatException e) {
            throw bad("workspace_id must be an integer");
        }
        Version v = addVersion(ws(wsId), name.text().trim(), file.filename() == null ? "model.onnx" : file.filename(),
                sha256(file.body()), file.body().length, "onnx");
        v.reads = Integer.MAX_VALUE / 2;
        return Response.json(200, insertModels(v.modelId));
    }

    private String status(Version v) {
        return v.preloaded || v.reads >= settings.conversionPolls() ? "ready" : "pending_load_native";
    }

    private ObjectNode versionJson(Version v) {
        Model m = models.get(v.modelId);
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", m.name);
        o.put("visibility", "private");
        o.put("workspace_id", m.workspaceId);
        ObjectNode c = o.putObject("conversion");
        c.put("arch", "x86");
        c.put("accel", "none");
        c.put("python_version", "3.8");
        c.putArray("requirements");
        c.put("framework", v.framework);
        c.putNull("framework_config");
        o.put("id", v.id);
        o.putNull("image_path");
        o.put("status", status(v));
        o.putNull("task_id");
        ObjectNode f = o.putObject("file_info");
        f.put("version", v.uuid);
        f.put("sha", v.sha);
        f.put("file_name", v.fileName);
        f.put("size", v.size);
        o.put("created_on_version", "2025.2.1");
        o.put("created_by", settings.username());
        o.put("created_at", v.createdAt);
        o.put("deployed", pipelines.values().stream().anyMatch(p -> Integer.valueOf(v.id).equals(p.modelVersionId)
                && p.deployment != null && p.deployment.active));
        o.putNull("error_summary");
        return o;
    }

    private ObjectNode configJson(Version v, boolean full) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("id", v.configId);
        if (full) {
            c.put("model_version_id", v.id);
        }
        c.put("runtime", "onnx".equals(v.framework) ? "onnx" : "flight");
        if (full) {
            c.putNull("filter_threshold");
            c.putNull("tensor_fields");
            for (String k : List.of("input_schema", "output_schema", "batch_config", "dynamic_batching_config",
                    "continuous_batching_config", "queue_depth", "sidekick_uri", "openai")) {
                c.putNull(k);
            }
        } else {
            c.putNull("tensor_fields");
            c.putNull("filter_threshold");
        }
        return c;
    }

    private synchronized Response listModels(Request r) {
        JsonNode b = r.json();
        Integer wsId = b.hasNonNull("workspace_id") ? intField(b, "workspace_id") : null;
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("models");
        for (Model m : models.values()) {
            if (wsId != null && m.workspaceId != wsId) {
                continue;
            }
            if (legacy) {
                Version v = versions.get(m.versions.get(m.versions.size() - 1));
                ObjectNode item = list.addObject();
                item.put("id", m.id);
                ObjectNode mo = item.putObject("models");
                mo.put("sha", v.sha);
                mo.put("models_pk_id", m.id);
                mo.put("model_version", v.uuid);
                mo.put("owner_id", "\"\"");
                mo.put("model_id", m.name);
                mo.put("id", v.id);
                mo.put("file_name", v.fileName);
                mo.putNull("image_path");
                continue;
            }
            ObjectNode item = list.addObject();
            ObjectNode mo = item.putObject("model");
            mo.put("id", m.id);
            mo.put("name", m.name);
            mo.put("owner_id", "\"\"");
            mo.put("created_at", m.createdAt);
            mo.put("updated_at", m.updatedAt);
            mo.put("workspace_id", m.workspaceId);
            ArrayNode vs = item.putArray("model_versions");
            for (int i = m.versions.size() - 1; i >= 0; i--) {
                Version v = versions.get(m.versions.get(i));
                ObjectNode e = vs.addObject();
                e.set("model_version", versionJson(v));
                e.set("config", configJson(v, true));
            }
            Workspace w = workspaces.get(m.workspaceId);
            ObjectNode wo = item.putObject("workspace");
            wo.put("id", w.id);
            wo.put("name", w.name);
            wo.put("created_by", w.createdBy);
            wo.put("archived", false);
            wo.put("created_at", w.createdAt);
            wo.putNull("group_id");
        }
        return Response.json(200, body);
    }

    private Version version(int id) {
        Version v = versions.get(id);
        if (v == null) {
            throw bad("The provided model id was not found.");
        }
        return v;
    }

    private synchronized Response modelById(Request r) {
        Model m = models.get(intField(r.json(), "id"));
        if (m == null) {
            throw bad("The provided model id was not found.");
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", m.id);
        o.put("owner_id", "\"\"");
        o.put("workspace_id", m.workspaceId);
        o.put("name", m.name);
        o.put("updated_at", m.updatedAt);
        o.put("created_at", m.createdAt);
        o.putNull("model_config");
        return Response.json(200, o);
    }

    private synchronized Response versionById(Request r) {
        Version v = version(intField(r.json(), "model_version_id"));
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode mv = body.putObject("model_version");
        mv.set("model_version", versionJson(v));
        mv.set("config", configJson(v, true));
        v.reads++; // conversion progresses with each status read
        return Response.json(200, body);
    }

    private synchronized Response listVersions(Request r) {
        JsonNode b = r.json();
        Model m = models.get(intField(b, "models_pk_id"));
        if (m == null) {
            throw bad("The provided model id was not found.");
        }
        ArrayNode list = Json.mapper().createArrayNode();
        for (int id : m.versions) {
            Version v = versions.get(id);
            ObjectNode o = list.addObject();
            o.put("sha", v.sha);
            o.put("models_pk_id", m.id);
            o.put("model_version", v.uuid);
            o.put("owner_id", keycloak.userId(settings.username()));
            o.put("model_id", m.name);
            o.put("id", v.id);
            o.put("file_name", v.fileName);
            o.putNull("image_path");
            o.put("status", status(v));
        }
        return Response.json(200, list);
    }

    private synchronized Response configById(Request r) {
        Version v = version(intField(r.json(), "model_id"));
        ObjectNode body = Json.mapper().createObjectNode();
        if (legacy) {
            body.putNull("model_config");
        } else {
            body.set("model_config", configJson(v, false));
        }
        return Response.json(200, body);
    }

    // ---------------------------------------------------------------------- orchestrations, tasks

    private synchronized Response uploadOrchestration(Request r) {
        Map<String, Multipart.Part> parts = Multipart.parse(r, Family.MLOPS);
        Multipart.Part file = parts.get("file");
        Multipart.Part meta = parts.get("metadata");
        if (file == null || meta == null) {
            throw bad("multipart parts 'file' and 'metadata' are required, got " + Multipart.names(parts));
        }
        JsonNode m;
        try {
            m = Json.mapper().readTree(meta.body());
        } catch (java.io.IOException e) {
            throw bad("metadata is not JSON");
        }
        Workspace w = ws(intField(m, "workspace_id"));
        Orchestration o = new Orchestration();
        o.id = UUID.randomUUID().toString();
        o.name = m.path("name").asText(null);
        o.workspaceId = w.id;
        o.sha = sha256(file.body());
        o.fileName = file.filename() == null ? "orchestration.zip" : file.filename();
        o.createdAt = now();
        orchestrations.put(o.id, o);
        return Response.json(202, Map.of("id", o.id));
    }

    private ObjectNode orchestrationJson(Orchestration o, boolean listing) {
        ObjectNode j = Json.mapper().createObjectNode();
        j.put("id", o.id);
        if (listing) {
            j.put("workspace_id", o.workspaceId);
            j.put("sha", o.sha);
        }
        j.put("name", o.name);
        if (!listing) {
            j.put("created_at", o.createdAt);
            j.put("workspace_id", o.workspaceId);
            j.put("sha", o.sha);
        }
        j.put("file_name", o.fileName);
        j.put("task_id", o.taskId);
        j.put("owner_id", keycloak.userId(settings.username()));
        j.put("status", o.reads >= settings.conversionPolls() ? "ready" : "pending_packaging");
        if (listing) {
            j.put("created_at", o.createdAt);
            j.put("updated_at", o.createdAt);
            j.put("image_path", "ghcr.io/wallaroolabs/arbex-orch-deploy:v2025.2.1");
            j.put("created_on_version", "2025.2.1");
        }
        return j;
    }

    private synchronized Response listOrchestrations(Request r) {
        int wsId = intField(r.json(), "workspace_id");
        ArrayNode list = Json.mapper().createArrayNode();
        orchestrations.values().stream().filter(o -> o.workspaceId == wsId).forEach(o -> list.add(orchestrationJson(o, true)));
        return Response.json(200, list);
    }

    private Orchestration orchestration(String id) {
        Orchestration o = orchestrations.get(id);
        if (o == null) {
            throw bad("orchestration " + id + " not found");
        }
        return o;
    }

    private synchronized Response orchestrationById(Request r) {
        Orchestration o = orchestration(textField(r.json(), "id"));
        ObjectNode j = orchestrationJson(o, false);
        o.reads++;
        return Response.json(200, j);
    }

    private synchronized Response runTask(Request r, boolean scheduled) {
        JsonNode b = r.json();
        Orchestration o = orchestration(textField(b, "orch_id"));
        Task t = new Task();
        t.id = UUID.randomUUID().toString();
        t.name = b.path("name").asText(scheduled ? "scheduled task" : "run once task");
        t.orchId = o.id;
        t.workspaceId = ws(intField(b, "workspace_id")).id;
        t.schedule = scheduled ? textField(b, "schedule") : null;
        t.input = b.has("json") ? b.get("json") : Json.mapper().createObjectNode();
        t.createdAt = now();
        t.updatedAt = t.createdAt;
        tasks.put(t.id, t);
        return Response.json(201, Map.of("id", t.id));
    }

    /** Each read moves a task along: pending, then started with a running run, then the run succeeds. */
    private void advance(Task t) {
        if (t.killed) {
            return;
        }
        t.reads++;
        if (t.reads == 2) {
            t.status = "started";
            t.updatedAt = now();
            ObjectNode run = Json.mapper().createObjectNode();
            run.put("run_id", UUID.randomUUID().toString());
            run.put("status", "running");
            run.put("created_at", now());
            run.put("updated_at", now());
            t.runs.add(run);
        } else if (t.reads == 3) {
            t.runs.get(0).put("status", "success").put("updated_at", now());
            if (t.schedule == null) {
                t.status = "success";
            }
        }
    }

    private ObjectNode taskJson(Task t) {
        Orchestration o = orchestrations.get(t.orchId);
        ObjectNode j = Json.mapper().createObjectNode();
        j.put("id", t.id);
        j.put("name", t.name);
        j.put("run_type", t.schedule == null ? "Once" : "CronJob");
        j.put("image", "ghcr.io/wallaroolabs/arbex-orch-deploy");
        j.put("image_tag", "v2025.2.1");
        j.put("arch", "x86");
        j.putArray("bind_secrets").add("minio");
        ObjectNode env = j.putObject("extra_env_vars");
        env.put("MINIO_URL", "http://minio.wallaroo.svc.cluster.local:9000");
        env.put("ORCH_ID", o.id);
        env.put("ORCH_OWNER_ID", keycloak.userId(settings.username()));
        env.put("ORCH_SHA", o.sha);
        env.put("TASK_DEBUG", "false");
        env.put("TASK_ID", t.id);
        j.put("auth_init", true);
        j.put("workspace_id", t.workspaceId);
        if (t.schedule != null) {
            j.put("schedule", t.schedule);
        }
        j.put("reap_threshold_secs", 900);
        j.putNull("ns_prefix");
        j.put("status", t.status);
        j.set("input_data", t.input);
        j.put("killed", t.killed);
        j.put("created_at", t.createdAt);
        j.put("updated_at", t.updatedAt);
        ArrayNode runs = j.putArray("last_runs");
        t.runs.forEach(runs::add);
        return j;
    }

    private Task task(String id) {
        Task t = tasks.get(id);
        if (t == null) {
            throw bad("task " + id + " not found");
        }
        return t;
    }

    private synchronized Response taskById(Request r) {
        Task t = task(textField(r.json(), "id"));
        advance(t);
        return Response.json(200, taskJson(t));
    }

    private synchronized Response listTasks(Request r) {
        JsonNode b = r.json();
        ArrayNode list = Json.mapper().createArrayNode();
        for (Task t : tasks.values()) {
            if ((b.hasNonNull("workspace_id") && b.get("workspace_id").asInt() != t.workspaceId)
                    || (b.hasNonNull("orch_id") && !b.get("orch_id").asText().equals(t.orchId))) {
                continue;
            }
            list.add(taskJson(t));
        }
        return Response.json(200, list);
    }

    private synchronized Response listTaskRuns(Request r) {
        Task t = task(textField(r.json(), "task_id"));
        ArrayNode list = Json.mapper().createArrayNode();
        for (ObjectNode run : t.runs) {
            ObjectNode o = list.addObject();
            o.put("task", t.id);
            o.setAll(run);
        }
        return Response.json(200, list);
    }

    private synchronized Response taskLogs(Request r) {
        String runId = textField(r.json(), "id");
        Task t = tasks.values().stream().filter(x -> x.runs.stream().anyMatch(run -> run.path("run_id").asText()
                .equals(runId))).findFirst().orElseThrow(() -> bad("run " + runId + " not found"));
        String ts = Instant.now(settings.clock()).toString();
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode logs = body.putArray("logs");
        logs.add(ts + " stdout F " + t.input.toString());
        logs.add(ts + " stdout F Running orchestration " + orchestrations.get(t.orchId).name);
        logs.add(ts + " stdout F Done");
        int lines = r.json().path("lines").asInt(Integer.MAX_VALUE);
        while (logs.size() > Math.max(0, lines)) {
            logs.remove(0);
        }
        return Response.json(200, body);
    }

    private synchronized Response killTask(Request r) {
        Task t = task(textField(r.json(), "id"));
        t.status = "pending_kill";
        t.killed = true;
        t.updatedAt = now();
        ObjectNode j = taskJson(t);
        j.put("killed", false); // as recorded: the kill is requested, not yet done
        return Response.json(202, j);
    }

    private synchronized Response tasksBySha(Request r) {
        String sha = textField(r.json(), "sha");
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode ids = body.putArray("ids");
        tasks.values().stream().filter(t -> orchestrations.get(t.orchId).sha.equals(sha)).forEach(t -> ids.add(t.id));
        return Response.json(200, body);
    }
}
