package io.infer4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A noise-resistant companion to JMH for a busy machine: runs every method of
 * {@link CodecBenchmark} in round-robin (ours, then each baseline, then ours again...) so that
 * load spikes hit all of them alike, timing each with the thread's CPU time (not wall time, which
 * other processes on a shared machine inflate), and reports the median time per operation.
 */
public final class PairedRun {
    private PairedRun() {
    }

    /** Median MB/s per method for one dataset. */
    public static Map<String, Double> run(String dataset, int rounds) throws Exception {
        CodecBenchmark b = new CodecBenchmark();
        b.dataset = dataset;
        b.setup();
        Map<String, Callable<Object>> methods = new LinkedHashMap<>();
        methods.put("decode", b::decode);
        methods.put("baselineTokens", b::baselineTokens);
        methods.put("databindReadValue", b::databindReadValue);
        methods.put("databindReadTree", b::databindReadTree);
        methods.put("encode", b::encode);
        methods.put("databindWriteValue", b::databindWriteValue);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        // warm-up: every method long enough for C2
        for (Map.Entry<String, Callable<Object>> e : methods.entrySet()) {
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                sink(e.getValue().call());
            }
            times.put(e.getKey(), new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Callable<Object>> e : methods.entrySet()) {
                int reps = 0;
                long start = CPU.getCurrentThreadCpuTime();
                long now;
                do {
                    sink(e.getValue().call());
                    reps++;
                    now = CPU.getCurrentThreadCpuTime();
                } while (now - start < 100_000_000L);
                times.get(e.getKey()).add((now - start) / (double) reps);
            }
        }
        Map<String, Double> mbs = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            double[] t = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double medianNanos = t[t.length / 2];
            mbs.put(e.getKey(), b.bodySize() / medianNanos * 1e9 / 1e6);
        }
        return mbs;
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static volatile int sink;

    private static void sink(Object o) {
        sink += System.identityHashCode(o) & 1;
    }

    public static String table(Map<String, Map<String, Double>> all) {
        StringBuilder out = new StringBuilder();
        out.append("| dataset | bytes | decode | tokens only (a) | readValue (b) | readTree | decode / (a) | decode / (b) "
                + "| encode | writeValue | encode / writeValue |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, Double>> e : all.entrySet()) {
            Map<String, Double> m = e.getValue();
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %.0f | %.0f | %.0f %% | %.1fx | %.0f | %.0f | %.1fx |%n",
                    e.getKey(), Datasets.load(e.getKey()).length, m.get("decode"), m.get("baselineTokens"),
                    m.get("databindReadValue"), m.get("databindReadTree"), 100 * m.get("decode") / m.get("baselineTokens"),
                    m.get("decode") / m.get("databindReadValue"), m.get("encode"), m.get("databindWriteValue"),
                    m.get("encode") / m.get("databindWriteValue")));
        }
        return out.toString();
    }

    /** Standalone: {@code java -cp benchmarks.jar io.infer4j.benchmarks.PairedRun [rounds]}. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        List<String> datasets = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : Arrays.asList(Datasets.TENSOR_25K, Datasets.RECORDS_1K, Datasets.RECORDS_OUT_1K);
        for (String ds : datasets) {
            all.put(ds, run(ds, rounds));
        }
        System.out.println(table(all));
    }
}
