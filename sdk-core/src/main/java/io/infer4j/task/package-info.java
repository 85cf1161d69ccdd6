/**
 * Long-running server-side work as one handle type for every platform:
 * {@link io.infer4j.task.TaskHandle} (poll, await with deadline, future, cancel, resume by id),
 * {@link io.infer4j.task.TaskStatus} and {@link io.infer4j.task.TaskState}.
 */
package io.infer4j.task;
