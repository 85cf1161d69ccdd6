package io.infer4j.task;

import java.util.Locale;
import java.util.Objects;

/**
 * A task's status as the server spells it, plus its normalised {@link Phase}. Open: an unknown
 * status string from a newer server is kept verbatim with phase {@link Phase#UNKNOWN} (treated
 * as still running) instead of failing.
 *
 * @param value the status string the server sent
 * @param phase what it means
 */
public record TaskStatus(String value, Phase phase) {

    /** The normalised meaning of a status. */
    public enum Phase {
        /** Accepted, not yet running. */
        PENDING,
        /** Running. */
        RUNNING,
        /** Finished successfully; the result is available. */
        SUCCEEDED,
        /** Finished with an error. */
        FAILED,
        /** Revoked, killed or cancelled. */
        CANCELLED,
        /** A status this SDK version does not know; treated as not finished. */
        UNKNOWN;

        /** Whether no further change will happen. */
        public boolean isTerminal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /** Validates the fields. */
    public TaskStatus {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(phase, "phase");
    }

    /**
     * Maps the status words used by omega-ml (Celery: PENDING, RECEIVED, STARTED, RETRY, SUCCESS,
     * FAILURE, REVOKED) and Wallaroo (pending, started, running, success, ready, failure, error,
     * killed, ...) to a phase, case-insensitively.
     */
    public static TaskStatus of(String value) {
        String v = value == null ? "" : value.trim();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "pending": case "received": case "queued": case "scheduled": case "pending_packaging":
            case "packaging": case "created": case "submitted":
                return new TaskStatus(v, Phase.PENDING);
            case "started": case "running": case "retry": case "starting": case "progress": case "converting":
            case "uploading": case "attempting_load_native": case "pending_load_native": case "pending_conversion":
                return new TaskStatus(v, Phase.RUNNING);
            case "success": case "succeeded": case "ready": case "done": case "completed": case "complete":
                return new TaskStatus(v, Phase.SUCCEEDED);
            case "failure": case "failed": case "error": case "errored":
                return new TaskStatus(v, Phase.FAILED);
            case "revoked": case "killed": case "cancelled": case "canceled": case "aborted":
                return new TaskStatus(v, Phase.CANCELLED);
            default:
                return new TaskStatus(v, Phase.UNKNOWN);
        }
    }

    /** Whether no further change will happen. */
    public boolean isTerminal() {
        return phase.isTerminal();
    }

    @Override
    public String toString() {
        return value;
    }
}
