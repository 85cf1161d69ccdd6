package io.infer4j.task;

import io.infer4j.core.Sleeper;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.core.error.TaskFailedException;
import io.infer4j.core.error.TransportException;
import io.infer4j.core.error.WaitTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A handle on work that finishes later on the server: an omega-ml async task, a Wallaroo
 * orchestration run, a model conversion. The same type serves every platform.
 *
 * <ul>
 *   <li>{@link #status()} asks the server once;</li>
 *   <li>{@link #await(Duration)} polls with exponential backoff and jitter until the task
 *       succeeds (returns the result), fails or is revoked ({@link TaskFailedException}), or the
 *       deadline passes ({@link WaitTimeoutException}, which always fires on time);</li>
 *   <li>{@link #toCompletableFuture()} waits on the client's executor;</li>
 *   <li>{@link #cancel()} stops local polling (it does not kill the server-side task; the
 *       platform clients offer {@code kill} where the server supports it).</li>
 * </ul>
 *
 * <p>Handles are cheap and thread-safe. Re-create one from {@link #id()} after a restart with the
 * platform client's {@code tasks().handle(id)}.
 *
 * @param <T> the result type
 */
public final class TaskHandle<T> {

    /** Asks the server for the task's current state; may throw any {@link Infer4jException}. */
    @FunctionalInterface
    public interface Poller<T> {
        /** One poll. */
        TaskState<T> poll();
    }

    private final String id;
    private final Poller<T> poller;
    private final TaskState<T> completed;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Executor executor;
    private final Duration initialInterval;
    private final Duration maxInterval;
    private volatile boolean cancelled;

    private TaskHandle(Builder<T> b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.poller = b.poller;
        this.completed = b.completed;
        this.clock = Objects.requireNonNullElse(b.clock, Clock.systemUTC());
        this.sleeper = Objects.requireNonNullElse(b.sleeper, Sleeper.SYSTEM);
        this.executor = b.executor;
        this.initialInterval = b.initialInterval;
        this.maxInterval = b.maxInterval;
        if (poller == null && completed == null) {
            throw new IllegalArgumentException("a task handle needs a poller or a completed state");
        }
    }

    /** Starts a polling handle for task {@code id}. */
    public static <T> Builder<T> builder(String id, Poller<T> poller) {
        Builder<T> b = new Builder<>(id);
        b.poller = Objects.requireNonNull(poller, "poller");
        return b;
    }

    /** A handle that is already complete, for servers that answered an async request synchronously. */
    public static <T> TaskHandle<T> completed(String id, String statusWord, T result) {
        Builder<T> b = new Builder<>(id);
        b.completed = TaskState.succeeded(statusWord, result);
        return b.build();
    }

    /** The server's task id. */
    public String id() {
        return id;
    }

    /** Asks the server once for the current state. */
    public TaskState<T> state() {
        return completed != null ? completed : poller.poll();
    }

    /** Asks the server once for the current status. */
    public TaskStatus status() {
        return state().status();
    }

    /**
     * Polls until the task finishes or {@code timeout} passes.
     *
     * @return the result of a successful task
     * @throws TaskFailedException   the task failed or was revoked
     * @throws WaitTimeoutException  {@code timeout} passed first
     * @throws CancellationException {@link #cancel()} was called
     */
    public T await(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long start = clock.millis();
        long deadline = start + Math.max(0, timeout.toMillis());
        TaskStatus last = null;
        for (int poll = 0; ; poll++) {
            if (cancelled) {
                throw new CancellationException("waiting for task " + id + " was cancelled");
            }
            TaskState<T> s = state();
            last = s.status();
            switch (s.status().phase()) {
                case SUCCEEDED:
                    return s.result();
                case FAILED:
                case CANCELLED:
                    throw new TaskFailedException(id, s.status().value(), s.httpStatus(), s.detail());
                default:
                    break;
            }
            long now = clock.millis();
            if (now >= deadline) {
                throw new WaitTimeoutException(id, last.value(), timeout);
            }
            long ceiling = Math.min(maxInterval.toMillis(), initialInterval.toMillis() << Math.min(poll, 20));
            // Equal jitter: never below half the interval, so polls stay spread but not hammering.
            long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
            try {
                sleeper.sleep(Duration.ofMillis(Math.max(1, Math.min(delay, deadline - now))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while waiting for task " + id, true, e);
            }
        }
    }

    /** Waits on the configured executor; cancelling the future stops polling. */
    public CompletableFuture<T> toCompletableFuture(Duration timeout) {
        if (completed != null) {
            // Nothing to wait for (the server answered at once): no executor needed.
            return CompletableFuture.completedFuture(completed.result());
        }
        if (executor == null) {
            throw new IllegalStateException("this task handle has no executor; use await()");
        }
        CompletableFuture<T> f = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                TaskHandle.this.cancel();
                return super.cancel(mayInterruptIfRunning);
            }
        };
        executor.execute(() -> {
            try {
                f.complete(await(timeout));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** {@link #toCompletableFuture(Duration)} with a one-hour limit. */
    public CompletableFuture<T> toCompletableFuture() {
        return toCompletableFuture(Duration.ofHours(1));
    }

    /** Stops local polling; a running {@link #await} throws {@link CancellationException}. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "TaskHandle[" + id + (completed != null ? ", completed" : "") + (cancelled ? ", cancelled" : "") + "]";
    }

    /**
     * Builds a polling {@link TaskHandle}.
     *
     * @param <T> the result type
     */
    public static final class Builder<T> {
        private final String id;
        private Poller<T> poller;
        private TaskState<T> completed;
        private Clock clock;
        private Sleeper sleeper;
        private Executor executor;
        private Duration initialInterval = Duration.ofMillis(250);
        private Duration maxInterval = Duration.ofSeconds(10);

        private Builder(String id) {
            this.id = id;
        }

        /** Clock for the deadline (tests pass a fake one). */
        public Builder<T> clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How the waits between polls are performed (tests pass a recording one). */
        public Builder<T> sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Executor for {@link TaskHandle#toCompletableFuture()}. */
        public Builder<T> executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** First poll interval ceiling (default 250 ms) and the cap it doubles up to (default 10 s). */
        public Builder<T> pollInterval(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
            }
            this.initialInterval = initial;
            this.maxInterval = max;
            return this;
        }

        /** The handle. */
        public TaskHandle<T> build() {
            return new TaskHandle<>(this);
        }
    }
}
