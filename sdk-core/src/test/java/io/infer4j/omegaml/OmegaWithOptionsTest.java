package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.accepted;
import static io.infer4j.omegaml.OmegaServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.RequestOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.error.ClientTimeoutException;
import io.infer4j.core.error.ServiceUnavailableException;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.task.TaskHandle;
import io.infer4j.testsupport.FakeTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code OmegaClient.withOptions}: what a view adds reaches datasets, models, task polls and raw requests; the parent keeps its own. */
class OmegaWithOptionsTest {
    static final String TASK = "t-42";

    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();
    OmegaClient omega;

    @BeforeEach
    void setUp() {
        omega = OmegaServer.client(server, time, Edition.AUTO); // RetryPolicy.NONE
    }

    @AfterEach
    void tearDown() {
        omega.close();
    }

    private static String taskBody(String status, String response) {
        return "{\"task_id\": \"" + TASK + "\", \"status\": \"" + status + "\", \"response\": " + response + "}";
    }

    @Test
    void aViewsHeaderReachesDatasetCallsAndRawRequestsButNotTheParents() throws Exception {
        OmegaClient tagged = omega.withOptions(o -> o.header("X-Trace", "abc"));

        server.enqueue(json(200, "{}"));
        tagged.datasets().delete("d");
        RecordedRequest viaView = server.takeRequest();
        assertThat(viaView.getMethod()).isEqualTo("DELETE");
        assertThat(viaView.getHeaders().get("X-Trace")).isEqualTo("abc");
        assertThat(viaView.getHeaders().get("Authorization")).startsWith("ApiKey ");
        assertThat(viaView.getHeaders().get("Qualifier")).isEqualTo("prod");

        server.enqueue(json(200, "{\"ok\": true}"));
        tagged.request("GET", "/api/v1/config/", java.util.Map.of(), null);
        assertThat(server.takeRequest().getHeaders().get("X-Trace")).isEqualTo("abc");

        server.enqueue(json(200, "{}"));
        omega.datasets().delete("d");
        RecordedRequest viaParent = server.takeRequest();
        assertThat(viaParent.getHeaders().get("X-Trace")).isNull();
        assertThat(viaParent.getConnectionIndex()).as("same connection pool").isEqualTo(viaView.getConnectionIndex());
    }

    @Test
    void theStartOfAnAsyncTaskAndEveryPollCarryTheViewsHeader() throws Exception {
        OmegaClient tagged = omega.withOptions(RequestOptions.builder().header("X-Trace", "abc").build());
        server.enqueue(accepted(TASK, "{\"model\": \"m\", \"result\": \"pending\", \"resource_uri\": \"/api/v1/model/m/predict\"}"));
        server.enqueue(json(200, taskBody("PENDING", "null")));
        server.enqueue(json(200, taskBody("SUCCESS", "{\"model\": \"m\", \"result\": [10.0], \"resource_uri\": \"m\"}")));

        TaskHandle<ModelResult> task = tagged.models().predictAsync("m", ModelInput.datasets("x"));
        assertThat(task.await(Duration.ofMinutes(1)).asDoubles()).containsExactly(10.0);

        for (int i = 0; i < 3; i++) {
            assertThat(server.takeRequest().getHeaders().get("X-Trace")).as("request %d", i).isEqualTo("abc");
        }

        // A handle re-created from the id on the parent polls without it.
        server.enqueue(json(200, taskBody("SUCCESS", "{\"model\": \"m\", \"result\": [10.0], \"resource_uri\": \"m\"}")));
        omega.tasks().model(TASK, "/api/v1/model/m/predict").status();
        assertThat(server.takeRequest().getHeaders().get("X-Trace")).isNull();
    }

    @Test
    void aViewsRetryPolicyAndAttemptTimeoutApplyOnlyThroughTheView() {
        OmegaClient patient = omega.withOptions(o -> o.retryPolicy(RetryPolicy.builder().maxRetries(1).build()));
        server.enqueue(json(503, "{\"message\": \"busy\"}"));
        server.enqueue(json(200, "{\"ping\": \"ok\"}"));
        assertThat(patient.ping().serverTime()).isEqualTo("ok");
        assertThat(server.getRequestCount()).isEqualTo(2);

        server.enqueue(json(503, "{\"message\": \"busy\"}"));
        assertThatThrownBy(omega::ping).isInstanceOf(ServiceUnavailableException.class);

        OmegaClient hasty = omega.withOptions(o -> o.attemptTimeout(Duration.ofMillis(100)));
        server.enqueue(json(200, "{\"ping\": \"ok\"}").newBuilder().headersDelay(600, TimeUnit.MILLISECONDS).build());
        assertThatThrownBy(hasty::ping).isInstanceOf(ClientTimeoutException.class);
        server.enqueue(json(200, "{\"ping\": \"ok\"}").newBuilder().headersDelay(600, TimeUnit.MILLISECONDS).build());
        assertThat(omega.ping().serverTime()).isEqualTo("ok");
    }

    @Test
    void closingAViewLeavesTheParentOpenAndClosingTheParentEndsItsViews() {
        OmegaClient view = omega.withOptions(o -> o.header("X-Trace", "abc"));
        assertThat(view.edition()).isEqualTo(omega.edition());
        view.close();
        server.enqueue(json(200, "{\"ping\": \"ok\"}"));
        assertThat(omega.ping().serverTime()).isEqualTo("ok");

        omega.close();
        assertThatThrownBy(view::ping).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
