package io.infer4j.testkit.internal;

import static io.infer4j.testkit.internal.MlopsRequests.bad;
import static io.infer4j.testkit.internal.MlopsRequests.found;
import static io.infer4j.testkit.internal.MlopsRequests.intField;
import static io.infer4j.testkit.internal.MlopsRequests.notFound;
import static io.infer4j.testkit.internal.MlopsRequests.sha256;
import static io.infer4j.testkit.internal.MlopsRequests.textField;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testkit.internal.WallarooState.Model;
import io.infer4j.testkit.internal.WallarooState.Version;
import io.infer4j.testkit.internal.WallarooState.Workspace;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Wallaroo's {@code models/*} calls: the two upload flavours, models, versions and their configs.
 * An uploaded version converts (status {@code ready}) after {@link Settings#conversionPolls()}
 * reads of it; the 2022 upload and the preloaded demo models are ready at once.
 */
final class WallarooModels {
    private final WallarooState state;

    WallarooModels(WallarooState state) {
        this.state = state;
    }

    /** A new version of the model of that name in the workspace, creating the model if new. */
    Version addVersion(Workspace w, String name, String file, String sha, long size, String framework) {
        Model m = state.models.values().stream().filter(x -> x.workspaceId == w.id && x.name.equals(name))
                .findFirst().orElse(null);
        if (m == null) {
            m = new Model();
            m.id = state.nextId();
            m.name = name;
            m.workspaceId = w.id;
            m.createdAt = state.now();
            state.models.put(m.id, m);
            w.models.add(m.id);
        }
        m.updatedAt = state.now();
        Version v = new Version();
        v.id = state.nextId();
        v.configId = state.nextId();
        v.modelId = m.id;
        v.uuid = UUID.randomUUID().toString();
        v.sha = sha;
        v.fileName = file;
        v.size = size;
        v.framework = framework;
        v.createdAt = state.now();
        state.versions.put(v.id, v);
        m.versions.add(v.id);
        return v;
    }

    private static ObjectNode insertModels(int id) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("insert_models").putArray("returning").addObject().putArray("models").addObject().put("id", id);
        return body;
    }

    Response uploadAndConvert(Request r) {
        if (state.legacy) {
            throw notFound("Not Found");
        }
        Map<String, Multipart.Part> parts = Multipart.parse(r, Family.MLOPS);
        Multipart.Part meta = parts.get("metadata");
        Multipart.Part file = parts.get("file");
        if (meta == null || file == null) {
            throw bad("multipart parts 'metadata' and 'file' are required, got " + Multipart.names(parts));
        }
        JsonNode m = MlopsRequests.metadata(meta);
        String name = textField(m, "name");
        textField(m, "visibility");
        Workspace w = state.ws(intField(m, "workspace_id"));
        String framework = m.path("conversion").path("framework").asText(null);
        if (framework == null) {
            throw bad("conversion.framework is required");
        }
        Version v = addVersion(w, name, file.filename() == null ? name : file.filename(), sha256(file.body()),
                file.body().length, framework);
        return Response.json(202, insertModels(v.id));
    }

    Response legacyUpload(Request r) {
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
        Version v = addVersion(state.ws(wsId), name.text().trim(), file.filename() == null ? "model.onnx" : file.filename(),
                sha256(file.body()), file.body().length, "onnx");
        v.reads = Integer.MAX_VALUE / 2;
        return Response.json(200, insertModels(v.modelId));
    }

    private String status(Version v) {
        return v.preloaded || v.reads >= state.settings.conversionPolls() ? "ready" : "pending_load_native";
    }

    private ObjectNode versionJson(Version v) {
        Model m = state.models.get(v.modelId);
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
        o.put("created_by", state.settings.username());
        o.put("created_at", v.createdAt);
        o.put("deployed", state.pipelines.values().stream().anyMatch(p -> Integer.valueOf(v.id).equals(p.modelVersionId)
                && p.deployment != null && p.deployment.active));
        o.putNull("error_summary");
        return o;
    }

    private static ObjectNode configJson(Version v, boolean full) {
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

    Response listModels(Request r) {
        JsonNode b = r.json();
        Integer wsId = b.hasNonNull("workspace_id") ? intField(b, "workspace_id") : null;
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("models");
        for (Model m : state.models.values()) {
            if (wsId != null && m.workspaceId != wsId) {
                continue;
            }
            if (state.legacy) {
                Version v = state.versions.get(m.versions.get(m.versions.size() - 1));
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
                Version v = state.versions.get(m.versions.get(i));
                ObjectNode e = vs.addObject();
                e.set("model_version", versionJson(v));
                e.set("config", configJson(v, true));
            }
            Workspace w = state.workspaces.get(m.workspaceId);
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
        return found(state.versions.get(id), "The provided model id was not found.");
    }

    private Model model(int id) {
        return found(state.models.get(id), "The provided model id was not found.");
    }

    Response modelById(Request r) {
        Model m = model(intField(r.json(), "id"));
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

    Response versionById(Request r) {
        Version v = version(intField(r.json(), "model_version_id"));
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode mv = body.putObject("model_version");
        mv.set("model_version", versionJson(v));
        mv.set("config", configJson(v, true));
        v.reads++; // conversion progresses with each status read
        return Response.json(200, body);
    }

    Response listVersions(Request r) {
        Model m = model(intField(r.json(), "models_pk_id"));
        ArrayNode list = Json.mapper().createArrayNode();
        for (int id : m.versions) {
            Version v = state.versions.get(id);
            ObjectNode o = list.addObject();
            o.put("sha", v.sha);
            o.put("models_pk_id", m.id);
            o.put("model_version", v.uuid);
            o.put("owner_id", state.ownerId());
            o.put("model_id", m.name);
            o.put("id", v.id);
            o.put("file_name", v.fileName);
            o.putNull("image_path");
            o.put("status", status(v));
        }
        return Response.json(200, list);
    }

    Response configById(Request r) {
        Version v = version(intField(r.json(), "model_id"));
        ObjectNode body = Json.mapper().createObjectNode();
        if (state.legacy) {
            body.putNull("model_config");
        } else {
            body.set("model_config", configJson(v, false));
        }
        return Response.json(200, body);
    }
}
