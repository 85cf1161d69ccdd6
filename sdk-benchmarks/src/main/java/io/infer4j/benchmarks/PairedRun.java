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
 * {@link ArrowPairedRun} runs the Arrow benchmarks through the same loop ({@link #roundRobin}).
 */
public final class PairedRun {
    /** Warm-up per method: long enough for C2 on the codec inputs. */
    static final long WARM_UP_NANOS = 3_000_000_000L;
    /** Thread CPU time per method and round. */
    static final long SLICE_NANOS = 100_000_000L;

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
        Map<String, Measured> measured = roundRobin(methods, rounds, WARM_UP_NANOS, SLICE_NANOS);
        Map<String, Double> mbs = new LinkedHashMap<>();
        for (Map.Entry<String, Measured> e : measured.entrySet()) {
            mbs.put(e.getKey(), b.bodySize() / e.getValue().cpuNanos() * 1e9 / 1e6);
        }
        return mbs;
    }

    /**
     * Medians per call of one method over the rounds: thread CPU time (the judged number), the
     * process's CPU time (adds GC, JIT and any other thread of this JVM, such as an in-process
     * server), wall time, and bytes the calling thread allocated on the heap (what JMH's
     * {@code gc.alloc.rate.norm} counts; Arrow's direct memory is not in it).
     */
    public record Measured(double cpuNanos, double processCpuNanos, double wallNanos, double allocatedBytes) {
    }

    /**
     * The timing loop behind every paired run: each method first runs for {@code warmUpNanos} of
     * wall time, then all of them in turn, {@code rounds} times, each for at least
     * {@code sliceNanos} of this thread's CPU time (at least one call); per method, the median of
     * the rounds' per-call figures.
     */
    public static Map<String, Measured> roundRobin(Map<String, Callable<Object>> methods, int rounds, long warmUpNanos,
            long sliceNanos) throws Exception {
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        for (Map.Entry<String, Callable<Object>> e : methods.entrySet()) {
            long end = System.nanoTime() + warmUpNanos;
            while (System.nanoTime() < end) {
                sink(e.getValue().call());
            }
            samples.put(e.getKey(), new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Callable<Object>> e : methods.entrySet()) {
                int reps = 0;
                long allocStart = ALLOC.getCurrentThreadAllocatedBytes();
                long processStart = PROCESS.getProcessCpuTime();
                long wallStart = System.nanoTime();
                long start = CPU.getCurrentThreadCpuTime();
                long now;
                do {
                    sink(e.getValue().call());
                    reps++;
                    now = CPU.getCurrentThreadCpuTime();
                } while (now - start < sliceNanos);
                long wall = System.nanoTime() - wallStart;
                long process = PROCESS.getProcessCpuTime() - processStart;
                long alloc = ALLOC.getCurrentThreadAllocatedBytes() - allocStart;
                samples.get(e.getKey()).add(new double[] {(now - start) / (double) reps, process / (double) reps,
                    wall / (double) reps, alloc / (double) reps});
            }
        }
        Map<String, Measured> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
            List<double[]> s = e.getValue();
            out.put(e.getKey(), new Measured(median(s, 0), median(s, 1), median(s, 2), median(s, 3)));
        }
        return out;
    }

    private static double median(List<double[]> samples, int field) {
        double[] t = samples.stream().mapToDouble(x -> x[field]).sorted().toArray();
        return t[t.length / 2];
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean ALLOC = (com.sun.management.ThreadMXBean) CPU;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
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
