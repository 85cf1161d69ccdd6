package io.infer4j.core.error;

import java.util.Optional;

/**
 * A server-side task (omega-ml async task, Wallaroo orchestration run, model conversion) reached a
 * failed or revoked state. Carries the task id, its final status, the HTTP status of the answer
 * that reported it (0 if none) and whatever the server said.
 */
public class TaskFailedException extends Infer4jException {
    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final String status;
    private final int httpStatus;
    private final String detail;

    /**
     * Creates the exception.
     *
     * @param taskId     the task id
     * @param status     the terminal status as the server spells it (e.g. {@code FAILURE}, {@code error})
     * @param httpStatus HTTP status of the response that reported the failure, or 0
     * @param detail     what the server said (error message, traceback summary), may be null
     */
    public TaskFailedException(String taskId, String status, int httpStatus, String detail) {
        super("Task " + taskId + " ended with status " + status
                + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + (detail != null ? ": " + detail : ""));
        this.taskId = taskId;
        this.status = status;
        this.httpStatus = httpStatus;
        this.detail = detail;
    }

    /** The task id. */
    public String taskId() {
        return taskId;
    }

    /** The terminal status, as the server spells it. */
    public String status() {
        return status;
    }

    /** HTTP status of the answer that reported the failure, or 0. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The server's description of the failure. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
