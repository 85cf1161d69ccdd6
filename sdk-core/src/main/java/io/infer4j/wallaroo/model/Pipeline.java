package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A pipeline as {@code pipelines/list_pipelines} describes it.
 *
 * @param id                   pipeline id ({@code pipeline_pk_id} elsewhere)
 * @param name                 pipeline name (also its deploy id)
 * @param createdAt            ISO-8601 creation time as sent
 * @param updatedAt            ISO-8601 update time as sent
 * @param additionalProperties fields this SDK version does not know
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Pipeline(long id, String name, String createdAt, String updatedAt,
                       @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises the unknown-field map. */
    public Pipeline {
        additionalProperties = Copies.extras(additionalProperties);
    }
}
