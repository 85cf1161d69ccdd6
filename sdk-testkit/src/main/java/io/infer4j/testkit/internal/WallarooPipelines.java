package io.infer4j.testkit.internal;

import static io.infer4j.testkit.internal.MlopsRequests.bad;
import static io.infer4j.testkit.internal.MlopsRequests.intField;
import static io.infer4j.testkit.internal.MlopsRequests.notFound;
import static io.infer4j.testkit.internal.MlopsRequests.textField;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.table.spi.TableFormatProvider;
import io.infer4j.testkit.internal.WallarooState.Deployment;
import io.infer4j.testkit.internal.WallarooState.Pipeline;
import io.infer4j.testkit.internal.WallarooState.Variant;
import io.infer4j.testkit.internal.WallarooState.Version;
import io.infer4j.testkit.internal.WallarooState.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Wallaroo's {@code pipelines/*} calls, deployments and their status, pipeline URLs and the
 * inference log pages. A deployment starts when deployed and is running after
 * {@link Settings#deploymentPolls()} status reads or {@link Settings#deploymentStartup()}.
 */
final class WallarooPipelines {
    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9-]+");

    private final WallarooState state;

    WallarooPipelines(WallarooState state) {
        this.state = state;
    }

    /** The pipeline of that name in the workspace (created if new) with a new variant of {@code definition}. */
    Pipeline create(Workspace w, String name, JsonNode definition) {
        Pipeline p = state.pipelines.values().stream().filter(x -> x.workspaceId == w.id && x.name.equals(name))
                .findFirst().orElse(null);
        if (p == null) {
            p = new Pipeline();
            p.id = state.nextId();
            p.name = name;
            p.workspaceId = w.id;
            p.createdAt = state.now();
            state.pipelines.put(p.id, p);
            w.pipelines.add(p.id);
        }
        p.updatedAt = state.now();
        p.variants.add(new Variant(state.nextId(), UUID.randomUUID().toString(), state.now(), definition));
        return p;
    }

    Response createPipeline(Request r) {
        JsonNode b = r.json();
        String name = textField(b, "pipeline_id");
        if (!PIPELINE_NAME.matcher(name).matches()) {
            throw bad("pipeline name '" + name + "' may contain only ASCII letters, digits and '-'");
        }
        Pipeline p = create(state.ws(intField(b, "workspace_id")), name,
                b.has("definition") ? b.get("definition") : Json.mapper().createObjectNode());
        JsonNode step = b.path("definition").path("steps").path(0).path("ModelInference").path("models").path(0);
        if (step.has("name")) {
            state.latestVersion(step.get("name").asText()).ifPresent(v -> p.modelVersionId = v.id);
        }
        Variant v = p.latestVariant();
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("pipeline_pk_id", p.id);
        body.put("pipeline_variant_pk_id", v.id());
        body.put("pipeline_variant_version", v.uuid());
        return Response.json(200, body);
    }

    /** (Re)starts the pipeline's deployment; an active one keeps its id and partition. */
    Deployment deploy(Pipeline p) {
        if (p.deployment == null || !p.deployment.active) {
            Deployment d = new Deployment();
            d.id = p.deployment != null ? p.deployment.id : state.nextId();
            d.deployId = p.name;
            d.partition = "engine-" + Long.toHexString(UUID.nameUUIDFromBytes(p.name.getBytes(StandardCharsets.UTF_8))
                    .getMostSignificantBits()).substring(0, 10) + "-" + "x" + d.id;
            p.deployment = d;
        }
        p.deployment.started = state.settings.clock().instant();
        p.deployment.polls = 0;
        return p.deployment;
    }

    Response deploy(Request r) {
        JsonNode b = r.json();
        Pipeline p = state.pipelines.get(intField(b, "pipeline_id"));
        if (p == null) {
            throw bad("pipeline " + b.get("pipeline_id") + " not found");
        }
        textField(b, "deploy_id");
        JsonNode ids = b.path("model_ids");
        if (ids.isArray() && ids.size() > 0 && state.versions.containsKey(ids.get(0).asInt())) {
            p.modelVersionId = ids.get(0).asInt();
        }
        JsonNode named = b.path("models").path(0).path("name");
        if (named.isTextual()) {
            state.latestVersion(named.asText()).ifPresent(v -> p.modelVersionId = v.id);
        }
        return Response.json(200, Map.of("id", deploy(p).id));
    }

    Response undeploy(Request r) {
        JsonNode b = r.json();
        Pipeline p = state.pipelines.get(intField(b, "pipeline_id"));
        if (p == null || p.deployment == null || p.deployment.id != intField(b, "deployment_id")) {
            throw notFound("Deployment not found");
        }
        p.deployment.active = false;
        return Response.json(200, null);
    }

    Response deploymentStatus(Request r) {
        boolean legacy = state.legacy;
        Pipeline p = state.byDeploymentName(textField(r.json(), "name"));
        if (p == null) {
            throw notFound("Deployment not found");
        }
        String status = state.running(p.deployment) ? "Running" : "Starting";
        p.deployment.polls++;
        String engine = state.running(p.deployment) || status.equals("Running") ? "Running" : "Pending";
        Version v = state.versionOf(p);
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
            ps.put("version", p.latestVariant().uuid());
        }
        ArrayNode ms = e.putObject("model_statuses").putArray("models");
        if (v != null) {
            ObjectNode m = ms.addObject();
            if (!legacy) {
                m.put("model_version_id", v.id);
            }
            m.put("name", state.models.get(v.modelId).name);
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

    Response listPipelines(Request r) {
        JsonNode b = r.json();
        Integer wsId = b.hasNonNull("workspace_id") ? intField(b, "workspace_id") : null;
        String wsName = b.hasNonNull("workspace_name") ? b.get("workspace_name").asText() : null;
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("pipelines");
        for (Pipeline p : state.pipelines.values()) {
            Workspace w = state.workspaces.get(p.workspaceId);
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
            Variant v = p.latestVariant();
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

    private Pipeline inWorkspace(int wsId, String name) {
        return state.pipelines.values().stream().filter(x -> x.workspaceId == wsId && x.name.equals(name))
                .findFirst().orElseThrow(() -> bad("pipeline '" + name + "' not found in workspace " + wsId));
    }

    /**
     * One page of the pipeline's inference log, newest first unless {@code order} is {@code asc};
     * an Arrow IPC file of flattened records when {@code Accept} asks for one.
     */
    Response getLogs(Request r) {
        JsonNode b = r.json();
        String name = textField(b, "pipeline_name");
        Pipeline p = inWorkspace(intField(b, "workspace_id"), name);
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
            Collections.reverse(all);
        }
        ArrayNode page = Json.mapper().createArrayNode();
        for (int i = offset; i < Math.min(all.size(), offset + pageSize); i++) {
            page.add(all.get(i));
        }
        TableFormatProvider arrow = ArrowBodies.forAnswer(r, state.formats, state.legacy, Family.MLOPS);
        Response resp = arrow != null ? ArrowBodies.answer(arrow, page) : Response.json(200, page);
        boolean more = offset + pageSize < all.size();
        resp.header("x-iteration-status", more ? "RecordLimited" : "All");
        if (more) {
            resp.header("x-iteration-cursor", Integer.toString(offset + pageSize));
        }
        return resp;
    }

    /** The external URL of a deployed pipeline, or null. */
    String externalUrl(String pipelineName) {
        return state.pipelines.values().stream().filter(p -> p.name.equals(pipelineName) && p.deployment != null
                && p.deployment.active).findFirst().map(p -> externalUrl(p, p.deployment)).orElse(null);
    }

    private String externalUrl(Pipeline p, Deployment d) {
        String u = state.base + "/v1/api/pipelines/infer/" + d.deployId + "-" + d.id;
        return state.legacy ? u : u + "/" + p.name;
    }

    Response url(Request r, boolean external) {
        JsonNode b = r.json();
        int wsId = intField(b, "workspace_id");
        String name = textField(b, "pipeline_name");
        Pipeline p = inWorkspace(wsId, name);
        if (p.deployment == null || !p.deployment.active) {
            throw bad("pipeline '" + name + "' is not deployed");
        }
        String url = external ? externalUrl(p, p.deployment) : state.base + "/pipelines/" + p.name;
        return Response.json(200, Map.of("url", url));
    }
}
