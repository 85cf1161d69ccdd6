package io.infer4j.benchmarks;

import io.infer4j.table.Table;
import io.infer4j.table.TensorColumn;
import io.infer4j.table.codec.TensorJson;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CodecBenchmark} and prints the Markdown tables of docs/performance.md: MB/s of our
 * codecs and of the baselines, the ratios against the targets, and the bytes retained per value
 * of the decoded 25k-row tensor table. Arguments (all optional): {@code -f forks -wi warmups
 * -i iterations -w warmupSeconds -r measurementSeconds}.
 */
public final class CodecReport {
    private CodecReport() {
    }

    /** Entry point. */
    public static void main(String[] args) throws RunnerException {
        Map<String, Integer> a = new LinkedHashMap<>(Map.of("-f", 1, "-wi", 2, "-i", 3, "-w", 1, "-r", 2));
        for (int k = 0; k + 1 < args.length; k += 2) {
            a.put(args[k], Integer.parseInt(args[k + 1]));
        }
        Options opt = new OptionsBuilder().include(CodecBenchmark.class.getName())
                .forks(a.get("-f")).warmupIterations(a.get("-wi")).measurementIterations(a.get("-i"))
                .warmupTime(TimeValue.seconds(a.get("-w"))).measurementTime(TimeValue.seconds(a.get("-r")))
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        Map<String, Map<String, Double>> mbs = new TreeMap<>();
        for (RunResult r : results) {
            String ds = r.getParams().getParam("dataset");
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            double opsPerSec = r.getPrimaryResult().getScore();
            mbs.computeIfAbsent(ds, k -> new TreeMap<>()).put(method, opsPerSec * Datasets.load(ds).length / 1e6);
        }
        StringBuilder out = new StringBuilder();
        out.append("| dataset | bytes | decode | tokens only (a) | readValue (b) | readTree | decode / (a) | decode / (b) "
                + "| encode | writeValue | encode / writeValue |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, Double>> e : mbs.entrySet()) {
            Map<String, Double> m = e.getValue();
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %.0f | %.0f | %.0f %% | %.1fx | %.0f | %.0f | %.1fx |%n",
                    e.getKey(), Datasets.load(e.getKey()).length, m.get("decode"), m.get("baselineTokens"),
                    m.get("databindReadValue"), m.get("databindReadTree"), 100 * m.get("decode") / m.get("baselineTokens"),
                    m.get("decode") / m.get("databindReadValue"), m.get("encode"), m.get("databindWriteValue"),
                    m.get("encode") / m.get("databindWriteValue")));
        }
        out.append("\n(MB/s, 1 MB = 10^6 bytes of JSON; decode and encode are this SDK's codecs)\n\n");
        out.append(retained());
        for (String ds : mbs.keySet()) {
            out.append("\n").append(ds).append(": ").append(Datasets.source(ds));
        }
        System.out.println(out);
    }

    /** Bytes per value of the decoded 25k tensor table: by construction and as a heap delta. */
    static String retained() {
        byte[] body = Datasets.load(Datasets.TENSOR_25K);
        Runtime rt = Runtime.getRuntime();
        long before = used(rt);
        Table t = TensorJson.read(body);
        long after = used(rt);
        TensorColumn c = t.tensor("text_input");
        long values = c.valueCount();
        String s = String.format(Locale.ROOT, "Decoded %s: %,d rows x %s = %,d int64 values; storage %,d bytes = %.2f bytes/value "
                + "(heap delta after GC: %.2f bytes/value; databind holds each value as a boxed Integer in an ArrayList, "
                + "about 20 bytes/value).%n", Datasets.TENSOR_25K, t.rowCount(), java.util.Arrays.toString(c.fixedShape().orElse(new int[0])),
                values, c.retainedBytes(), (double) c.retainedBytes() / values, (double) (after - before) / values);
        if (t.rowCount() < 0) {
            System.out.println(t); // keep t reachable until after the measurement
        }
        return s;
    }

    private static long used(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
