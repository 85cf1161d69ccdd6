package io.infer4j.benchmarks;

import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.wallaroo.InferenceInput;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link InferenceBenchmark} with 1, 8 and 32 threads (SDK and baselines in the same run, with
 * the GC profiler) and prints the Markdown tables of docs/performance.md "Inference": time per
 * call and SDK/raw ratio, throughput, bytes allocated per row; then counts the connections the
 * server accepts while 8 and 32 threads share one client. Arguments (all optional):
 * {@code -f forks -wi warmups -i iterations -w warmupSeconds -r measurementSeconds -t 1,8,32}
 * ({@code -t 0}: only the connection count).
 */
public final class InferenceReport {
    private InferenceReport() {
    }

    /** Entry point. */
    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        Map<String, String> a = new LinkedHashMap<>(Map.of("-f", "1", "-wi", "2", "-i", "3", "-w", "2", "-r", "3", "-t", "1,8,32"));
        for (int k = 0; k + 1 < args.length; k += 2) {
            a.put(args[k], args[k + 1]);
        }
        List<Row> rows = new ArrayList<>();
        for (String t : a.get("-t").equals("0") ? new String[0] : a.get("-t").split(",")) {
            Options opt = new OptionsBuilder().include(InferenceBenchmark.class.getName())
                    .forks(Integer.parseInt(a.get("-f"))).threads(Integer.parseInt(t))
                    .warmupIterations(Integer.parseInt(a.get("-wi"))).measurementIterations(Integer.parseInt(a.get("-i")))
                    .warmupTime(TimeValue.seconds(Integer.parseInt(a.get("-w"))))
                    .measurementTime(TimeValue.seconds(Integer.parseInt(a.get("-r"))))
                    .addProfiler(GCProfiler.class).build();
            for (RunResult r : new Runner(opt).run()) {
                String b = r.getParams().getBenchmark();
                Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
                rows.add(new Row(r.getParams().getParam("dataset"), r.getParams().getThreads(), b.substring(b.lastIndexOf('.') + 1),
                        r.getPrimaryResult().getScore(), standardError(r.getPrimaryResult()),
                        alloc == null ? Double.NaN : alloc.getScore()));
            }
        }
        System.out.println(tables(rows));
        System.out.println(connections());
        for (String ds : List.of(InferenceData.ONE, InferenceData.ONE_K, InferenceData.TWENTY_FIVE_K)) {
            System.out.printf("%s: %s (%,d bytes; answer %,d bytes)%n", ds, InferenceData.source(ds),
                    InferenceData.input(ds).length, InferenceData.answer(ds).length);
        }
    }

    /** One benchmark result. */
    record Row(String dataset, int threads, String method, double opsPerSec, double stdErr, double bytesPerOp) {
    }

    /** The standard error of the mean over measurement iterations (JMH's own error is a 99.9 % interval). */
    private static double standardError(Result<?> r) {
        long n = r.getStatistics().getN();
        return n < 2 ? Double.NaN : r.getStatistics().getStandardDeviation() / Math.sqrt(n);
    }

    static String tables(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| rows | threads | SDK calls/s | raw calls/s | bytes-only calls/s | SDK time / raw time | target <= 1.05 "
                + "| SDK bytes/row | raw bytes/row |\n|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (Row sdk : rows) {
            if (!sdk.method().equals("sdk")) {
                continue;
            }
            Row raw = find(rows, sdk, "rawTree");
            Row bytes = find(rows, sdk, "rawBytes");
            if (raw == null) {
                continue;
            }
            // time per call = threads / throughput, so the time ratio is raw throughput / SDK throughput
            double ratio = raw.opsPerSec() / sdk.opsPerSec();
            double err = ratio * Math.hypot(sdk.stdErr() / sdk.opsPerSec(), raw.stdErr() / raw.opsPerSec());
            int n = InferenceData.rows(sdk.dataset());
            out.append(String.format(Locale.ROOT, "| %,d | %d | %,.1f ± %,.1f | %,.1f ± %,.1f | %s | %.3f ± %.3f | %s | %,.0f | %,.0f |%n",
                    n, sdk.threads(), sdk.opsPerSec(), sdk.stdErr(), raw.opsPerSec(), raw.stdErr(),
                    bytes == null ? "-" : String.format(Locale.ROOT, "%,.1f", bytes.opsPerSec()), ratio, err,
                    ratio <= 1.05 ? "met" : ratio - 2 * err <= 1.05 ? "within noise" : "missed",
                    sdk.bytesPerOp() / n, raw.bytesPerOp() / n));
        }
        out.append("\n(calls/s over all threads ± standard error of the mean over iterations; time per call = threads / calls/s;"
                + " the throughput ratio SDK/raw is the inverse of the time ratio; bytes/row = JMH gc.alloc.rate.norm / rows)\n");
        return out.toString();
    }

    private static Row find(List<Row> rows, Row like, String method) {
        return rows.stream().filter(r -> r.dataset().equals(like.dataset()) && r.threads() == like.threads()
                && r.method().equals(method)).findFirst().orElse(null);
    }

    /** Connections the server accepted while {@code threads} callers shared one client for a few seconds. */
    static String connections() throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder("| client | threads | calls | connections accepted by the server |\n|---|---:|---:|---:|\n");
        byte[] body = InferenceData.input(InferenceData.ONE_K);
        for (int threads : new int[] {8, 32}) {
            for (String kind : new String[] {"SDK (its own client)", "raw, new OkHttpClient()", "raw, baseline client"}) {
                try (FixedResponseServer server = new FixedResponseServer(InferenceData.answer(InferenceData.ONE_K),
                        "application/json", Duration.ZERO)) {
                    String url = server.url() + "/v1/api/pipelines/infer/bench-1/bench";
                    OkHttpClient raw = kind.contains("new") ? new OkHttpClient() : InferenceBenchmark.baselineClient();
                    WallarooClient sdk = WallarooClient.builder().apiUrl(server.url())
                            .auth(BearerTokenAuth.of(InferenceBenchmark.TOKEN)).build();
                    InferenceTarget target = InferenceTarget.url(url);
                    AtomicLong calls = new AtomicLong();
                    long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    List<Thread> workers = new ArrayList<>();
                    for (int i = 0; i < threads; i++) {
                        Thread th = new Thread(() -> {
                            while (System.nanoTime() < end) {
                                if (kind.startsWith("SDK")) {
                                    sdk.pipelines().infer(target, InferenceInput.raw(body, InferenceInput.JSON));
                                } else {
                                    Request req = new Request.Builder().url(url).post(RequestBody.create(body, InferenceData.JSON)).build();
                                    try (Response r = raw.newCall(req).execute()) {
                                        InferenceBenchmark.MAPPER.readTree(r.body().byteStream());
                                    } catch (IOException e) {
                                        throw new IllegalStateException(e);
                                    }
                                }
                                calls.incrementAndGet();
                            }
                        });
                        th.start();
                        workers.add(th);
                    }
                    for (Thread th : workers) {
                        th.join();
                    }
                    out.append(String.format(Locale.ROOT, "| %s | %d | %,d | %d |%n", kind, threads, calls.get(),
                            server.acceptedConnections()));
                    sdk.close();
                    raw.dispatcher().executorService().shutdown();
                    raw.connectionPool().evictAll();
                }
            }
        }
        return out.append("\n(data-1k, 3 s per line, answers parsed; the ideal is one connection per thread)\n").toString();
    }
}
