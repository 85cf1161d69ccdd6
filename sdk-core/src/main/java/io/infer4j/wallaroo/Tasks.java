package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.internal.WallarooApi.body;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.infer4j.core.ClientOptions;
import io.infer4j.task.TaskHandle;
import io.infer4j.task.TaskState;
import io.infer4j.wallaroo.internal.Immutable;
import io.infer4j.wallaroo.internal.Shapes;
import io.infer4j.wallaroo.internal.WallarooApi;
import io.infer4j.wallaroo.model.Task;
import io.infer4j.wallaroo.model.TaskRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orchestration tasks: run once or on a schedule, get, list, list runs, run logs, kill. Each
 * started task comes back as a {@link TaskHandle} (the same type omega-ml tasks use) whose
 * {@code await} polls {@code task/get_by_id} with backoff until the task succeeds, fails
 * ({@code failed}, {@code crash_loop}, {@code schedule_error}, {@code timed_out}) or is killed.
 * Thread-safe; get it from {@link WallarooClient#tasks()}.
 */
public final class Tasks {
    private static final TypeReference<List<Task>> TASKS = new TypeReference<>() { };
    private static final TypeReference<List<TaskRun>> RUNS = new TypeReference<>() { };

    private final WallarooApi api;

    Tasks(WallarooApi api) {
        this.api = api;
    }

    /** Starts the orchestration once ({@code task/run_once}, answered 201). */
    public TaskHandle<Task> runOnce(TaskRequest request) {
        return handle(start("task.run_once", "task/run_once", request.body()));
    }

    /**
     * Runs the orchestration on a cron schedule ({@code task/run_scheduled}, e.g. {@code "*&#47;5 * * * *"}).
     * The handle completes only when the task is killed or fails.
     */
    public TaskHandle<Task> runScheduled(TaskRequest request, String cronSchedule) {
        Workspaces.requireText(cronSchedule, "cronSchedule");
        Map<String, Object> b = new LinkedHashMap<>(request.body());
        b.put("schedule", cronSchedule);
        return handle(start("task.run_scheduled", "task/run_scheduled", b));
    }

    private String start(String name, String path, Map<String, Object> body) {
        return WallarooApi.required(api.call(name, path, body, false, IdAnswer.class).id(), "id", name);
    }

    /** A handle on task {@code taskId}, e.g. to resume waiting after a restart. */
    public TaskHandle<Task> handle(String taskId) {
        Workspaces.requireText(taskId, "taskId");
        ClientOptions o = api.transport().options();
        return TaskHandle.<Task>builder(taskId, () -> {
            Task t = get(taskId);
            String detail = t.lastRuns().isEmpty() ? null
                    : "last run " + t.lastRuns().get(0).runId() + " " + t.lastRuns().get(0).status();
            return new TaskState<>(Shapes.taskStatus(t.status()), t, 200, detail);
        }).clock(o.clock()).sleeper(o.sleeper()).executor(api.transport().asyncExecutor())
                .pollInterval(Duration.ofSeconds(1), Duration.ofSeconds(15)).build();
    }

    /** One task ({@code task/get_by_id}). */
    public Task get(String taskId) {
        Workspaces.requireText(taskId, "taskId");
        return api.call("task.get_by_id", "task/get_by_id", body("id", taskId), true, Task.class);
    }

    /** The tasks of a workspace ({@code task/list}). */
    public List<Task> list(long workspaceId) {
        return api.call("task.list", "task/list", body("workspace_id", workspaceId), true, TASKS);
    }

    /** The ids of the tasks started from the orchestration with this SHA ({@code task/get_tasks_by_orch_sha}). */
    public List<String> idsByOrchestrationSha(String sha) {
        Workspaces.requireText(sha, "sha");
        return api.call("task.get_tasks_by_orch_sha", "task/get_tasks_by_orch_sha", body("sha", sha), true,
                IdList.class).ids();
    }

    /** The runs of a task, newest first as the server orders them ({@code task/list_task_runs}). */
    public List<TaskRun> runs(String taskId) {
        Workspaces.requireText(taskId, "taskId");
        return api.call("task.list_task_runs", "task/list_task_runs", body("task_id", taskId), true, RUNS);
    }

    /** The log lines of one run ({@code task/get_logs_for_run}). */
    public List<String> runLogs(String runId) {
        return runLogs(runId, null);
    }

    /** The last {@code lines} log lines of one run; {@code null} for all the server returns. */
    public List<String> runLogs(String runId, Integer lines) {
        Workspaces.requireText(runId, "runId");
        return api.call("task.get_logs_for_run", "task/get_logs_for_run", body("id", runId, "lines", lines), true,
                Logs.class).logs();
    }

    /**
     * Asks the server to stop a task ({@code task/kill}, answered 202 with the task in
     * {@code pending_kill}). Not the same as {@link TaskHandle#cancel()}, which only stops local waiting.
     */
    public Task kill(String taskId) {
        Workspaces.requireText(taskId, "taskId");
        // Killing an already-killed task is harmless, so a lost answer may be retried.
        return api.call("task.kill", "task/kill", body("id", taskId), true, Task.class);
    }

    private record IdAnswer(@JsonProperty("id") String id) {
    }

    private record IdList(@JsonProperty("ids") List<String> ids) {
        IdList {
            ids = Immutable.list(ids);
        }
    }

    private record Logs(@JsonProperty("logs") List<String> logs) {
        Logs {
            logs = Immutable.list(logs);
        }
    }
}
