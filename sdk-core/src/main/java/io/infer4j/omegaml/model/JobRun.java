package io.infer4j.omegaml.model;

import java.util.Optional;

/**
 * One run of a job (notebook). The open-source server sends {@code {"status", "ts", "message",
 * "results"}}; the commercial guide shows {@code {"<epoch>": "OK"}} (then only {@code ts} and
 * {@code status} are known).
 *
 * @param status  {@code OK} or {@code ERROR}
 * @param ts      when it ran, as the server sent it
 * @param message start and end of the output, or {@code null}
 * @param results the result notebook's name, or {@code null}
 */
public record JobRun(String status, String ts, String message, String results) {
    /** Whether the run succeeded. */
    public boolean ok() {
        return "OK".equalsIgnoreCase(status);
    }

    /** The result notebook's name, if known. */
    public Optional<String> resultName() {
        return Optional.ofNullable(results);
    }
}
