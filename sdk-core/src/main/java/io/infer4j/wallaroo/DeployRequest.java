package io.infer4j.wallaroo;

import io.infer4j.wallaroo.model.ModelRef;
import io.infer4j.wallaroo.model.PipelineCreated;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code pipelines/deploy} needs: the pipeline (name, id, version) and its model steps again,
 * as model ids, model config ids or {@link ModelRef}s, plus an optional engine config (resources,
 * autoscaling) passed through as JSON. Immutable.
 *
 * <pre>{@code
 * PipelineCreated p = client.pipelines().create(ws, "ccfraud", List.of(version.ref()));
 * Deployment d = client.pipelines().deploy(DeployRequest.builder("ccfraud", p).modelIds(version.id()).build());
 * }</pre>
 */
public final class DeployRequest {
    private final String deployId;
    private final long pipelineId;
    private final Long pipelineVersionPkId;
    private final String pipelineVersion;
    private final List<Long> modelIds;
    private final List<Long> modelConfigs;
    private final List<ModelRef> models;
    private final Object engineConfig;

    private DeployRequest(Builder b) {
        this.deployId = b.deployId;
        this.pipelineId = b.pipelineId;
        this.pipelineVersionPkId = b.pipelineVersionPkId;
        this.pipelineVersion = b.pipelineVersion;
        this.modelIds = List.copyOf(b.modelIds);
        this.modelConfigs = List.copyOf(b.modelConfigs);
        this.models = List.copyOf(b.models);
        this.engineConfig = b.engineConfig;
    }

    /**
     * Starts a request for pipeline {@code pipelineName} (the deploy id must equal it) with id
     * {@code pipelineId}.
     */
    public static Builder builder(String pipelineName, long pipelineId) {
        Workspaces.requireText(pipelineName, "pipelineName");
        return new Builder(pipelineName, pipelineId);
    }

    /** Starts a request for the version that {@code pipelines/create} just made. */
    public static Builder builder(String pipelineName, PipelineCreated created) {
        Builder b = builder(pipelineName, created.pipelinePkId()).pipelineVersionPkId(created.pipelineVariantPkId());
        if (created.pipelineVariantVersion() != null) {
            b.pipelineVersion(created.pipelineVariantVersion());
        }
        return b;
    }

    /** The deploy id (pipeline name). */
    public String deployId() {
        return deployId;
    }

    /** The pipeline id. */
    public long pipelineId() {
        return pipelineId;
    }

    /** The JSON body of {@code pipelines/deploy}; absent options are left out. */
    Map<String, Object> toBody() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deploy_id", deployId);
        m.put("pipeline_id", pipelineId);
        if (pipelineVersionPkId != null) {
            m.put("pipeline_version_pk_id", pipelineVersionPkId);
        }
        if (pipelineVersion != null) {
            m.put("pipeline_version", pipelineVersion);
        }
        if (!models.isEmpty()) {
            m.put("models", models);
        }
        if (!modelIds.isEmpty()) {
            m.put("model_ids", modelIds);
        }
        if (!modelConfigs.isEmpty()) {
            m.put("model_configs", modelConfigs);
        }
        if (engineConfig != null) {
            m.put("engine_config", engineConfig);
        }
        return m;
    }

    @Override
    public String toString() {
        return "DeployRequest" + toBody();
    }

    /** Builds a {@link DeployRequest}. */
    public static final class Builder {
        private final String deployId;
        private final long pipelineId;
        private Long pipelineVersionPkId;
        private String pipelineVersion;
        private final List<Long> modelIds = new ArrayList<>();
        private final List<Long> modelConfigs = new ArrayList<>();
        private final List<ModelRef> models = new ArrayList<>();
        private Object engineConfig;

        private Builder(String deployId, long pipelineId) {
            this.deployId = deployId;
            this.pipelineId = pipelineId;
        }

        /** The pipeline version's integer id ({@code pipeline_variant_pk_id}). */
        public Builder pipelineVersionPkId(long id) {
            this.pipelineVersionPkId = id;
            return this;
        }

        /** The pipeline version's UUID. */
        public Builder pipelineVersion(String uuid) {
            Workspaces.requireText(uuid, "pipelineVersion");
            this.pipelineVersion = uuid;
            return this;
        }

        /** Model version ids of the pipeline's steps. */
        public Builder modelIds(long... ids) {
            for (long id : ids) {
                modelIds.add(id);
            }
            return this;
        }

        /** Model config ids of the pipeline's steps. */
        public Builder modelConfigs(long... ids) {
            for (long id : ids) {
                modelConfigs.add(id);
            }
            return this;
        }

        /** Model versions of the pipeline's steps by name/version/sha. */
        public Builder models(List<ModelRef> refs) {
            refs.forEach(r -> models.add(Objects.requireNonNull(r, "model ref")));
            return this;
        }

        /**
         * The engine config, e.g. {@code {"engine": {"resources": {"limits": {"cpu": 4.0, "memory":
         * "4Gi"}}}}}: a {@code Map}, a Jackson {@code JsonNode} or any Jackson-serialisable value.
         */
        public Builder engineConfig(Object engineConfig) {
            this.engineConfig = Objects.requireNonNull(engineConfig, "engineConfig");
            return this;
        }

        /** The request. */
        public DeployRequest build() {
            return new DeployRequest(this);
        }
    }
}
