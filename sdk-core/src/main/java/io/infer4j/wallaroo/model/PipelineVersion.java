package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One version ("variant") of a pipeline.
 *
 * @param id                   version id as sent (a string in the 2025.2 spec; integers are kept as their text)
 * @param version              version UUID
 * @param workspaceId          owning workspace
 * @param steps                the pipeline definition's steps, or {@code null}
 * @param createdAt            ISO-8601 creation time, may be null
 * @param createdBy            creator, may be null
 * @param createdOnVersion     Wallaroo version that created it, may be null
 * @param additionalProperties fields this SDK version does not know
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PipelineVersion(String id, String version, long workspaceId, JsonNode steps, String createdAt,
                              String createdBy, String createdOnVersion,
                              @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises the unknown-field map. */
    public PipelineVersion {
        additionalProperties = Copies.extras(additionalProperties);
    }
}
