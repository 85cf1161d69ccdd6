package io.infer4j.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses the {@code Retry-After} header: delta-seconds or an HTTP-date (RFC 9110). */
public final class RetryAfter {
    private RetryAfter() {
    }

    public static Optional<Duration> parse(Map<String, List<String>> headers, Instant now) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(e.getKey()) && !e.getValue().isEmpty()) {
                return parse(e.getValue().get(0), now);
            }
        }
        return Optional.empty();
    }

    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
