package io.infer4j.testkit.internal;

import static io.infer4j.testkit.internal.MlopsRequests.bad;
import static io.infer4j.testkit.internal.MlopsRequests.found;
import static io.infer4j.testkit.internal.MlopsRequests.intField;
import static io.infer4j.testkit.internal.MlopsRequests.sha256;
import static io.infer4j.testkit.internal.MlopsRequests.textField;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testkit.internal.WallarooState.Orchestration;
import io.infer4j.testkit.internal.WallarooState.Task;
import io.infer4j.testkit.internal.WallarooState.Workspace;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Wallaroo's {@code orchestration/*} and {@code task/*} calls. An orchestration is packaged
 * ({@code ready}) after {@link Settings#conversionPolls()} reads; a task moves along with each read.
 */
final class WallarooOrchestrations {
    private final WallarooState state;

    WallarooOrchestrations(WallarooState state) {
        this.state = state;
    }

    Response uploadOrchestration(Request r) {
        Map<String, Multipart.Part> parts = Multipart.parse(r, Family.MLOPS);
        Multipart.Part file = parts.get("file");
        Multipart.Part meta = parts.get("metadata");
        if (file == null || meta == null) {
            throw bad("multipart parts 'file' and 'metadata' are required, got " + Multipart.names(parts));
        }
        JsonNode m = MlopsRequests.metadata(meta);
        Workspace w = state.ws(intField(m, "workspace_id"));
        Orchestration o = new Orchestration();
        o.id = UUID.randomUUID().toString();
        o.name = m.path("name").asText(null);
        o.workspaceId = w.id;
        o.sha = sha256(file.body());
        o.fileName = file.filename() == null ? "orchestration.zip" : file.filename();
        o.createdAt = state.now();
        state.orchestrations.put(o.id, o);
        return Response.json(202, Map.of("id", o.id));
    }

    /** The listing and {@code get_by_id} answers carry the same fields in different orders. */
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
        j.put("owner_id", state.ownerId());
        j.put("status", o.reads >= state.settings.conversionPolls() ? "ready" : "pending_packaging");
        if (listing) {
            j.put("created_at", o.createdAt);
            j.put("updated_at", o.createdAt);
            j.put("image_path", "ghcr.io/wallaroolabs/arbex-orch-deploy:v2025.2.1");
            j.put("created_on_version", "2025.2.1");
        }
        return j;
    }

    Response listOrchestrations(Request r) {
        int wsId = intField(r.json(), "workspace_id");
        ArrayNode list = Json.mapper().createArrayNode();
        state.orchestrations.values().stream().filter(o -> o.workspaceId == wsId)
                .forEach(o -> list.add(orchestrationJson(o, true)));
        return Response.json(200, list);
    }

    private Orchestration orchestration(String id) {
        return found(state.orchestrations.get(id), "orchestration " + id + " not found");
    }

    Response orchestrationById(Request r) {
        Orchestration o = orchestration(textField(r.json(), "id"));
        ObjectNode j = orchestrationJson(o, false);
        o.reads++;
        return Response.json(200, j);
    }

    Response runTask(Request r, boolean scheduled) {
        JsonNode b = r.json();
        Orchestration o = orchestration(textField(b, "orch_id"));
        Task t = new Task();
        t.id = UUID.randomUUID().toString();
        t.name = b.path("name").asText(scheduled ? "scheduled task" : "run once task");
        t.orchId = o.id;
        t.workspaceId = state.ws(intField(b, "workspace_id")).id;
        t.schedule = scheduled ? textField(b, "schedule") : null;
        t.input = b.has("json") ? b.get("json") : Json.mapper().createObjectNode();
        t.createdAt = state.now();
        t.updatedAt = t.createdAt;
        state.tasks.put(t.id, t);
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
            t.updatedAt = state.now();
            ObjectNode run = Json.mapper().createObjectNode();
            run.put("run_id", UUID.randomUUID().toString());
            run.put("status", "running");
            run.put("created_at", state.now());
            run.put("updated_at", state.now());
            t.runs.add(run);
        } else if (t.reads == 3) {
            t.runs.get(0).put("status", "success").put("updated_at", state.now());
            if (t.schedule == null) {
                t.status = "success";
            }
        }
    }

    private ObjectNode taskJson(Task t) {
        Orchestration o = state.orchestrations.get(t.orchId);
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
        env.put("ORCH_OWNER_ID", state.ownerId());
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
        return found(state.tasks.get(id), "task " + id + " not found");
    }

    Response taskById(Request r) {
        Task t = task(textField(r.json(), "id"));
        advance(t);
        return Response.json(200, taskJson(t));
    }

    Response listTasks(Request r) {
        JsonNode b = r.json();
        ArrayNode list = Json.mapper().createArrayNode();
        for (Task t : state.tasks.values()) {
            if ((b.hasNonNull("workspace_id") && b.get("workspace_id").asInt() != t.workspaceId)
                    || (b.hasNonNull("orch_id") && !b.get("orch_id").asText().equals(t.orchId))) {
                continue;
            }
            list.add(taskJson(t));
        }
        return Response.json(200, list);
    }

    Response listTaskRuns(Request r) {
        Task t = task(textField(r.json(), "task_id"));
        ArrayNode list = Json.mapper().createArrayNode();
        for (ObjectNode run : t.runs) {
            ObjectNode o = list.addObject();
            o.put("task", t.id);
            o.setAll(run);
        }
        return Response.json(200, list);
    }

    Response taskLogs(Request r) {
        String runId = textField(r.json(), "id");
        Task t = state.tasks.values().stream().filter(x -> x.runs.stream().anyMatch(run -> run.path("run_id").asText()
                .equals(runId))).findFirst().orElseThrow(() -> bad("run " + runId + " not found"));
        String ts = Instant.now(state.settings.clock()).toString();
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode logs = body.putArray("logs");
        logs.add(ts + " stdout F " + t.input.toString());
        logs.add(ts + " stdout F Running orchestration " + state.orchestrations.get(t.orchId).name);
        logs.add(ts + " stdout F Done");
        int lines = r.json().path("lines").asInt(Integer.MAX_VALUE);
        while (logs.size() > Math.max(0, lines)) {
            logs.remove(0);
        }
        return Response.json(200, body);
    }

    Response killTask(Request r) {
        Task t = task(textField(r.json(), "id"));
        t.status = "pending_kill";
        t.killed = true;
        t.updatedAt = state.now();
        ObjectNode j = taskJson(t);
        j.put("killed", false); // as recorded: the kill is requested, not yet done
        return Response.json(202, j);
    }

    Response tasksBySha(Request r) {
        String sha = textField(r.json(), "sha");
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode ids = body.putArray("ids");
        state.tasks.values().stream().filter(t -> state.orchestrations.get(t.orchId).sha.equals(sha))
                .forEach(t -> ids.add(t.id));
        return Response.json(200, body);
    }
}
