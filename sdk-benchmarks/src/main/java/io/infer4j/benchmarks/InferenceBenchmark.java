package io.infer4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.wallaroo.InferenceInput;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One inference call through the SDK ({@code pipelines().infer}) next to the same call written by
 * hand with OkHttp and Jackson, both sending the same bytes to the same {@link FixedResponseServer}
 * that replays the LocalPlatform's answer. Every call is a full round trip: encode/copy the input,
 * POST it over a pooled connection, read the answer and decode it. Run with {@code -t 1/8/32}: the
 * score is calls per second over all threads, which share one client.
 *
 * <ul>
 *   <li>{@link #sdk()}: {@code pipelines().infer(target, InferenceInput.raw(bytes, JSON))}, decoded
 *       into an {@link InferenceResult} (a typed table plus one tensor per output);</li>
 *   <li>{@link #rawTree()}: the hand-written limit ({@link #baselineClient()}), {@code ObjectMapper.readTree} of the answer;</li>
 *   <li>{@link #rawBytes()}: transport only, the answer read into a byte array and not parsed.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InferenceBenchmark {
    /** The bearer token both clients send (the fixed server does not check it). */
    static final String TOKEN = "benchmark-token";

    /** Which input. */
    @Param({InferenceData.ONE, InferenceData.ONE_K, InferenceData.TWENTY_FIVE_K})
    public String dataset;

    private byte[] body;
    private FixedResponseServer server;
    private WallarooClient wallaroo;
    private InferenceTarget target;
    private String url;
    private OkHttpClient raw;
    /** A plain mapper, as an application would create it. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Starts the server and both clients. */
    @Setup
    public void setup() throws IOException {
        body = InferenceData.input(dataset);
        server = new FixedResponseServer(InferenceData.answer(dataset), "application/json", Duration.ZERO);
        url = server.url() + "/v1/api/pipelines/infer/bench-1/bench";
        target = InferenceTarget.url(url);
        wallaroo = WallarooClient.builder().apiUrl(server.url()).auth(BearerTokenAuth.of(TOKEN)).build();
        raw = baselineClient();
    }

    /** Stops everything; prints the connections the server accepted (one per concurrent caller is the ideal). */
    @TearDown
    public void tearDown() throws IOException {
        System.out.printf("%n[%s] server accepted %d connections for %d requests%n", dataset,
                server.acceptedConnections(), server.requests());
        wallaroo.close();
        raw.dispatcher().executorService().shutdown();
        raw.connectionPool().evictAll();
        server.close();
    }

    /** The SDK. */
    @Benchmark
    public InferenceResult sdk() {
        return wallaroo.pipelines().infer(target, InferenceInput.raw(body, InferenceInput.JSON));
    }

    /** The hand-written call: OkHttp POST, Jackson tree. */
    @Benchmark
    public JsonNode rawTree() throws IOException {
        try (Response r = raw.newCall(request()).execute()) {
            if (!r.isSuccessful()) {
                throw new IOException("HTTP " + r.code());
            }
            return MAPPER.readTree(r.body().byteStream());
        }
    }

    /** Transport only: the answer's bytes, not parsed. */
    @Benchmark
    public byte[] rawBytes() throws IOException {
        try (Response r = raw.newCall(request()).execute()) {
            if (!r.isSuccessful()) {
                throw new IOException("HTTP " + r.code());
            }
            return r.body().bytes();
        }
    }

    /**
     * The hand-written client, tuned as the SDK tunes its own: {@code TCP_NODELAY} and a pool that
     * keeps 32 idle connections. With a plain {@code new OkHttpClient()} the baseline would lose to
     * Nagle stalls and connection churn, and the ratio would flatter the SDK.
     */
    static OkHttpClient baselineClient() {
        return new OkHttpClient.Builder().socketFactory(new NoDelaySockets())
                .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES)).build();
    }

    private Request request() {
        return new Request.Builder().url(url).post(RequestBody.create(body, InferenceData.JSON))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/json").build();
    }
}
