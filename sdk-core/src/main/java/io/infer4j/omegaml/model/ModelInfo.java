package io.infer4j.omegaml.model;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A stored model's metadata, from {@code GET /api/v1/model/{name}/} (open-source) or the
 * commercial {@code POST /api/v1/model/} answer. Absent fields are {@code null}.
 *
 * @param name     model name
 * @param kind     storage kind, e.g. {@code sklearn.joblib}
 * @param bucket   bucket, e.g. {@code store}
 * @param created  creation time as the server sent it
 * @param modified last modification time as the server sent it
 */
public record ModelInfo(String name, String kind, String bucket, String created, String modified) {
    /** {@link #created()} parsed (ISO or space-separated). */
    public Optional<LocalDateTime> createdTime() {
        return Timestamps.parse(created);
    }

    /** {@link #modified()} parsed (ISO or space-separated). */
    public Optional<LocalDateTime> modifiedTime() {
        return Timestamps.parse(modified);
    }
}
