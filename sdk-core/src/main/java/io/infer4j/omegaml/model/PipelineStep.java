package io.infer4j.omegaml.model;

import java.util.Map;
import java.util.Objects;

/**
 * One step of a model pipeline for the commercial {@code POST /api/v1/model/}: an estimator name
 * and its keyword arguments, sent as {@code ["LinearRegression", {}]}.
 *
 * @param estimator estimator class name, e.g. {@code LinearRegression}
 * @param params    keyword arguments (JSON-serialisable values); copied
 */
public record PipelineStep(String estimator, Map<String, Object> params) {
    /** Validates and copies. */
    public PipelineStep {
        if (estimator == null || estimator.isBlank()) {
            throw new IllegalArgumentException("estimator must not be blank");
        }
        params = Map.copyOf(Objects.requireNonNullElse(params, Map.of()));
    }

    /** A step without parameters. */
    public static PipelineStep of(String estimator) {
        return new PipelineStep(estimator, Map.of());
    }

    /** A step with parameters. */
    public static PipelineStep of(String estimator, Map<String, Object> params) {
        return new PipelineStep(estimator, params);
    }
}
