package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * An orchestration task: one run configuration (run once, scheduled or continuous) of an
 * orchestration. The server adds fields freely (image, env vars, flavor, ...); only the ones the
 * 2025.2 spec guarantees are typed, the rest are in {@link #additionalProperties()}.
 *
 * @param id                   task UUID
 * @param name                 name, may be null
 * @param workspaceId          workspace
 * @param status               {@code pending}, {@code started}, {@code success}, {@code failed}, {@code pending_kill}, {@code killed}, ...
 * @param killed               whether killed
 * @param inputData            the JSON arguments the task was started with
 * @param schedule             cron schedule of scheduled tasks, or {@code null}
 * @param createdAt            ISO-8601 creation time
 * @param updatedAt            ISO-8601 update time
 * @param lastRuns             the most recent runs
 * @param additionalProperties fields this SDK version does not type ({@code run_type}, {@code image}, ...)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Task(String id, String name, long workspaceId, String status, boolean killed, JsonNode inputData,
                   String schedule, String createdAt, String updatedAt, List<TaskRun> lastRuns,
                   @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises absent lists and maps. */
    public Task {
        lastRuns = Copies.list(lastRuns);
        additionalProperties = Copies.extras(additionalProperties);
    }
}
