package io.infer4j.core.error;

import java.time.Duration;

/**
 * Waiting for a task or deployment to reach a terminal state took longer than the caller's
 * deadline. The task itself may still be running on the server; the last status seen is kept.
 */
public class WaitTimeoutException extends Infer4jException {
    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final String lastStatus;
    private final transient Duration deadline;

    /**
     * Creates the exception.
     *
     * @param taskId     what was waited for (task id, pipeline name, model version)
     * @param lastStatus the last status observed
     * @param deadline   the deadline that passed
     */
    public WaitTimeoutException(String taskId, String lastStatus, Duration deadline) {
        super("Gave up waiting for " + taskId + " after " + deadline + "; last status: " + lastStatus);
        this.taskId = taskId;
        this.lastStatus = lastStatus;
        this.deadline = deadline;
    }

    /** What was waited for. */
    public String taskId() {
        return taskId;
    }

    /** The last status observed before the deadline. */
    public String lastStatus() {
        return lastStatus;
    }

    /** The deadline that passed. */
    public Duration deadline() {
        return deadline;
    }
}
