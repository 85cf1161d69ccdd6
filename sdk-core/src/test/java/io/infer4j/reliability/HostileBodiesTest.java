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

    @Test
    void errorBodyParsingNeverThrows() {
        for (HostileBodies.Body b : CORPUS) {
            ErrorBodies.parse(new String(b.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
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
