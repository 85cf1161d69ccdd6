package io.infer4j.wallaroo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.error.DecodeException;
import io.infer4j.task.TaskStatus;
import io.infer4j.wallaroo.model.DeploymentStatus;
import io.infer4j.wallaroo.model.EngineStatus;
import io.infer4j.wallaroo.model.Model;
import io.infer4j.wallaroo.model.ModelConfig;
import io.infer4j.wallaroo.model.ModelVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hand-written readers for the responses whose shape changed between Wallaroo versions
 * ({@code models/list}, model versions, deployment status). Each accepts every recorded shape and
 * keeps the fields it does not map. Not API.
 */
public final class Shapes {
    private static final Set<String> VERSION_FIELDS = Set.of("id", "name", "model_id", "model_version", "sha",
            "file_name", "status", "error_summary", "models_pk_id", "workspace_id", "image_path", "deployed",
            "created_at", "created_by", "file_info", "config");
    private static final Set<String> MODEL_FIELDS = Set.of("id", "name", "owner_id", "created_at", "updated_at",
            "workspace_id", "model_config");
    private static final Set<String> ENGINE_FIELDS = Set.of("name", "ip", "status", "reason", "details", "info",
            "pipeline_statuses", "model_statuses");

    private Shapes() {
    }

    /** {@code models/list} in its 2022, 2023 and 2025 shapes. */
    public static List<Model> modelList(JsonNode root) {
        JsonNode items = root.path("models");
        if (!items.isArray()) {
            if (root.isNull() || root.isMissingNode() || items.isNull() || items.isMissingNode()) {
                return List.of();
            }
            throw new DecodeException("Cannot decode models/list response: 'models' is not an array", "models", -1, null);
        }
        List<Model> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.has("model")) {
                // 2025: {"model": {...}, "model_versions": [{"model_version", "config"}], "workspace": {...}}
                List<ModelVersion> versions = new ArrayList<>();
                Long modelId = longOrNull(item.get("model"), "id");
                for (JsonNode v : item.path("model_versions")) {
                    ModelVersion mv = modelVersion(v);
                    versions.add(mv.modelId() == null ? mv.withModelId(modelId) : mv);
                }
                Map<String, JsonNode> extras = extras(item, Set.of("model", "model_versions"));
                extras.putAll(extras(item.get("model"), MODEL_FIELDS));
                out.add(model(item.get("model"), versions, extras));
            } else if (item.path("models").isObject()) {
                // 2022: {"id": 1, "models": {<one version, model_id = name>}}
                ModelVersion v = modelVersion(item.get("models"));
                out.add(new Model(item.path("id").asLong(), v.name(), text(item.get("models"), "owner_id"), null, null,
                        null, null, List.of(v), extras(item, Set.of("id", "models"))));
            } else {
                // 2023: flat {id, name, owner_id, created_at, updated_at}
                out.add(model(item, List.of(), extras(item, MODEL_FIELDS)));
            }
        }
        return out;
    }

    /** A flat model object ({@code models/get_by_id}, 2023 list item). */
    public static Model model(JsonNode m) {
        return model(m, List.of(), extras(m, MODEL_FIELDS));
    }

    private static Model model(JsonNode m, List<ModelVersion> versions, Map<String, JsonNode> extras) {
        requireObject(m, "model");
        return new Model(m.path("id").asLong(), text(m, "name"), text(m, "owner_id"), text(m, "created_at"),
                text(m, "updated_at"), longOrNull(m, "workspace_id"), config(m.get("model_config")), versions, extras);
    }

    /**
     * A model version in any of its shapes: flat {@code list_versions} item, {@code {"model_version":
     * {...}, "config": {...}}} from {@code models/list}, or the doubly nested {@code get_version_by_id} answer.
     */
    public static ModelVersion modelVersion(JsonNode node) {
        requireObject(node, "model version");
        JsonNode config = null;
        JsonNode v = node;
        // Unwrap {"model_version": {"model_version": {...}, "config": {...}}} and {"model_version": {...}, "config": {...}}.
        while (v.path("model_version").isObject()) {
            if (v.has("config")) {
                config = v.get("config");
            }
            v = v.get("model_version");
        }
        JsonNode file = v.path("file_info");
        String name = v.hasNonNull("name") ? text(v, "name") : text(v, "model_id");
        String version = v.hasNonNull("model_version") ? text(v, "model_version") : text(file, "version");
        String sha = v.hasNonNull("sha") ? text(v, "sha") : text(file, "sha");
        String fileName = v.hasNonNull("file_name") ? text(v, "file_name") : text(file, "file_name");
        Map<String, JsonNode> extras = extras(v, VERSION_FIELDS);
        if (file.isObject()) {
            extras.putAll(extras(file, Set.of("version", "sha", "file_name")));
        }
        ModelConfig cfg = config(config != null ? config : v.get("config"));
        return new ModelVersion(v.path("id").asLong(), name, version, sha, fileName, text(v, "status"),
                text(v, "error_summary"), longOrNull(v, "models_pk_id"), longOrNull(v, "workspace_id"),
                text(v, "image_path"), v.hasNonNull("deployed") ? v.get("deployed").asBoolean() : null,
                text(v, "created_at"), text(v, "created_by"), cfg, extras);
    }

    /** A config object, or {@code null} for JSON null / absent. */
    public static ModelConfig config(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return WallarooApi.convert(node, ModelConfig.class, "model config");
    }

    /** {@code status/get_deployment}: flat (recorded) or {@code info}-nested (spec) engines. */
    public static DeploymentStatus deploymentStatus(JsonNode root) {
        requireObject(root, "deployment status");
        return new DeploymentStatus(text(root, "status"), texts(root.get("details")), engines(root.get("engines")),
                engines(root.get("engine_lbs")), engines(root.get("sidekicks")),
                extras(root, Set.of("status", "details", "engines", "engine_lbs", "sidekicks")));
    }

    private static List<EngineStatus> engines(JsonNode array) {
        List<EngineStatus> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (JsonNode e : array) {
            JsonNode info = e.path("info").isObject() ? e.get("info") : e;
            Map<String, JsonNode> extras = extras(e, ENGINE_FIELDS);
            if (info != e) {
                extras.putAll(extras(info, ENGINE_FIELDS));
            }
            out.add(new EngineStatus(text(info, "name"), text(info, "ip"), text(info, "status"), text(info, "reason"),
                    texts(info.get("details")), components(e.path("pipeline_statuses").path("pipelines"), "id"),
                    components(e.path("model_statuses").path("models"), "name"), extras));
        }
        return out;
    }

    private static List<EngineStatus.ComponentStatus> components(JsonNode array, String idField) {
        List<EngineStatus.ComponentStatus> out = new ArrayList<>();
        for (JsonNode c : array) {
            out.add(new EngineStatus.ComponentStatus(text(c, idField), text(c, "version"), text(c, "sha"),
                    text(c, "status"), extras(c, Set.of(idField, "version", "sha", "status"))));
        }
        return out;
    }

    /**
     * Wallaroo task and run statuses mapped to phases: the generic words via {@link TaskStatus#of},
     * plus Wallaroo's own failure words ({@code crash_loop}, {@code schedule_error}, {@code timed_out})
     * which would otherwise look like "still running".
     */
    public static TaskStatus taskStatus(String status) {
        String s = status == null ? "unknown" : status;
        switch (s.toLowerCase(Locale.ROOT)) {
            case "crash_loop": case "schedule_error": case "timed_out":
                return new TaskStatus(s, TaskStatus.Phase.FAILED);
            default:
                return TaskStatus.of(s);
        }
    }

    /** The text of a field, {@code null} when absent or JSON null; numbers are given as their text. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode d : array) {
                out.add(d.isTextual() ? d.asText() : d.toString());
            }
        }
        return out;
    }

    /** The fields of {@code node} not in {@code known}, in order. */
    public static Map<String, JsonNode> extras(JsonNode node, Set<String> known) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node instanceof ObjectNode) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!known.contains(e.getKey())) {
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new DecodeException("Cannot decode " + what + ": expected a JSON object but got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
    }
}
