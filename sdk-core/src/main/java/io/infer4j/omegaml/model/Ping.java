package io.infer4j.omegaml.model;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The answer to {@code GET /api/v1/ping}.
 *
 * @param serverTime the server-local time the server reported, as sent (ISO, no zone)
 */
public record Ping(String serverTime) {
    /** {@link #serverTime()} parsed, if it is an ISO date-time. */
    public Optional<LocalDateTime> serverDateTime() {
        return Timestamps.parse(serverTime);
    }
}
