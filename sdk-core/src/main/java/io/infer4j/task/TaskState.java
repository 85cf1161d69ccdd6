package io.infer4j.task;

import java.util.Objects;
import java.util.Optional;

/**
 * One observation of a task: its status and, once it succeeded, its result; once it failed, what
 * the server said.
 *
 * @param <T>        result type
 * @param status     the status
 * @param result     the result when {@code status} succeeded, else {@code null}
 * @param httpStatus HTTP status of the answer this state came from (0 if none)
 * @param detail     the server's failure description, or {@code null}
 */
public record TaskState<T>(TaskStatus status, T result, int httpStatus, String detail) {

    /** Validates the status. */
    public TaskState {
        Objects.requireNonNull(status, "status");
    }

    /** A non-terminal or failed state without result. */
    public static <T> TaskState<T> of(TaskStatus status) {
        return new TaskState<>(status, null, 0, null);
    }

    /** A succeeded state with its result. */
    public static <T> TaskState<T> succeeded(String statusWord, T result) {
        return new TaskState<>(TaskStatus.of(statusWord), result, 200, null);
    }

    /** The result, when succeeded. */
    public Optional<T> resultIfReady() {
        return Optional.ofNullable(result);
    }
}
