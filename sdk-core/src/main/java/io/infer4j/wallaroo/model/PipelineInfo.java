package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import java.util.Optional;

/**
 * One item of {@code pipelines/list_pipelines} or {@code pipelines/list_pipeline_versions}: the
 * pipeline, its workspace and, where the server says so, a version and deployment settings.
 *
 * @param pipeline             the pipeline
 * @param workspace            its workspace
 * @param plateauTopic         the inference-log topic
 * @param pipelineVersion      the (latest) version, or {@code null}
 * @param deployment           {@code maximum_replicas} / {@code prewarmed_replicas} when deployed, or {@code null}
 * @param additionalProperties fields this SDK version does not know
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PipelineInfo(Pipeline pipeline, Workspace workspace, String plateauTopic,
                           PipelineVersion pipelineVersion, JsonNode deployment,
                           @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises the unknown-field map. */
    public PipelineInfo {
        additionalProperties = Copies.extras(additionalProperties);
    }

    /** The version, if the server sent one. */
    public Optional<PipelineVersion> version() {
        return Optional.ofNullable(pipelineVersion);
    }
}
