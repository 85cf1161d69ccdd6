package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.infer4j.task.TaskStatus;
import java.util.Map;

/**
 * An uploaded orchestration (a zip with {@code main.py}), packaged by the server before tasks can run it.
 *
 * @param id                   orchestration UUID
 * @param name                 name, may be null
 * @param workspaceId          workspace
 * @param sha                  zip SHA-256
 * @param fileName             uploaded file name
 * @param taskId               the packaging task, may be null
 * @param ownerId              owner's user id
 * @param status               {@code uninitialized}, {@code pending_packaging}, {@code packaging}, {@code ready}, {@code error}
 * @param createdAt            ISO-8601 creation time
 * @param updatedAt            ISO-8601 update time, may be null
 * @param imagePath            packaged image, may be null
 * @param createdOnVersion     Wallaroo version, may be null
 * @param additionalProperties fields this SDK version does not know
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Orchestration(String id, String name, long workspaceId, String sha, String fileName, String taskId,
                            String ownerId, String status, String createdAt, String updatedAt, String imagePath,
                            String createdOnVersion, @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises the unknown-field map. */
    public Orchestration {
        additionalProperties = Copies.extras(additionalProperties);
    }

    /** The packaging status with its phase ({@code ready} succeeded, {@code error} failed). */
    public TaskStatus taskStatus() {
        return TaskStatus.of(status);
    }
}
