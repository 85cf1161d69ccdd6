package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One engine, engine load balancer or sidekick of a deployment. Recorded servers send its fields
 * flat; the 2025.2 spec nests them under {@code info}: both are read.
 *
 * @param name                 pod name
 * @param ip                   pod IP, may be null
 * @param status               {@code Running}, {@code Pending}, {@code Failed}, ... as sent
 * @param reason               why not running, or {@code null}
 * @param details              detail messages (empty when none or {@code null})
 * @param pipelines            per-pipeline statuses on this engine
 * @param models               per-model statuses on this engine
 * @param additionalProperties fields this SDK version does not map ({@code labels}, {@code required_cpu}, ...)
 */
public record EngineStatus(String name, String ip, String status, String reason, List<String> details,
                           List<ComponentStatus> pipelines, List<ComponentStatus> models,
                           Map<String, JsonNode> additionalProperties) {
    /** Normalises absent lists and maps. */
    public EngineStatus {
        details = Copies.list(details);
        pipelines = Copies.list(pipelines);
        models = Copies.list(models);
        additionalProperties = Copies.extras(additionalProperties);
    }

    /**
     * The status of one pipeline or model on an engine.
     *
     * @param id                   pipeline id (name) for pipelines, model name for models
     * @param version              version UUID, may be null (pipelines before 2026)
     * @param sha                  model SHA, null for pipelines
     * @param status               {@code Running}, ... as sent
     * @param additionalProperties further fields ({@code model_version_id} from 2026)
     */
    public record ComponentStatus(String id, String version, String sha, String status,
                                  Map<String, JsonNode> additionalProperties) {
        /** Normalises the unknown-field map. */
        public ComponentStatus {
            additionalProperties = Copies.extras(additionalProperties);
        }
    }
}
