package io.infer4j.omegaml.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The answer to {@code POST /api/v1/script/{name}/run}.
 *
 * @param script      the script name
 * @param result      whatever the script returned (any JSON)
 * @param runtimes    run time in seconds, or {@code null}
 * @param started     start time as the server sent it
 * @param ended       end time as the server sent it
 * @param resourceUri the resource URI the server echoed, or {@code null}
 */
public record ScriptResult(String script, JsonNode result, Double runtimes, String started, String ended,
                           String resourceUri) {
    /** {@link #started()} parsed. */
    public Optional<LocalDateTime> startedTime() {
        return Timestamps.parse(started);
    }

    /** {@link #ended()} parsed. */
    public Optional<LocalDateTime> endedTime() {
        return Timestamps.parse(ended);
    }
}
