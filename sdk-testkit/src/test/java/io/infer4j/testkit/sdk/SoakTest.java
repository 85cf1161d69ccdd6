package io.infer4j.testkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.testkit.RecordedRequest;
import io.infer4j.testkit.internal.BuiltinModels;
import io.infer4j.wallaroo.InferOptions;
import io.infer4j.wallaroo.InferenceInput;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 20,000 inference calls from 8 threads sharing one client, through 5 % 503, 1 % dropped
 * connections, 1 % answers slower than the attempt timeout, and access tokens that expire every
 * 3 seconds. Every call must either return the right scores for its own input or raise a typed
 * exception; the server must never have processed one call twice; the heap must not grow.
 */
class SoakTest {
    private static final Logger LOG = LoggerFactory.getLogger(SoakTest.class);
    static final int CALLS = 20_000;
    static final int BATCHES = 8;
    static final int THREADS = 8;
    static final Duration SLOW = Duration.ofMillis(500);
    static final String CALL_HEADER = "X-Soak-Call";

    @Test
    @Timeout(300)
    void twentyThousandCallsThroughFaults() throws Exception {
        try (LocalPlatform platform = LocalPlatform.builder().accessTokenLifetime(Duration.ofSeconds(3))
                .refreshTokenLifetime(Duration.ofSeconds(60)).faultSeed(20261124L).requestLogCapacity(20_000).start()) {
            platform.faults().onOperation("wallaroo:infer").withProbability(0.05).status(503);
            platform.faults().onOperation("wallaroo:infer").withProbability(0.01).dropConnection();
            platform.faults().onOperation("wallaroo:infer").withProbability(0.01).delay(SLOW);

            KeycloakTokenProvider auth = KeycloakTokenProvider.builder().tokenUrl(platform.tokenUrl())
                    .clientId(platform.clientId()).clientSecret(platform.clientSecret())
                    .password(platform.user(), platform.password()).build();
            InferenceTarget target = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE));
            Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
            int[] processed = new int[CALLS];
            long tokenCalls = 0;
            List<Long> heaps = new ArrayList<>();
            long startNanos = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try (WallarooClient wallaroo = WallarooClient.builder().apiUrl(platform.wallarooUrl()).auth(auth)
                    .inferenceTimeout(Duration.ofMillis(200))
                    .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(2)).maxBackoff(Duration.ofMillis(8)).build())
                    .build()) {
                int perBatch = CALLS / BATCHES;
                for (int batch = 0; batch < BATCHES; batch++) {
                    AtomicInteger next = new AtomicInteger(batch * perBatch);
                    int end = (batch + 1) * perBatch;
                    List<Future<?>> workers = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        workers.add(pool.submit(() -> {
                            for (int call = next.getAndIncrement(); call < end; call = next.getAndIncrement()) {
                                outcomes.computeIfAbsent(oneCall(wallaroo, target, call), k -> new LongAdder()).increment();
                            }
                            return null;
                        }));
                    }
                    for (Future<?> w : workers) {
                        w.get();
                    }
                    // Slow answers are still being processed after the client gave up: let them land in the log.
                    Thread.sleep(SLOW.toMillis() + 300);
                    tokenCalls += tally(platform, processed);
                    heaps.add(usedHeapAfterGc() >> 10);
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;

            Map<String, Long> summary = new TreeMap<>();
            outcomes.forEach((k, v) -> summary.put(k, v.sum()));
            LOG.info("soak: {} calls in {} s, outcomes {}, token requests {}, used heap after each batch {} KiB",
                    CALLS, String.format("%.1f", seconds), summary, tokenCalls, heaps);

            assertThat(summary.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CALLS);
            assertThat(summary).containsKey("ok");
            assertThat(summary.keySet()).allMatch(k -> k.equals("ok") || k.startsWith("typed:"));
            assertThat(summary.get("ok")).isGreaterThan(CALLS * 95L / 100);
            for (int call = 0; call < CALLS; call++) {
                assertThat(processed[call]).as("times the server processed call %d", call).isLessThanOrEqualTo(1);
            }
            assertThat(tokenCalls).as("token requests over a run of %.0f s with 3 s tokens", seconds)
                    .isBetween(2L, (long) (seconds / 1.5) + 3);
            // Caches, pools and JIT settle during the first half; after that nothing may accumulate per call.
            // (A leak of one closed connection per dropped call showed up here as ~300 bytes per call.)
            long retainedPerCall = (heaps.get(BATCHES - 1) - heaps.get(BATCHES / 2)) * 1024 / (CALLS / BATCHES * (BATCHES / 2 - 1));
            assertThat(retainedPerCall).as("heap bytes retained per call in the second half, heaps %s KiB", heaps)
                    .isLessThan(200);
        }
    }

    /** One call; returns its outcome: "ok" after checking every value, or "typed:" + the exception class. */
    private static String oneCall(WallarooClient wallaroo, InferenceTarget target, int call) {
        double[] x = new double[BuiltinModels.FRAUD_WIDTH];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((call * 37L + i * 11L) % 101) / 10.0 - 5.0;
        }
        Table input = Table.builder().addTensor("tensor", x).build();
        InferOptions options = InferOptions.builder()
                .requestOptions(RequestOptions.builder().header(CALL_HEADER, Integer.toString(call)).build()).build();
        InferenceResult r;
        try {
            r = wallaroo.pipelines().infer(target, InferenceInput.table(input), options);
        } catch (Infer4jException e) {
            return "typed:" + e.getClass().getSimpleName();
        }
        double[] echoed = r.table().tensor("in.tensor").toDoubleArray();
        if (!java.util.Arrays.equals(echoed, x)) {
            throw new AssertionError("call " + call + " got the result of another input");
        }
        float score = (float) r.output("dense_1").orElseThrow().toDoubleArray()[0];
        if (score != BuiltinModels.fraud(x)) {
            throw new AssertionError("call " + call + ": score " + score + " but the model gives " + BuiltinModels.fraud(x));
        }
        return "ok";
    }

    /**
     * Counts, per call id, the requests that reached the model (not refused with 503/429/401), then
     * clears the log; returns the number of token requests seen.
     */
    private static long tally(LocalPlatform platform, int[] processed) {
        long tokens = 0;
        for (RecordedRequest r : platform.requests()) {
            if (r.operation().equals("keycloak:token")) {
                tokens++;
            }
            String id = r.header(CALL_HEADER);
            if (id != null && r.status() != 503 && r.status() != 429 && r.status() != 401) {
                processed[Integer.parseInt(id)]++;
            }
        }
        platform.clearRequests();
        return tokens;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
