package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A model version as pipeline steps and {@code pipelines/deploy} name it: {@code {name, version, sha}}.
 *
 * @param name    model name
 * @param version model version UUID
 * @param sha     file SHA-256
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelRef(String name, String version, String sha) {
    /** Validates the fields. */
    public ModelRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha, "sha");
    }
}
