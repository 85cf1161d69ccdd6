package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * The answer to {@code pipelines/create} (and {@code pipelines/copy}). Creating a pipeline whose
 * name exists returns the same {@code pipelinePkId} with a new variant.
 *
 * @param pipelinePkId           pipeline id (pass to deploy/undeploy)
 * @param pipelineVariantPkId    id of the new version (pass to deploy as {@code pipeline_version_pk_id})
 * @param pipelineVariantVersion UUID of the new version; {@code null} from {@code copy}
 * @param additionalProperties   fields this SDK version does not know ({@code copy} adds {@code pipeline_version}, {@code deployment})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PipelineCreated(long pipelinePkId, long pipelineVariantPkId, String pipelineVariantVersion,
                              @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises the unknown-field map. */
    public PipelineCreated {
        additionalProperties = Copies.extras(additionalProperties);
    }
}
