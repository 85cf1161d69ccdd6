package io.infer4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared round-robin loop runs every method in every round and reports per-call figures. */
class PairedRunTest {

    @Test
    void everyMethodRunsEveryRoundAndItsAllocationIsCountedPerCall() throws Exception {
        AtomicInteger small = new AtomicInteger();
        AtomicInteger large = new AtomicInteger();
        Map<String, Callable<Object>> methods = new LinkedHashMap<>();
        methods.put("small", () -> {
            small.incrementAndGet();
            return new byte[1024];
        });
        methods.put("large", () -> {
            large.incrementAndGet();
            return new byte[1 << 20];
        });
        Map<String, PairedRun.Measured> m = PairedRun.roundRobin(methods, 3, 0, 1_000_000L);

        assertThat(m).containsOnlyKeys("small", "large");
        assertThat(small.get()).isGreaterThanOrEqualTo(3);
        assertThat(large.get()).isGreaterThanOrEqualTo(3);
        // a 1 MiB array per call: at least that much per call, and far more than the 1 KiB method
        assertThat(m.get("large").allocatedBytes()).isGreaterThanOrEqualTo(1 << 20);
        assertThat(m.get("large").allocatedBytes()).isGreaterThan(100 * m.get("small").allocatedBytes());
        assertThat(m.get("large").cpuNanos()).isPositive();
    }
}
