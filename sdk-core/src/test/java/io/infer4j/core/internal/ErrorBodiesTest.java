package io.infer4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.ConflictException;
import io.infer4j.core.error.InternalServerException;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.core.error.PermissionDeniedException;
import io.infer4j.core.error.ServiceException;
import io.infer4j.core.error.ServiceUnavailableException;
import io.infer4j.core.error.UnexpectedStatusException;
import io.infer4j.core.error.UnprocessableEntityException;
import java.util.stream.Stream;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorBodiesTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                // Wallaroo MLOps
                Arguments.of("{\"msg\":\"Model with id 99 not found\",\"code\":400}", "400", "Model with id 99 not found", null),
                // Wallaroo inference
                Arguments.of("{\"code\":400,\"status\":\"Error\",\"error\":\"Inference failed: bad shape\",\"source\":\"engine\"}",
                        "400", "Inference failed: bad shape", "engine"),
                // omega-ml
                Arguments.of("{\"message\":\"dataset xyz does not exist [Error ID: 4f3c]\"}", null,
                        "dataset xyz does not exist [Error ID: 4f3c]", null),
                Arguments.of("{\"errors\":{\"columns\":\"Missing required parameter\"},\"message\":\"Input payload validation failed\"}",
                        null, "Input payload validation failed: {\"columns\":\"Missing required parameter\"}", null),
                // omega-ml commercial edition (tastypie): 404/500 and 400 bodies
                Arguments.of("{\"error_message\":\"dataset nope does not exist\",\"traceback\":\"Traceback (most recent call last): ...\"}",
                        null, "dataset nope does not exist", null),
                Arguments.of("{\"error\":\"Invalid resource lookup data provided (mismatched type).\"}", null,
                        "Invalid resource lookup data provided (mismatched type).", null),
                // Keycloak / OAuth2
                Arguments.of("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}",
                        "invalid_grant", "Invalid user credentials", null),
                Arguments.of("{\"error\":\"invalid_token\"}", "invalid_token", "invalid_token", null),
                Arguments.of("{\"error\":\"Access denied\",\"error_description\":\"no roles\"}", "Access denied", "no roles", null),
                // FastAPI
                Arguments.of("{\"detail\":\"Not authenticated\"}", null, "Not authenticated", null),
                // plain text and HTML
                Arguments.of("upstream connect error or disconnect/reset before headers\nmore", null,
                        "upstream connect error or disconnect/reset before headers", null),
                Arguments.of("<!DOCTYPE HTML><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
                        null, "404 Not Found", null),
                Arguments.of("<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>", null,
                        "502 Bad Gateway", null));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void parsesEveryServerShape(String body, String code, String message, String source) {
        ErrorBodies.Parsed p = ErrorBodies.parse(body);
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.message()).isEqualTo(message);
        assertThat(p.source()).isEqualTo(source);
    }

    @Test
    void emptyAndNullBodiesGiveNoFields() {
        assertThat(ErrorBodies.parse("")).isEqualTo(new ErrorBodies.Parsed(null, null, null));
        assertThat(ErrorBodies.parse("null").message()).isEqualTo("null");
        assertThat(ErrorBodies.parse("{}")).isEqualTo(new ErrorBodies.Parsed(null, null, null));
    }

    @Test
    void mapsStatusToSubclassAndFillsFields() {
        Headers h = Headers.of("X-Request-Id", "req-42", "Set-Cookie", "session=abc", "Content-Type", "application/json");
        ServiceException e = ErrorBodies.toException(404, h, "{\"msg\":\"pipeline not found\",\"code\":404}", "POST",
                "https://x/v1/api/pipelines/get");

        assertThat(e).isInstanceOf(NotFoundException.class);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).contains("404");
        assertThat(e.errorMessage()).contains("pipeline not found");
        assertThat(e.requestId()).contains("req-42");
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.url()).isEqualTo("https://x/v1/api/pipelines/get");
        assertThat(e.headers()).containsKey("content-type").doesNotContainKey("set-cookie");
        assertThat(e.getMessage()).contains("HTTP 404").contains("pipeline not found").contains("req-42");
    }

    @Test
    void everyStatusClassHasItsException() {
        assertThat(ex(400)).isInstanceOf(BadRequestException.class);
        assertThat(ex(403)).isInstanceOf(PermissionDeniedException.class);
        assertThat(ex(409)).isInstanceOf(ConflictException.class);
        assertThat(ex(422)).isInstanceOf(UnprocessableEntityException.class);
        assertThat(ex(503)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(ex(502)).isInstanceOf(InternalServerException.class);
        // 501 Not Implemented: the server lacks the feature, it did not fail
        assertThat(ex(501)).isInstanceOf(io.infer4j.core.error.UnsupportedByServerException.class)
                .isNotInstanceOf(InternalServerException.class);
        assertThat(ex(501).status()).isEqualTo(501);
        assertThat(ex(418)).isInstanceOf(UnexpectedStatusException.class);
    }

    @Test
    void secretsInErrorBodiesAreMasked() {
        ServiceException e = ErrorBodies.toException(500, Headers.of(), "{\"msg\":\"bad\",\"refresh_token\":\"rt-secret\"}", "POST", "u");
        assertThat(e.body()).doesNotContain("rt-secret").contains("***");
    }

    private static ServiceException ex(int status) {
        return ErrorBodies.toException(status, Headers.of(), "", "GET", "u");
    }
}
