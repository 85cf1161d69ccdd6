package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.json;
import static io.infer4j.omegaml.OmegaServer.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.UnsupportedByServerException;
import io.infer4j.omegaml.model.JobInfo;
import io.infer4j.omegaml.model.JobRun;
import io.infer4j.omegaml.model.ScriptResult;
import io.infer4j.testsupport.FakeTime;
import java.time.LocalDateTime;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class JobsScriptsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();

    @Test
    void openSourceJobMetadataRunAndResults() throws Exception {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            server.enqueue(json(200, "{\"resource_uri\": null, \"job\": \"nb.ipynb\", \"source_job\": null, \"job_results\": {},"
                    + " \"job_runs\": [], \"created\": \"2026-01-01T10:00:00\"}"));
            server.enqueue(json(200, "{\"job\": \"nb.ipynb\", \"job_results\": [\"results/nb_2026-01-01 10:00:00.ipynb\"],"
                    + " \"job_runs\": [{\"status\": \"ERROR\", \"ts\": \"2026-01-01T10:00:00\", \"message\": \"boom\","
                    + " \"results\": \"results/nb_2026-01-01 10:00:00.ipynb\"}], \"created\": \"2026-01-01T10:00:00\"}"));
            server.enqueue(json(200, "{\"job\": \"results/nb_2026-01-01 10:00:00.ipynb\", \"source_job\": \"nb\", \"job_results\": {}, \"job_runs\": []}"));

            JobInfo before = omega.jobs().get("nb");
            JobInfo after = omega.jobs().run("nb");
            JobInfo result = omega.jobs().results(after.jobResults().get(0));

            assertThat(before.jobResults()).isEmpty();
            assertThat(before.createdTime()).contains(LocalDateTime.of(2026, 1, 1, 10, 0));
            assertThat(after.jobRuns()).containsExactly(new JobRun("ERROR", "2026-01-01T10:00:00", "boom",
                    "results/nb_2026-01-01 10:00:00.ipynb"));
            assertThat(after.jobRuns().get(0).ok()).isFalse();
            assertThat(result.sourceJob()).isEqualTo("nb");
            assertThat(target(server.takeRequest())).isEqualTo("/api/v1/job/nb/");
            RecordedRequest run = server.takeRequest();
            assertThat(run.getMethod()).isEqualTo("POST");
            assertThat(target(run)).isEqualTo("/api/v1/job/nb/run");
            assertThat(run.getBody().utf8()).isEqualTo("{}");
            assertThat(server.takeRequest().getUrl().encodedPath())
                    .isEqualTo("/api/v1/job/results/nb_2026-01-01%2010:00:00.ipynb/");
        }
    }

    @Test
    void jobListAndExportAreCommercialOnly() throws Exception {
        try (OmegaClient oss = OmegaServer.client(server, time, Edition.OPEN_SOURCE)) {
            assertThatThrownBy(() -> oss.jobs().list(20, 0)).isInstanceOf(UnsupportedByServerException.class);
            assertThatThrownBy(() -> oss.jobs().export("x.ipynb")).isInstanceOf(UnsupportedByServerException.class);
            assertThat(server.getRequestCount()).isZero();
        }
        try (OmegaClient auto = OmegaServer.client(server, time, Edition.AUTO)) {
            // What the open-source server really answers for GET /api/v1/job/.
            server.enqueue(json(400, "{\"message\": \"AttributeError(\\\"'GenericJobResource' object has no attribute 'list'\\\")"
                    + " [Error ID: 8d1f0a3e-0c1b-4a51-9a55-0d6c1e2f3a4b]\"}"));
            assertThatThrownBy(() -> auto.jobs().list(20, 0))
                    .isInstanceOf(UnsupportedByServerException.class).hasCauseInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void badPagingArgumentsAreRefused() {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.COMMERCIAL)) {
            assertThatThrownBy(() -> omega.jobs().list(0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> omega.datasets().list(20, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void scriptRunSendsPayloadAndKeywordArguments() throws Exception {
        try (OmegaClient omega = OmegaServer.client(server, time, Edition.AUTO)) {
            server.enqueue(json(200, "{\"resource_uri\": null, \"script\": \"helloworld\", \"result\": [\"hello\", {\"text\": \"foo\"}],"
                    + " \"runtimes\": 0.25, \"started\": \"2026-01-01T10:00:00\", \"ended\": \"2026-01-01T10:00:00.250000\"}"));

            ScriptResult r = omega.scripts().run("helloworld", Map.of("foo", "bar"), Map.of("text", "foo"));

            RecordedRequest req = server.takeRequest();
            assertThat(req.getMethod()).isEqualTo("POST");
            assertThat(target(req)).isEqualTo("/api/v1/script/helloworld/run?text=foo");
            assertThat(OmegaServer.body(req)).isEqualTo(OmegaServer.tree("{\"foo\": \"bar\"}"));
            assertThat(r.script()).isEqualTo("helloworld");
            assertThat(r.runtimes()).isEqualTo(0.25);
            assertThat(r.result().get(1).get("text").asText()).isEqualTo("foo");
            assertThat(r.endedTime()).contains(LocalDateTime.of(2026, 1, 1, 10, 0, 0, 250_000_000));
        }
    }
}
