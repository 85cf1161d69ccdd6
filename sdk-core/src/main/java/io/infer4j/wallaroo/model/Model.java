package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model (a named series of uploaded versions). {@code models/list} has returned three shapes,
 * all read into this one type:
 * <ul>
 *   <li>2022: {@code {"id", "models": {<one version>}}};</li>
 *   <li>2023: flat {@code {id, name, owner_id, created_at, updated_at}} (no versions);</li>
 *   <li>2025: {@code {"model": {...}, "model_versions": [{"model_version", "config"}], "workspace"}}.</li>
 * </ul>
 * {@code models/get_by_id} gives the flat shape plus {@code model_config}.
 *
 * @param id                   model id
 * @param name                 model name
 * @param ownerId              owner as sent (often the literal two-character string {@code ""}), may be null
 * @param createdAt            ISO-8601 creation time, may be null
 * @param updatedAt            ISO-8601 update time, may be null
 * @param workspaceId          workspace id, or {@code null} when not sent
 * @param config               the model's config ({@code get_by_id}), or {@code null}
 * @param versions             versions listed with the model (empty in the 2023 shape)
 * @param additionalProperties fields this SDK version does not map
 */
public record Model(long id, String name, String ownerId, String createdAt, String updatedAt, Long workspaceId,
                    ModelConfig config, List<ModelVersion> versions, Map<String, JsonNode> additionalProperties) {
    /** Normalises absent lists and maps. */
    public Model {
        versions = Copies.list(versions);
        additionalProperties = Copies.extras(additionalProperties);
    }

    /** The config, if the server sent one. */
    public Optional<ModelConfig> configIfPresent() {
        return Optional.ofNullable(config);
    }
}
