package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.task.TaskStatus;
import java.util.Map;
import java.util.Optional;

/**
 * One uploaded version of a model. Read from three shapes: the flat {@code models/list_versions}
 * item ({@code model_id} is the name, {@code models_pk_id} the model), the nested
 * {@code get_version_by_id} answer ({@code file_info}, {@code conversion}, {@code config}), and the
 * 2022 {@code models/list} item. Fields a shape lacks are {@code null}.
 *
 * @param id                   model version id (integer)
 * @param name                 model name
 * @param version              version UUID
 * @param sha                  file SHA-256
 * @param fileName             uploaded file name
 * @param status               conversion status as sent ({@code ready}, {@code error}, {@code attempting_load_container}, ...)
 * @param errorSummary         why conversion failed, or {@code null}
 * @param modelId              the model's id ({@code models_pk_id}, or the enclosing model's id in
 *                             {@code models/list}; looked up after an upload), or {@code null}
 * @param workspaceId          the workspace, or {@code null}
 * @param imagePath            container image, or {@code null}
 * @param deployed             whether deployed, or {@code null} when not sent
 * @param createdAt            ISO-8601 creation time, or {@code null}
 * @param createdBy            creator, or {@code null}
 * @param config               the version's config, or {@code null}
 * @param additionalProperties fields this SDK version does not map (e.g. {@code conversion}, {@code task_id})
 */
public record ModelVersion(long id, String name, String version, String sha, String fileName, String status,
                           String errorSummary, Long modelId, Long workspaceId, String imagePath, Boolean deployed,
                           String createdAt, String createdBy, ModelConfig config,
                           Map<String, JsonNode> additionalProperties) {
    /** Normalises the unknown-field map. */
    public ModelVersion {
        additionalProperties = Copies.extras(additionalProperties);
    }

    /** The status with its normalised phase ({@code ready} succeeded, {@code error} failed, others running). */
    public TaskStatus taskStatus() {
        return TaskStatus.of(status == null ? "unknown" : status);
    }

    /** This version with {@code modelId} set (the nested version shapes do not carry it). */
    public ModelVersion withModelId(Long modelId) {
        return new ModelVersion(id, name, version, sha, fileName, status, errorSummary, modelId, workspaceId, imagePath,
                deployed, createdAt, createdBy, config, additionalProperties);
    }

    /** The config, if the server sent one. */
    public Optional<ModelConfig> configIfPresent() {
        return Optional.ofNullable(config);
    }

    /**
     * This version as a pipeline step reference.
     *
     * @throws IllegalStateException if the shape it was read from lacked name, version or sha
     */
    public ModelRef ref() {
        if (name == null || version == null || sha == null) {
            throw new IllegalStateException("model version " + id + " lacks name, version or sha; read it with models().version(id)");
        }
        return new ModelRef(name, version, sha);
    }
}
