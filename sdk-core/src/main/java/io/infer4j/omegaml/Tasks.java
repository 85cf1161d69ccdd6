package io.infer4j.omegaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.internal.Json;
import io.infer4j.omegaml.internal.Decode;
import io.infer4j.omegaml.internal.OmegaContext;
import io.infer4j.omegaml.internal.Trees;
import io.infer4j.omegaml.model.JobInfo;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.omegaml.model.ScriptResult;
import io.infer4j.task.TaskHandle;
import io.infer4j.task.TaskStatus;
import java.util.function.Function;

/**
 * Async task results ({@code /api/v1/task/{id}/result}): re-create a {@link TaskHandle} from a
 * task id, e.g. after a restart. The {@code resourceUri} is the URI of the call that started the
 * task (the 202 answer's {@code resource_uri}, e.g. {@code /api/v1/model/mymodel/predict}); the
 * server uses it to format the result. Obtain from {@link OmegaClient#tasks()}; thread-safe.
 *
 * <pre>{@code
 * TaskHandle<ModelResult> t = omega.models().predictAsync("mymodel", ModelInput.datasets("datax"));
 * String id = t.id();                                   // persist it
 * ModelResult r = omega.tasks().model(id, "/api/v1/model/mymodel/predict").await(Duration.ofMinutes(5));
 * }</pre>
 */
public final class Tasks {
    private final OmegaContext ctx;

    Tasks(OmegaContext ctx) {
        this.ctx = ctx;
    }

    /** A handle whose result is the raw {@code response} JSON; sends no {@code resource_uri}. */
    public TaskHandle<JsonNode> handle(String taskId) {
        return ctx.handle(taskId, null, null, Function.identity());
    }

    /** A handle whose result is the raw {@code response} JSON. */
    public TaskHandle<JsonNode> handle(String taskId, String resourceUri) {
        return ctx.handle(taskId, null, requireUri(resourceUri), Function.identity());
    }

    /** A handle on a model action task. */
    public TaskHandle<ModelResult> model(String taskId, String resourceUri) {
        return ctx.handle(taskId, null, requireUri(resourceUri), Decode::modelResult);
    }

    /** A handle on a job run task. */
    public TaskHandle<JobInfo> job(String taskId, String resourceUri) {
        return ctx.handle(taskId, null, requireUri(resourceUri), Decode::jobInfo);
    }

    /** A handle on a script run task. */
    public TaskHandle<ScriptResult> script(String taskId, String resourceUri) {
        return ctx.handle(taskId, null, requireUri(resourceUri), Decode::scriptResult);
    }

    /**
     * The task's status from {@code GET /api/v1/task/{id}/status}, without its result. A failed
     * task is reported as its status (the server answers those with 400), not as an exception.
     */
    public TaskStatus status(String taskId) {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("task id must not be blank");
        }
        JsonNode body;
        try {
            body = ctx.call("tasks.status", "GET", ctx.api("task").name(taskId).segment("status").build(false), null, true);
        } catch (BadRequestException e) {
            String word = statusIn(e.body());
            if (word == null) {
                throw e;
            }
            return TaskStatus.of(word);
        }
        String word = Trees.text(Trees.requireObject(body, "task status"), "status");
        if (word == null) {
            throw new io.infer4j.core.error.DecodeException("Cannot decode task " + taskId + " status: it has no status");
        }
        return TaskStatus.of(word);
    }

    private static String statusIn(String body) {
        try {
            return Trees.text(Json.mapper().readTree(body), "status");
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String requireUri(String resourceUri) {
        if (resourceUri == null || resourceUri.isBlank()) {
            throw new IllegalArgumentException("resourceUri must not be blank (use handle(taskId) if it is unknown)");
        }
        return resourceUri;
    }
}
