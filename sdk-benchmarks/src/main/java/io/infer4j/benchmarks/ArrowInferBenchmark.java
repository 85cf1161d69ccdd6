package io.infer4j.benchmarks;

import io.infer4j.benchmarks.ArrowJavaBaseline.HeapColumn;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.table.Table;
import io.infer4j.wallaroo.InferOptions;
import io.infer4j.wallaroo.InferenceFormat;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole inference call of a table (default: the 24,954 rows of data-25k, 50 int64 each)
 * against a {@link FixedResponseServer} that replays the LocalPlatform Aloha pipeline's answer to
 * those rows, as Arrow to a request that accepts Arrow and as pandas-records otherwise. Every call
 * encodes the input, POSTs it over a pooled connection, reads the answer and decodes it:
 *
 * <ul>
 *   <li>{@link #sdkArrow()}: {@code pipelines().infer(target, table, format(ARROW))};</li>
 *   <li>{@link #sdkRecords()}: {@code pipelines().infer(target, table)}, pandas-records both ways;</li>
 *   <li>{@link #rawArrow()}: the hand-written limit, OkHttp and Arrow Java ({@link ArrowJavaBaseline}):
 *       the rows' heap array into a {@code VectorSchemaRoot} written by {@code ArrowFileWriter},
 *       POST, the answer read by {@code ArrowFileReader} and every column copied into heap arrays.</li>
 * </ul>
 *
 * Issue 13's targets: {@code sdkArrow} at least 3x the calls/s of {@code sdkRecords}, and at most
 * 1.05x the time of {@code rawArrow}. Scores are calls per second; {@link ArrowPairedRun} gives
 * the CPU-time medians the targets are judged on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = ArrowBenchmark.OPEN_NIO)
public class ArrowInferBenchmark {
    /** The SDK's Arrow option. */
    static final InferOptions ARROW = InferOptions.builder().format(InferenceFormat.ARROW).build();
    private static final MediaType ARROW_FILE = MediaType.get(FixedResponseServer.ARROW_FILE);
    private static final int WIDTH = 50;

    /** Which rows. */
    @Param({InferenceData.TWENTY_FIVE_K})
    public String dataset;

    private Table table;
    private long[] values;
    private FixedResponseServer server;
    private WallarooClient wallaroo;
    private InferenceTarget target;
    private String url;
    private OkHttpClient raw;
    private BufferAllocator allocator;

    /** Computes the answers (once per JVM), starts the server and both clients. */
    @Setup
    public void setup() throws IOException {
        table = InferenceData.table(dataset);
        // The baseline application holds its rows as one heap array, as the SDK's table holds them in its column.
        values = table.tensor("text_input").toLongArray();
        server = new FixedResponseServer(InferenceData.recordsAnswer(dataset), InferenceData.PANDAS_RECORDS.toString(),
                InferenceData.arrowAnswer(dataset), Duration.ZERO);
        url = server.url() + "/v1/api/pipelines/infer/bench-1/bench";
        target = InferenceTarget.url(url);
        wallaroo = WallarooClient.builder().apiUrl(server.url()).auth(BearerTokenAuth.of(InferenceBenchmark.TOKEN)).build();
        raw = InferenceBenchmark.baselineClient();
        allocator = new RootAllocator();
    }

    /** Stops everything; prints the connections the server accepted. */
    @TearDown
    public void tearDown() throws IOException {
        System.out.printf("%n[%s] server accepted %d connections for %d requests (%d answered in Arrow)%n", dataset,
                server.acceptedConnections(), server.requests(), server.arrowAnswers());
        wallaroo.close();
        raw.dispatcher().executorService().shutdown();
        raw.connectionPool().evictAll();
        allocator.close();
        server.close();
    }

    /** (a) The SDK, Arrow both ways. */
    @Benchmark
    public InferenceResult sdkArrow() {
        return wallaroo.pipelines().infer(target, table, ARROW);
    }

    /** (b) The SDK, pandas-records both ways. */
    @Benchmark
    public InferenceResult sdkRecords() {
        return wallaroo.pipelines().infer(target, table, InferOptions.DEFAULT);
    }

    /** (c) The hand-written call: Arrow Java and OkHttp. */
    @Benchmark
    public List<HeapColumn> rawArrow() throws IOException {
        byte[] body = ArrowJavaBaseline.writeTensor(allocator, "text_input", values, WIDTH);
        Request request = new Request.Builder().url(url).post(RequestBody.create(body, ARROW_FILE))
                .header("Authorization", "Bearer " + InferenceBenchmark.TOKEN).header("Accept", FixedResponseServer.ARROW_FILE).build();
        try (Response r = raw.newCall(request).execute()) {
            if (!r.isSuccessful()) {
                throw new IOException("HTTP " + r.code());
            }
            return ArrowJavaBaseline.read(allocator, r.body().bytes());
        }
    }

    /** Rows per call. */
    public int rows() {
        return table.rowCount();
    }

    /** The server, for its counters. */
    FixedResponseServer server() {
        return server;
    }
}
