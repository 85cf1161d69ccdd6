package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.WallarooTestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.RequestOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.error.ClientTimeoutException;
import io.infer4j.core.error.ServiceUnavailableException;
import io.infer4j.table.Column;
import io.infer4j.table.Table;
import io.infer4j.wallaroo.model.Deployment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code WallarooClient.withOptions}: what a view adds reaches every kind of call, and the parent keeps its own. */
class WallarooWithOptionsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    private final WallarooTestServer.FakeTime time = new WallarooTestServer.FakeTime();
    private WallarooClient client;

    @BeforeEach
    void setUp() {
        client = WallarooTestServer.client(server, time); // RetryPolicy.NONE
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static final String RUNNING = "{\"status\":\"Running\",\"details\":[],\"engines\":[]}";

    private InferenceTarget target() {
        return InferenceTarget.url(server.url("/v1/api/pipelines/infer/p-1/p").uri());
    }

    private static Table row() {
        return Table.of(Column.float64("x", 1.0));
    }

    private static MockResponse inferAnswer(long delayMillis) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("[{\"time\":1,\"out\":{\"y\":[1.0]}}]").headersDelay(delayMillis, TimeUnit.MILLISECONDS).build();
    }

    @Test
    void aViewsHeaderReachesMlopsCallsAndTaskPollsButNotTheParentsCalls() throws Exception {
        WallarooClient tagged = client.withOptions(o -> o.header("X-Team", "fraud"));

        server.enqueue(json(200, "{\"workspaces\":[]}"));
        tagged.workspaces().list();
        RecordedRequest viaView = server.takeRequest();
        assertThat(viaView.getHeaders().get("X-Team")).isEqualTo("fraud");
        assertThat(viaView.getHeaders().get("Authorization")).isEqualTo("Bearer " + WallarooTestServer.TOKEN);

        server.enqueue(json(200, "{\"workspaces\":[]}"));
        client.workspaces().list();
        RecordedRequest viaParent = server.takeRequest();
        assertThat(viaParent.getHeaders().get("X-Team")).isNull();
        assertThat(viaParent.getConnectionIndex()).as("the view shares the parent's connection pool")
                .isEqualTo(viaView.getConnectionIndex());

        // Deployment polls are task polls: each one carries the view's header.
        server.enqueue(json(200, "{\"status\":\"Starting\",\"details\":[],\"engines\":[]}"));
        server.enqueue(json(200, RUNNING));
        tagged.pipelines().waitUntilRunning(new Deployment("p", 7, 3), Duration.ofMinutes(1));
        assertThat(server.takeRequest().getHeaders().get("X-Team")).isEqualTo("fraud");
        assertThat(server.takeRequest().getHeaders().get("X-Team")).isEqualTo("fraud");
    }

    @Test
    void aViewsRetryPolicyRetriesWhereTheParentDoesNot() {
        WallarooClient patient = client.withOptions(RequestOptions.builder()
                .retryPolicy(RetryPolicy.builder().maxRetries(2).build()).build());

        server.enqueue(json(503, "{\"msg\":\"busy\",\"code\":503}"));
        server.enqueue(json(200, "{\"workspaces\":[]}"));
        assertThat(patient.workspaces().list()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(time.sleeps).hasSize(1);

        server.enqueue(json(503, "{\"msg\":\"busy\",\"code\":503}"));
        assertThatThrownBy(() -> client.workspaces().list()).isInstanceOf(ServiceUnavailableException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aViewsAttemptTimeoutLimitsMlopsCallsOnlyThroughTheView() {
        WallarooClient hasty = client.withOptions(o -> o.attemptTimeout(Duration.ofMillis(100)));

        server.enqueue(json(200, "{\"workspaces\":[]}").newBuilder().headersDelay(600, TimeUnit.MILLISECONDS).build());
        assertThatThrownBy(() -> hasty.workspaces().list()).isInstanceOfSatisfying(ClientTimeoutException.class,
                e -> assertThat(e.limit()).isEqualTo(Duration.ofMillis(100)));

        server.enqueue(json(200, "{\"workspaces\":[]}").newBuilder().headersDelay(600, TimeUnit.MILLISECONDS).build());
        assertThat(client.workspaces().list()).isEmpty();
    }

    @Test
    void inferenceTimeoutIsReplacedByTheViewsWhichIsReplacedByTheCallsOwn() {
        client.close();
        client = WallarooClient.builder().apiUrl(server.url("/").uri()).retryPolicy(RetryPolicy.NONE)
                .inferenceTimeout(Duration.ofMillis(100)).clock(time).sleeper(time).build();
        WallarooClient patient = client.withOptions(o -> o.attemptTimeout(Duration.ofSeconds(10)));

        server.enqueue(inferAnswer(500));
        assertThatThrownBy(() -> client.pipelines().infer(target(), row()))
                .isInstanceOf(ClientTimeoutException.class);

        server.enqueue(inferAnswer(500));
        assertThat(patient.pipelines().infer(target(), row()).rowCount()).isEqualTo(1);

        server.enqueue(inferAnswer(500));
        InferOptions hasty = InferOptions.builder().requestOptions(RequestOptions.attemptTimeout(Duration.ofMillis(100))).build();
        assertThatThrownBy(() -> patient.pipelines().infer(target(), InferenceInput.table(row()), hasty))
                .isInstanceOf(ClientTimeoutException.class);
    }

    @Test
    void aCallsOwnHeaderWinsOverTheViewsOfTheSameNameAndTheOthersAreKept() throws Exception {
        WallarooClient view = client.withOptions(o -> o.header("X-Team", "fraud").header("X-Source", "batch"));
        InferOptions own = InferOptions.builder()
                .requestOptions(RequestOptions.builder().header("x-team", "risk").build()).build();

        server.enqueue(inferAnswer(0));
        view.pipelines().infer(target(), InferenceInput.table(row()), own);

        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().values("X-Team")).containsExactly("risk");
        assertThat(r.getHeaders().get("X-Source")).isEqualTo("batch");
    }

    @Test
    void aViewOfAViewAddsToItAndInferenceAsyncCarriesTheOptionsToo() throws Exception {
        WallarooClient first = client.withOptions(o -> o.header("X-A", "1").header("X-B", "1"));
        WallarooClient second = first.withOptions(o -> o.header("X-B", "2"));
        assertThat(second.requestOptions().headers()).containsOnlyKeys("X-A", "X-B").containsEntry("X-B", "2");
        assertThat(first.requestOptions().headers()).containsEntry("X-B", "1");
        assertThat(client.requestOptions()).isSameAs(RequestOptions.NONE);

        server.enqueue(inferAnswer(0));
        second.pipelines().inferAsync(target(), row()).get(5, TimeUnit.SECONDS);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("X-A")).isEqualTo("1");
        assertThat(r.getHeaders().get("X-B")).isEqualTo("2");
    }

    @Test
    void closingAViewLeavesTheParentOpenAndClosingTheParentEndsItsViews() {
        WallarooClient view = client.withOptions(o -> o.header("X-Team", "fraud"));
        view.close();
        server.enqueue(json(200, "{\"workspaces\":[]}"));
        assertThat(client.workspaces().list()).isEmpty();
        server.enqueue(json(200, "{\"workspaces\":[]}"));
        assertThat(view.workspaces().list()).as("closing a view does nothing").isEmpty();

        client.close();
        assertThatThrownBy(() -> view.workspaces().list()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(view.pipelines().inferAsync(target(), row())).isCompletedExceptionally();
    }

    @Test
    void theViewsToStringShowsHeaderNamesNotValues() {
        WallarooClient view = client.withOptions(o -> o.header("X-Trace", "trace-value-123"));
        assertThat(view.toString()).contains("X-Trace").doesNotContain("trace-value-123");
    }
}
