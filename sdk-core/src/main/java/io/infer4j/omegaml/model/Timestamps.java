package io.infer4j.omegaml.model;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The timestamp parsing behind the records' {@code ...Time()} accessors. It lives beside the
 * records, not in {@code omegaml.internal}: the internal decoders build these values, so the
 * values must not call back into them.
 */
final class Timestamps {
    private Timestamps() {
    }

    /**
     * Parses omega-ml timestamps: ISO ({@code 2016-02-06T21:44:59.290000}) and the space-separated
     * form the commercial model create answers with ({@code 2016-01-16 22:05:06.192000}).
     */
    static Optional<LocalDateTime> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            String iso = text.trim().replace(' ', 'T');
            int plus = Math.max(iso.indexOf('+', 10), iso.lastIndexOf('Z'));
            return Optional.of(LocalDateTime.parse(plus > 0 ? iso.substring(0, plus) : iso));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
