package io.infer4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.core.internal.Decoders;
import io.infer4j.core.internal.ErrorBodies;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.core.internal.Operation;
import io.infer4j.testsupport.CannedHttp;
import io.infer4j.testsupport.HostileBodies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feeds the hostile corpus to the transport's decoders and error mapping. */
class HostileBodiesTest {
    static final List<HostileBodies.Body> CORPUS = HostileBodies.corpus();

    HttpTransport transport;

    /** A small typed model like the clients' (lists, nested objects, numbers). */
    public record Sample(@JsonProperty("id") long id, @JsonProperty("name") String name,
                         @JsonProperty("values") List<Double> values, @JsonProperty("meta") Map<String, JsonNode> meta) {
    }

    @BeforeEach
    void setUp() {
        transport = new HttpTransport(ClientOptions.builder().retryPolicy(RetryPolicy.NONE)
                .httpClient(hostileServer()).build());
    }

    @AfterEach
    void tearDown() {
        transport.close();
    }

    /** Answers {@code ?i=N&code=C} with corpus body N and status C. */
    public static okhttp3.OkHttpClient hostileServer() {
        return CannedHttp.client(request -> new CannedHttp.Answer(
                Integer.parseInt(request.url().queryParameter("code")), "application/json",
                CORPUS.get(Integer.parseInt(request.url().queryParameter("i"))).bytes()));
    }

    @Test
    void corpusIsLargeEnough() {
        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(200);
    }

    /** Secret values planted in the error bodies below; no parsed message may contain one. */
    static final List<String> SECRETS = List.of("hunter2-pw", "sekret-refresh-1", "sekret-access-2", "sekret-client-3",
            "sekret-api-4", "sekret-token-5");

    /** Error bodies of the shapes ErrorBodies knows, with secrets beside or inside the message. */
    static final List<String> ERROR_BODIES = List.of(
            "{\"msg\":\"The provided model id was not found.\",\"code\":400}",
            "{\"code\":503,\"status\":\"error\",\"error\":\"resources not available\",\"source\":\"engine\"}",
            "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\",\"refresh_token\":\"sekret-refresh-1\"}",
            "{\"message\":\"login failed\",\"password\":\"hunter2-pw\"}",
            "{\"detail\":\"Not authenticated\",\"access_token\":\"sekret-access-2\"}",
            "{\"msg\":\"bad body {\\\"client_secret\\\": \\\"sekret-client-3\\\"}\",\"code\":400}",
            "{\"message\":\"" + "very long ".repeat(500) + "\"}",
            "{\"detail\":{\"api_key\":\"sekret-api-4\"}}",
            "{\"msg\":\"x\",\"token\":\"sekret-tok",
            "password=hunter2-pw&username=jane",
            "token=sekret-token-5",
            "<html><head><title>502 Bad Gateway</title></head><body>" + "<p>x</p>".repeat(2000) + "</body></html>",
            "upstream connect error\nsecond line " + "y".repeat(5000));

    @Test
    void errorBodyParsingNeverThrowsAndSaysSomethingBoundedWithoutSecrets() {
        List<String> bodies = new java.util.ArrayList<>(ERROR_BODIES);
        CORPUS.forEach(b -> bodies.add(new String(b.bytes(), java.nio.charset.StandardCharsets.UTF_8)));
        for (String body : bodies) {
            String label = body.length() > 80 ? body.substring(0, 80) + "..." : body;
            ErrorBodies.Parsed p = ErrorBodies.parse(body);
            assertThat(p).as(label).isNotNull();
            JsonNode json = jsonObject(body);
            if (!body.isBlank() && json == null) {
                assertThat(p.message()).as("text or HTML says something: %s", label).isNotNull();
            }
            if (p.message() == null) {
                continue;
            }
            assertThat(p.message().length()).as("bounded: %s", label).isLessThanOrEqualTo(1_000 + "...".length());
            for (String secret : SECRETS) {
                assertThat(p.message()).as("no secret: %s", label).doesNotContain(secret);
            }
            // A known message field is what the message says (its head: secrets inside it are masked).
            List<String> known = knownMessages(json);
            if (!known.isEmpty()) {
                assertThat(p.message()).as("the field, not the document: %s", label).doesNotStartWith("{");
                assertThat(known).as("message %s starts like a message field: %s", p.message(), label)
                        .anyMatch(k -> p.message().startsWith(k.substring(0, Math.min(k.length(), 8))));
            }
        }
    }

    /** Reads JSON as Python servers write it (bare NaN and Infinity allowed). */
    private static final com.fasterxml.jackson.databind.ObjectMapper LENIENT = com.fasterxml.jackson.databind.json.JsonMapper
            .builder().enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** The body as a JSON object, or null. */
    private static JsonNode jsonObject(String body) {
        try {
            JsonNode n = LENIENT.readTree(body.trim());
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException | RuntimeException notAnObject) {
            return null;
        }
    }

    /** The non-empty text values of the message fields every supported server uses. */
    private static List<String> knownMessages(JsonNode json) {
        List<String> out = new java.util.ArrayList<>();
        if (json != null) {
            for (String field : List.of("msg", "message", "error_description", "detail", "error")) {
                if (json.path(field).isTextual() && !json.get(field).asText().isEmpty()) {
                    out.add(json.get(field).asText());
                }
            }
        }
        return out;
    }

    @Test
    void treeAndTypedDecodersOnlyRaiseTypedExceptions() {
        for (int i = 0; i < CORPUS.size(); i++) {
            int index = i;
            for (int code : new int[] {200, 400, 500}) {
                expectTypedOrValue(CORPUS.get(i), () -> transport.execute(Operation.builder("hostile.tree", "GET",
                        okhttp3.HttpUrl.get("http://hostile.invalid/x?i=" + index + "&code=" + code), Decoders.tree("tree")).build()));
            }
            expectTypedOrValue(CORPUS.get(i), () -> transport.execute(Operation.builder("hostile.typed", "GET",
                    okhttp3.HttpUrl.get("http://hostile.invalid/x?i=" + index + "&code=200"), Decoders.json(Sample.class, "sample")).build()));
        }
    }

    /** Runs {@code call}; a value or an Infer4jException is fine, anything else fails with the body's label. */
    public static void expectTypedOrValue(HostileBodies.Body body, Runnable call) {
        try {
            call.run();
        } catch (Infer4jException expected) {
            assertThat(expected.getMessage()).as("message for %s", body).isNotBlank();
        } catch (Throwable t) {
            throw new AssertionError("body " + body + " escaped as " + t.getClass().getName() + ": " + t.getMessage(), t);
        }
    }
}
