package io.infer4j.benchmarks;

import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.table.Table;
import io.infer4j.table.codec.TensorJson;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.ParallelInferOptions;
import io.infer4j.wallaroo.ParallelInferResult;
import io.infer4j.wallaroo.WallarooClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code parallelInfer} of the 24,954-row table against the LocalPlatform's Aloha pipeline with a
 * fixed extra latency per inference request ({@code faults().delay}): wall time with concurrency 1
 * (sequential) and with higher concurrency, the speed-up, and the peak heap used while it ran
 * (sampled every 5 ms, garbage included; the server runs in the same JVM, so its CPU and heap are included). Arguments
 * (optional): {@code latencyMillis concurrency...}, default {@code 50 4 8}.
 */
public final class ParallelInferRun {
    private ParallelInferRun() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        long latency = args.length > 0 ? Long.parseLong(args[0]) : 50;
        int[] levels = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {4, 8};
        Table table = TensorJson.read(InferenceData.input(InferenceData.TWENTY_FIVE_K));
        try (LocalPlatform platform = LocalPlatform.builder().threads(32).start();
             WallarooClient wallaroo = WallarooClient.builder().apiUrl(platform.wallarooUrl())
                     .auth(KeycloakTokenProvider.builder().tokenUrl(platform.tokenUrl()).clientId(platform.publicClientId())
                             .password(platform.user(), platform.password()).build()).build()) {
            InferenceTarget target = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.DEMO_PIPELINE));
            run(wallaroo, target, table, 4); // warm-up, no latency
            platform.faults().onOperation("wallaroo:infer").delay(Duration.ofMillis(latency));
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "| concurrency | chunks | wall time | speed-up vs sequential | ideal (latency-bound) | CPU time (client + server) | peak heap used |%n|---:|---:|---:|---:|---:|---:|---:|%n"));
            Measured sequential = run(wallaroo, target, table, 1);
            out.append(line(1, sequential, sequential));
            for (int c : levels) {
                out.append(line(c, run(wallaroo, target, table, c), sequential));
            }
            long requests = platform.inferenceRequests();
            out.append(String.format(Locale.ROOT, "%n(%,d rows, batchRows 1000, +%d ms per request on the server; %,d inference "
                    + "requests in total; max heap %,d MB)%n", table.rowCount(), latency, requests,
                    Runtime.getRuntime().maxMemory() >> 20));
            System.out.println(out);
        }
    }

    private record Measured(long millis, int chunks, long peakHeapBytes, long cpuMillis) {
    }

    private static String line(int concurrency, Measured m, Measured sequential) {
        // with n chunks, c in flight needs ceil(n / c) rounds of latency instead of n
        double ideal = (double) m.chunks() / ((m.chunks() + concurrency - 1) / concurrency);
        return String.format(Locale.ROOT, "| %d | %d | %,d ms | %.2fx | %.2fx | %,d ms | %,d MB |%n", concurrency, m.chunks(),
                m.millis(), (double) sequential.millis() / m.millis(), ideal, m.cpuMillis(), m.peakHeapBytes() >> 20);
    }

    private static Measured run(WallarooClient wallaroo, InferenceTarget target, Table table, int concurrency) throws InterruptedException {
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        ParallelInferResult r = wallaroo.pipelines().parallelInfer(target, table,
                ParallelInferOptions.DEFAULT.withConcurrency(concurrency));
        long millis = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        sampler.join();
        if (!r.failures().isEmpty() || r.table().rowCount() != table.rowCount()) {
            throw new IllegalStateException("parallelInfer lost rows: " + r.failures());
        }
        return new Measured(millis, r.chunks().size(), peak.get(), (os.getProcessCpuTime() - cpuStart) / 1_000_000);
    }
}
