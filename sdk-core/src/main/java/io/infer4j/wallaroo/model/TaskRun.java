package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.infer4j.task.TaskStatus;
import java.util.Map;

/**
 * One run of an orchestration task ({@code task/list_task_runs} item, {@code last_runs} entry).
 *
 * @param task                 the task UUID (absent inside {@code last_runs})
 * @param runId                the run UUID (pass to {@code tasks().runLogs})
 * @param status               {@code running}, {@code success}, {@code failure}, {@code timed_out}, {@code killed}, ...
 * @param createdAt            ISO-8601 start time
 * @param updatedAt            ISO-8601 update time
 * @param additionalProperties fields this SDK version does not know
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskRun(String task, String runId, String status, String createdAt, String updatedAt,
                      @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises the unknown-field map. */
    public TaskRun {
        additionalProperties = Copies.extras(additionalProperties);
    }

    /** The run status with its phase. */
    public TaskStatus taskStatus() {
        return TaskStatus.of(status);
    }
}
