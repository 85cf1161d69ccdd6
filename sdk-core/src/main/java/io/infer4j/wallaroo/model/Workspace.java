package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * A Wallaroo workspace ({@code workspaces/list} item, also the {@code workspace} of a pipeline or
 * model listing).
 *
 * @param id                   workspace id
 * @param name                 unique name
 * @param createdAt            ISO-8601 creation time as sent
 * @param createdBy            a Keycloak user id (up to 2023), an email (2024+) or {@code ""}; may be null
 * @param archived             whether archived
 * @param models               ids of the models in the workspace (empty when not listed)
 * @param pipelines            ids of the pipelines in the workspace (empty when not listed)
 * @param additionalProperties fields this SDK version does not know (e.g. {@code group_id})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Workspace(long id, String name, String createdAt, String createdBy, boolean archived,
                        List<Long> models, List<Long> pipelines,
                        @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises absent lists and maps to empty ones. */
    public Workspace {
        models = Copies.list(models);
        pipelines = Copies.list(pipelines);
        additionalProperties = Copies.extras(additionalProperties);
    }
}
