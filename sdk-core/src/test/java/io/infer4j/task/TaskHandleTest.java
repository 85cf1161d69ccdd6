package io.infer4j.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.TaskFailedException;
import io.infer4j.core.error.WaitTimeoutException;
import io.infer4j.testsupport.FakeTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskHandleTest {
    final FakeTime time = new FakeTime();

    private TaskHandle<String> handle(Deque<TaskState<String>> states) {
        return TaskHandle.<String>builder("t-1", states::removeFirst).clock(time).sleeper(time)
                .executor(Runnable::run).build();
    }

    @Test
    void awaitPollsUntilSuccessWithGrowingJitteredWaits() {
        Deque<TaskState<String>> states = new ArrayDeque<>(List.of(TaskState.of(TaskStatus.of("PENDING")),
                TaskState.of(TaskStatus.of("STARTED")), TaskState.of(TaskStatus.of("RETRY")),
                TaskState.succeeded("SUCCESS", "done")));

        assertThat(handle(states).await(Duration.ofMinutes(1))).isEqualTo("done");
        assertThat(time.sleeps()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            long ceiling = 250L << i;
            assertThat(time.sleeps().get(i).toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void failedAndRevokedThrowWithStatusHttpStatusAndDetail() {
        Deque<TaskState<String>> failed = new ArrayDeque<>(List.of(new TaskState<>(TaskStatus.of("FAILURE"), null, 400, "{\"x\":1}")));
        Deque<TaskState<String>> revoked = new ArrayDeque<>(List.of(new TaskState<>(TaskStatus.of("REVOKED"), null, 400, null)));

        assertThatThrownBy(() -> handle(failed).await(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo("FAILURE");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.detail()).contains("{\"x\":1}");
                });
        assertThatThrownBy(() -> handle(revoked).await(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.status()).isEqualTo("REVOKED"));
    }

    @Test
    void deadlineAlwaysFiresAndTheLastWaitIsCutToIt() {
        TaskHandle<String> h = TaskHandle.<String>builder("t-2", () -> TaskState.of(TaskStatus.of("STARTED")))
                .clock(time).sleeper(time).pollInterval(Duration.ofSeconds(4), Duration.ofSeconds(4)).build();

        assertThatThrownBy(() -> h.await(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(WaitTimeoutException.class, e -> assertThat(e.lastStatus()).isEqualTo("STARTED"));
        assertThat(time.sleeps().stream().mapToLong(Duration::toMillis).sum()).isEqualTo(5000);
    }

    @Test
    void unknownStatusesKeepPolling() {
        Deque<TaskState<String>> states = new ArrayDeque<>(List.of(TaskState.of(TaskStatus.of("WEIRD")),
                TaskState.succeeded("ready", "ok")));

        assertThat(TaskStatus.of("WEIRD").phase()).isEqualTo(TaskStatus.Phase.UNKNOWN);
        assertThat(handle(states).await(Duration.ofSeconds(10))).isEqualTo("ok");
    }

    @Test
    void cancelStopsAwaitAndTheFuture() {
        TaskHandle<String> h = handle(new ArrayDeque<>(List.of(TaskState.of(TaskStatus.of("PENDING")))));
        h.cancel();

        assertThat(h.isCancelled()).isTrue();
        assertThatThrownBy(() -> h.await(Duration.ofSeconds(1))).isInstanceOf(CancellationException.class);
        // A future completed with a CancellationException rethrows it as is from get().
        assertThatThrownBy(() -> h.toCompletableFuture().get(1, TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void futureCarriesTheResultOrTheFailure() throws Exception {
        Deque<TaskState<String>> ok = new ArrayDeque<>(List.of(TaskState.succeeded("SUCCESS", "r")));
        Deque<TaskState<String>> bad = new ArrayDeque<>(List.of(new TaskState<>(TaskStatus.of("FAILURE"), null, 400, null)));

        assertThat(handle(ok).toCompletableFuture().get(1, TimeUnit.SECONDS)).isEqualTo("r");
        assertThatThrownBy(() -> handle(bad).toCompletableFuture().get(1, TimeUnit.SECONDS))
                .hasCauseInstanceOf(TaskFailedException.class);
    }

    @Test
    void completedHandleNeedsNoPollingNorExecutor() throws Exception {
        TaskHandle<String> h = TaskHandle.completed("sync", "SUCCESS", "now");

        assertThat(h.status().isTerminal()).isTrue();
        assertThat(h.await(Duration.ZERO)).isEqualTo("now");
        assertThat(h.toCompletableFuture().get(1, TimeUnit.SECONDS)).isEqualTo("now");
    }

    @Test
    void pollingHandleWithoutExecutorRefusesFutures() {
        TaskHandle<String> h = TaskHandle.<String>builder("t-3", () -> TaskState.of(TaskStatus.of("PENDING"))).build();

        assertThatThrownBy(h::toCompletableFuture).isInstanceOf(IllegalStateException.class).hasMessageContaining("executor");
        assertThatThrownBy(() -> TaskHandle.<String>builder("t", () -> null).pollInterval(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
