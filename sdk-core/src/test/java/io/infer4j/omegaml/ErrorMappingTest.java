package io.infer4j.omegaml;

import static io.infer4j.omegaml.OmegaServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.core.error.ServiceException;
import io.infer4j.core.error.UnexpectedStatusException;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.testsupport.FakeTime;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
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

    @Test
    void actionFailureExposesTheErrorId() {
        server.enqueue(json(400, "{\"message\": \"ValueError('require either \\\"data\\\" key in body, or ?datax=dataset')"
                + " [Error ID: 5f0c6d2e-8a1b-4c3d-9e7f-112233445566]\"}"));

        assertThatThrownBy(() -> omega.models().predict("m", ModelInput.json(Map.of())))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(OmegaErrors.errorId(e)).contains("5f0c6d2e-8a1b-4c3d-9e7f-112233445566");
                    assertThat(e.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("require either"));
                    assertThat(OmegaErrors.fieldErrors(e)).isEmpty();
                });
    }

    @Test
    void payloadValidationExposesFieldErrors() {
        server.enqueue(json(400, "{\"errors\": {\"append\": \"'true' is not of type 'boolean'\"},"
                + " \"message\": \"Input payload validation failed\"}"));

        assertThatThrownBy(() -> omega.request("PUT", "/api/v1/dataset/foo", Map.of(), Map.of("append", "true")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(OmegaErrors.fieldErrors(e)).containsExactly(Map.entry("append", "'true' is not of type 'boolean'"));
                    assertThat(e.getMessage()).contains("Input payload validation failed");
                    assertThat(OmegaErrors.errorId(e)).isEmpty();
                });
    }

    @Test
    void commercialErrorBodiesGiveTheirSentenceAsTheMessage() {
        server.enqueue(json(404, "{\"error_message\": \"model nope does not exist\"}"));
        server.enqueue(json(400, "{\"error\": \"Invalid limit '-1' provided. Please provide a positive integer.\"}"));

        assertThatThrownBy(() -> omega.models().metadata("nope")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.errorMessage()).contains("model nope does not exist");
            assertThat(e.getMessage()).endsWith(": model nope does not exist");
        });
        assertThatThrownBy(() -> omega.request("GET", "/api/v1/dataset/", Map.of("limit", "-1"), null))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.errorMessage()).contains("Invalid limit '-1' provided. Please provide a positive integer.");
                    assertThat(e.errorCode()).isEmpty();
                    assertThat(e.getMessage()).doesNotContain("[code=").endsWith("Please provide a positive integer.");
                });
    }

    @Test
    void notImplementedIsUnsupportedByServerWithTheAnswer() {
        server.enqueue(json(501, "{\"message\": \"orient 'tight' is not implemented\"}"));

        assertThatThrownBy(() -> omega.request("GET", "/api/v1/dataset/x", Map.of("orient", "tight"), null))
                .isInstanceOfSatisfying(io.infer4j.core.error.UnsupportedByServerException.class, e -> {
                    assertThat(e.status()).isEqualTo(501);
                    assertThat(e.errorMessage()).contains("orient 'tight' is not implemented");
                    assertThat(e.feature()).startsWith("GET ").contains("/api/v1/dataset/x");
                    assertThat(e.getMessage()).contains("HTTP 501").contains("not implemented");
                });
    }

    @Test
    void unsupportedFeatureCarriesTheAnswerThatShowedItOrNoStatusWithoutARequest() {
        server.enqueue(json(404, "{\"message\": \"not here\"}"));

        assertThatThrownBy(() -> omega.jobs().list(20, 0))
                .isInstanceOfSatisfying(io.infer4j.core.error.UnsupportedByServerException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
                    assertThat(e.getMessage()).contains("jobs.list is not offered by");
                });
        try (OmegaClient oss = OmegaServer.client(server, time, Edition.OPEN_SOURCE)) {
            assertThatThrownBy(() -> oss.jobs().list(20, 0))
                    .isInstanceOfSatisfying(io.infer4j.core.error.UnsupportedByServerException.class, e -> {
                        assertThat(e.status()).isZero();
                        assertThat(e.body()).isEmpty();
                        assertThat(e.getCause()).isNull();
                    });
        }
    }

    @Test
    void htmlNotFoundPageBecomesNotFoundWithItsTitle() {
        server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
                        + "<p>The requested URL was not found on the server.</p>\n").build());

        assertThatThrownBy(() -> omega.jobs().get("nb"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.errorMessage()).contains("404 Not Found"));
    }

    @Test
    void methodNotAllowedIsTyped() {
        server.enqueue(json(405, "{\"message\": \"The method is not allowed for the requested URL.\"}"));

        assertThatThrownBy(omega::ping).isInstanceOfSatisfying(UnexpectedStatusException.class,
                e -> assertThat(e.status()).isEqualTo(405));
    }

    @Test
    void bareNaNInASuccessBodyIsRead() {
        server.enqueue(json(200, "{\"model\": \"m\", \"result\": [NaN, Infinity, -Infinity, 1.0]}"));

        double[] v = omega.models().predict("m", ModelInput.datasets("x")).asDoubles();

        assertThat(v[0]).isNaN();
        assertThat(v[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(v[2]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(v[3]).isEqualTo(1.0);
    }

    @Test
    void listBodiedErrorsKeepTheBody() {
        server.enqueue(json(404, "[{\"message\": \"exception 404 raised\"}]"));

        assertThatThrownBy(() -> omega.request("POST", "/api/service/mymodel/predict", Map.of("many", "1"), null))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.body()).contains("exception 404 raised");
                });
    }
}
