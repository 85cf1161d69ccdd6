package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.accepted;
import static io.infer4j.omegaml.OmegaServer.json;
import static io.infer4j.omegaml.OmegaServer.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.TaskFailedException;
import io.infer4j.core.error.WaitTimeoutException;
import io.infer4j.omegaml.model.JobInfo;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.omegaml.model.ScriptResult;
import io.infer4j.task.TaskHandle;
import io.infer4j.task.TaskStatus;
import io.infer4j.testsupport.FakeTime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncTasksTest {
    static final String TASK = "b552e887-9ced-4e87-a203-0a4183e4f461";
    static final String PENDING_MODEL = "{\"model\": \"regression\", \"result\": \"pending\", \"resource_uri\": \"/api/v1/model/regression/predict\"}";

    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();
    OmegaClient omega;

    @BeforeEach
    void setUp() {
        omega = OmegaServer.client(server, time, Edition.AUTO);
    }

    @AfterEach
    void tearDown() {
        omega.close();
    }

    private static String taskBody(String status, String response) {
        return "{\"task_id\": \"" + TASK + "\", \"status\": \"" + status + "\", \"response\": " + response + "}";
    }

    @Test
    void pendingThenStartedThenSuccessGivesTheTypedResult() throws Exception {
        server.enqueue(accepted(TASK, PENDING_MODEL));
        server.enqueue(json(200, taskBody("PENDING", "{\"model\": \"regression\", \"result\": null, \"resource_uri\": \"regression\"}")));
        server.enqueue(json(200, taskBody("STARTED", "null")));
        server.enqueue(json(200, taskBody("SUCCESS", "{\"model\": \"regression\", \"result\": [10.0], \"resource_uri\": \"regression\"}")));

        TaskHandle<ModelResult> task = omega.models().predictAsync("regression", ModelInput.datasets("foo"));
        ModelResult r = task.await(Duration.ofMinutes(1));

        assertThat(task.id()).isEqualTo(TASK);
        assertThat(r.asDoubles()).containsExactly(10.0);
        RecordedRequest start = server.takeRequest();
        assertThat(start.getMethod()).isEqualTo("PUT");
        assertThat(target(start)).isEqualTo("/api/v1/model/regression/predict?datax=foo&async=1");
        assertThat(start.getHeaders().get("async")).isEqualTo("true");
        for (int i = 0; i < 3; i++) {
            RecordedRequest poll = server.takeRequest();
            assertThat(poll.getMethod()).isEqualTo("GET");
            assertThat(poll.getUrl().encodedPath()).isEqualTo("/api/v1/task/" + TASK + "/result");
            assertThat(poll.getUrl().queryParameter("resource_uri")).isEqualTo("/api/v1/model/regression/predict");
            assertThat(poll.getHeaders().get("Authorization")).startsWith("ApiKey ");
        }
        // Two waits between three polls, never longer than the 10 s cap, growing from 250 ms ceilings.
        assertThat(time.sleeps()).hasSize(2);
        assertThat(time.sleeps().get(0)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
        assertThat(time.sleeps().get(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void failureWith400IsTaskFailedWithStatusAndBody() {
        server.enqueue(accepted(TASK, PENDING_MODEL));
        server.enqueue(json(400, taskBody("FAILURE", "null")));

        TaskHandle<ModelResult> task = omega.models().predictAsync("regression", ModelInput.datasets("foo"));

        assertThatThrownBy(() -> task.await(Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> {
                    assertThat(e.taskId()).isEqualTo(TASK);
                    assertThat(e.status()).isEqualTo("FAILURE");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.detail()).hasValueSatisfying(d -> assertThat(d).contains("\"FAILURE\""));
                });
    }

    @Test
    void revokedIsAFailureToo() {
        server.enqueue(accepted(TASK, PENDING_MODEL));
        server.enqueue(json(400, taskBody("REVOKED", "null")));

        assertThatThrownBy(() -> omega.models().fitAsync("m", ModelInput.datasets("x", "y")).await(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.status()).isEqualTo("REVOKED"));
    }

    @Test
    void a400WithoutTaskStatusIsTheServersErrorNotATaskFailure() {
        server.enqueue(accepted(TASK, PENDING_MODEL));
        server.enqueue(json(400, "{\"message\": \"KeyError('" + TASK + "')\"}"));

        assertThatThrownBy(() -> omega.models().predictAsync("m", ModelInput.datasets("x")).await(Duration.ofSeconds(5)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("KeyError");
    }

    @Test
    void deadlineExpiryThrowsWaitTimeoutWithTheLastStatus() {
        server.enqueue(accepted(TASK, PENDING_MODEL));
        for (int i = 0; i < 100; i++) {
            server.enqueue(json(200, taskBody("STARTED", "null")));
        }

        TaskHandle<ModelResult> task = omega.models().predictAsync("m", ModelInput.datasets("x"));

        assertThatThrownBy(() -> task.await(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(WaitTimeoutException.class, e -> {
                    assertThat(e.taskId()).isEqualTo(TASK);
                    assertThat(e.lastStatus()).isEqualTo("STARTED");
                });
        long waited = time.sleeps().stream().mapToLong(Duration::toMillis).sum();
        assertThat(waited).isEqualTo(30_000);
        assertThat(time.sleeps()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void aSynchronousAnswerCompletesTheHandleAtOnce() throws Exception {
        server.enqueue(json(200, "{\"model\": \"regression\", \"result\": [10.0], \"resource_uri\": \"regression\"}"));

        TaskHandle<ModelResult> task = omega.models().predictAsync("regression", ModelInput.datasets("foo"));

        assertThat(task.status().phase()).isEqualTo(TaskStatus.Phase.SUCCEEDED);
        assertThat(task.await(Duration.ZERO).asDoubles()).containsExactly(10.0);
        assertThat(task.toCompletableFuture().get(1, TimeUnit.SECONDS).asDoubles()).containsExactly(10.0);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void toCompletableFutureCompletesWithTheResult() throws Exception {
        server.enqueue(accepted(TASK, PENDING_MODEL));
        server.enqueue(json(200, taskBody("SUCCESS", "{\"model\": \"m\", \"result\": 0.5}")));

        ModelResult r = omega.models().scoreAsync("m", ModelInput.datasets("x", "y")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(r.asDouble()).isEqualTo(0.5);
    }

    @Test
    void aHandleCanBeRecreatedFromItsIdAfterARestart() throws Exception {
        server.enqueue(json(200, taskBody("SUCCESS", "{\"model\": \"m\", \"result\": [1]}")));

        ModelResult r = omega.tasks().model(TASK, "/api/v1/model/m/predict").await(Duration.ofSeconds(1));

        assertThat(r.asDoubles()).containsExactly(1.0);
        assertThat(target(server.takeRequest()))
                .isEqualTo("/api/v1/task/" + TASK + "/result?resource_uri=%2Fapi%2Fv1%2Fmodel%2Fm%2Fpredict");
        assertThatThrownBy(() -> omega.tasks().model(TASK, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelStopsPolling() {
        server.enqueue(accepted(TASK, PENDING_MODEL));
        TaskHandle<ModelResult> task = omega.models().predictAsync("m", ModelInput.datasets("x"));

        task.cancel();

        assertThatThrownBy(() -> task.await(Duration.ofMinutes(1))).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void statusEndpointReportsFailuresAsStatus() throws Exception {
        server.enqueue(json(200, "{\"task_id\": \"t1\", \"status\": \"STARTED\", \"response\": null}"));
        server.enqueue(json(400, "{\"task_id\": \"t1\", \"status\": \"FAILURE\", \"response\": null}"));

        assertThat(omega.tasks().status("t1").phase()).isEqualTo(TaskStatus.Phase.RUNNING);
        assertThat(omega.tasks().status("t1").phase()).isEqualTo(TaskStatus.Phase.FAILED);
        assertThat(target(server.takeRequest())).isEqualTo("/api/v1/task/t1/status");
    }

    @Test
    void jobsAndScriptsRunAsTasksToo() throws Exception {
        server.enqueue(accepted("j1", "{\"resource_uri\": \"/api/v1/job/nb/run\", \"job\": \"nb\"}"));
        server.enqueue(json(200, "{\"task_id\": \"j1\", \"status\": \"SUCCESS\", \"response\": {\"job\": \"nb.ipynb\","
                + " \"job_results\": [\"results/nb_1.ipynb\"], \"job_runs\": [{\"status\": \"OK\", \"ts\": \"2026-01-01T00:00:00\","
                + " \"message\": \"...\", \"results\": \"results/nb_1.ipynb\"}], \"created\": \"2026-01-01T00:00:00\"}}"));
        server.enqueue(accepted("s1", "{\"resource_uri\": \"/api/v1/script/hello/run\", \"script\": \"hello\", \"result\": \"pending\"}"));
        server.enqueue(json(200, "{\"task_id\": \"s1\", \"status\": \"SUCCESS\", \"response\": {\"script\": \"hello\", \"result\": [1]}}"));

        JobInfo job = omega.jobs().runAsync("nb").await(Duration.ofSeconds(5));
        ScriptResult script = omega.scripts().runAsync("hello", Map.of("a", 1)).await(Duration.ofSeconds(5));

        assertThat(job.name()).isEqualTo("nb.ipynb");
        assertThat(job.jobRuns()).singleElement().satisfies(run -> assertThat(run.ok()).isTrue());
        assertThat(script.result().get(0).asInt()).isEqualTo(1);
        RecordedRequest jobStart = server.takeRequest();
        assertThat(jobStart.getMethod()).isEqualTo("POST");
        assertThat(target(jobStart)).isEqualTo("/api/v1/job/nb/run?async=1");
        assertThat(server.takeRequest().getUrl().queryParameter("resource_uri")).isEqualTo("/api/v1/job/nb/run");
        RecordedRequest scriptStart = server.takeRequest();
        assertThat(target(scriptStart)).isEqualTo("/api/v1/script/hello/run?async=1");
        assertThat(OmegaServer.body(scriptStart).get("a").asInt()).isEqualTo(1);
    }
}
