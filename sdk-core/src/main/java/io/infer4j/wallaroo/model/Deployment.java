package io.infer4j.wallaroo.model;

import java.util.Objects;

/**
 * A pipeline deployment as returned by {@code pipelines/deploy}: the deploy id (the pipeline name)
 * and the deployment id the server assigned. {@link #name()} is what {@code status/get_deployment}
 * wants and what inference URLs embed.
 *
 * @param deployId   the deploy id (the pipeline name)
 * @param id         the deployment id
 * @param pipelineId the pipeline id (needed to undeploy), or 0 if unknown
 */
public record Deployment(String deployId, long id, long pipelineId) {
    /** Validates the deploy id. */
    public Deployment {
        Objects.requireNonNull(deployId, "deployId");
    }

    /** {@code <deployId>-<id>}, e.g. {@code ccfraud-pipeline-14}. */
    public String name() {
        return deployId + "-" + id;
    }
}
