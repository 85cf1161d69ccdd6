package io.infer4j.testkit.internal;

import static io.infer4j.testkit.internal.OmegaState.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testkit.internal.OmegaState.AsyncTask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * omega-ml's async task results ({@code /api/v1/task}), notebook jobs ({@code /api/v1/job}) and
 * scripts ({@code /api/v1/script}). A task is done after {@link Settings#taskPolls()} reads and
 * {@link Settings#taskDelay()}.
 */
final class OmegaJobs {
    private final OmegaState state;

    OmegaJobs(OmegaState state) {
        this.state = state;
    }

    Response taskResult(Request r) throws IOException {
        String id = r.pathParams().get(0);
        boolean statusOnly = r.pathParams().get(1).equals("status");
        AsyncTask t = state.tasks.get(id);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("task_id", id);
        if (t == null) {
            body.put("status", "PENDING"); // celery reports unknown ids as pending
            body.putNull("response");
            return json(200, body);
        }
        int k = t.reads++;
        boolean done = k >= state.settings.taskPolls()
                && !state.settings.clock().instant().isBefore(t.submitted.plus(state.settings.taskDelay()));
        boolean failed = t.outcome.status() >= 400;
        String status = !done ? (k == 0 ? "PENDING" : "STARTED") : failed ? "FAILURE" : "SUCCESS";
        body.put("status", status);
        if (statusOnly || failed && done) {
            body.putNull("response");
            return json(done && failed && !statusOnly ? 400 : 200, body);
        }
        if (done) {
            body.set("response", Json.mapper().readTree(t.outcome.body()));
        } else if (t.kind.equals("model")) {
            ObjectNode pending = body.putObject("response");
            pending.put("model", t.name);
            pending.putNull("result");
            pending.put("resource_uri", t.name);
        } else {
            body.putNull("response");
        }
        return json(200, body);
    }

    private ObjectNode jobJson(String name) {
        List<ObjectNode> runs = state.jobRuns.computeIfAbsent(name, k -> new ArrayList<>());
        ObjectNode j = Json.mapper().createObjectNode();
        if (state.ce) {
            ObjectNode nb = j.putObject("content").put("nbformat_minor", 0).put("nbformat", 4);
            nb.putArray("cells");
            nb.putObject("metadata");
            j.putArray("job_runs");
            j.putObject("job_results");
            j.put("name", name + ".ipynb");
            j.put("created", state.now());
            return j;
        }
        j.putNull("resource_uri");
        j.put("job", name + ".ipynb");
        j.putNull("source_job");
        if (runs.isEmpty()) {
            j.putObject("job_results");
        } else {
            ArrayNode res = j.putArray("job_results");
            runs.forEach(run -> res.add(run.get("results").asText()));
        }
        ArrayNode jr = j.putArray("job_runs");
        runs.forEach(jr::add);
        j.put("created", state.now());
        return j;
    }

    Response getJob(Request r) {
        return json(200, jobJson(r.pathParams().get(0)));
    }

    Response listJobs(Request r) {
        if (!state.ce) {
            return state.error(400, "AttributeError(\"'GenericJobResource' object has no attribute 'list'\")", true);
        }
        List<ObjectNode> all = new ArrayList<>();
        for (String name : state.jobRuns.keySet()) {
            ObjectNode o = jobJson(name);
            o.remove("content");
            all.add(o);
        }
        return json(200, Tastypie.page(all, r, "/api/v1/job/"));
    }

    Response runJob(Request r) {
        String name = r.pathParams().get(0);
        Instant at = state.settings.clock().instant();
        String result = "results/" + name + "_" + LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString().replace('T', ' ') + ".ipynb";
        ObjectNode run = Json.mapper().createObjectNode();
        run.put("status", "OK");
        run.put("ts", LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString());
        run.put("message", "...");
        run.put("results", result);
        state.jobRuns.computeIfAbsent(name, k -> new ArrayList<>()).add(run);
        ObjectNode body;
        if (state.ce) {
            body = Json.mapper().createObjectNode();
            body.putObject("job_runs").put(Long.toString(at.getEpochSecond()), "OK");
            body.putArray("job_results").add(result);
            body.put("name", name + ".ipynb");
            body.put("created", state.now());
        } else {
            body = jobJson(name);
        }
        Response outcome = json(200, body);
        if (!OmegaState.async(r)) {
            return outcome;
        }
        ObjectNode accepted = acceptedRun("job", name);
        for (String k : List.of("source_job", "job_results", "job_runs", "created")) {
            accepted.putNull(k);
        }
        return state.later("job", name, outcome, accepted);
    }

    /** The start of an async run's 202 body: the resource it ran and its name ({@code job} or {@code script}). */
    private static ObjectNode acceptedRun(String kind, String name) {
        ObjectNode accepted = Json.mapper().createObjectNode();
        accepted.put("resource_uri", "/api/v1/" + kind + "/" + name + "/run");
        accepted.put(kind, name);
        return accepted;
    }

    Response runScript(Request r) {
        String name = r.pathParams().get(0);
        Instant started = state.settings.clock().instant();
        ObjectNode body = Json.mapper().createObjectNode();
        body.putNull("resource_uri");
        body.put("script", name);
        ObjectNode result = body.putObject("result");
        result.set("data", r.json());
        result.put("method", "run");
        if (!r.query().isEmpty()) {
            ObjectNode kw = result.putObject("kwargs");
            r.query().forEach((k, v) -> kw.put(k, v.get(0)));
        }
        body.put("runtimes", Duration.between(started, state.settings.clock().instant()).toNanos() / 1e9);
        body.put("started", LocalDateTime.ofInstant(started, ZoneOffset.UTC).toString());
        body.put("ended", state.now());
        Response outcome = json(200, body);
        if (!OmegaState.async(r)) {
            return outcome;
        }
        ObjectNode accepted = acceptedRun("script", name);
        accepted.put("result", "pending");
        accepted.putNull("runtimes");
        accepted.putNull("started");
        accepted.putNull("ended");
        return state.later("script", name, outcome, accepted);
    }
}
