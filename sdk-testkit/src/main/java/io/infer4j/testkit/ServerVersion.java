package io.infer4j.testkit;

/**
 * Which Wallaroo release the {@link LocalPlatform} imitates where recorded response shapes differ.
 */
public enum ServerVersion {
    /**
     * Wallaroo 2022.x (recordings {@code mlops/2022-09}): {@code models/list} with nested
     * {@code models}, {@code models/upload}, deployment status with {@code details: null} and no
     * sidekicks, external URLs without the trailing pipeline name, inference answering the legacy
     * InferenceResult, and pandas-records answers carrying {@code check_failures}.
     */
    LEGACY_2022,
    /**
     * Current Wallaroo (2024-2026 recordings): {@code models/list} with {@code model} /
     * {@code model_versions} / {@code workspace}, {@code upload_and_convert} (202),
     * {@code get_version_by_id}, external URLs {@code .../infer/{name}-{id}/{name}}, and pandas-records
     * answers with {@code anomaly} and full {@code metadata}.
     */
    CURRENT
}
