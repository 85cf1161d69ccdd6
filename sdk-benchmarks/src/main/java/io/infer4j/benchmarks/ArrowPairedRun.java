package io.infer4j.benchmarks;

import io.infer4j.arrow.ArrowTables;
import io.infer4j.benchmarks.PairedRun.Measured;
import io.infer4j.table.codec.PandasRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@link PairedRun}'s round-robin, thread-CPU-time medians ({@link PairedRun#roundRobin}) for the
 * Arrow benchmarks, printing the Markdown tables of docs/performance.md "Arrow": codec speed and
 * size ({@link ArrowBenchmark}), whole inference calls ({@link ArrowInferBenchmark}) and the
 * targets of issue 13 with met / missed. Needs the Arrow JVM flag:
 *
 * <pre>java --add-opens=java.base/java.nio=ALL-UNNAMED -cp sdk-benchmarks/target/benchmarks.jar \
 *     io.infer4j.benchmarks.ArrowPairedRun [rounds (9)] [codec|infer|all (all)]</pre>
 */
public final class ArrowPairedRun {
    /** Codec warm-up per method, and CPU time per method and round: {@link PairedRun}'s. */
    private static final long CODEC_WARM_UP = PairedRun.WARM_UP_NANOS;
    private static final long CODEC_SLICE = PairedRun.SLICE_NANOS;
    /** A whole 25k-row call takes tens to hundreds of milliseconds: longer warm-up, a few calls per slice. */
    private static final long INFER_WARM_UP = 10_000_000_000L;
    private static final long INFER_SLICE = 500_000_000L;
    /** The inference paths as the tables name them. */
    private static final Map<String, String> PATHS = Map.of(
            "sdkArrow", "(a) SDK, `format(ARROW)`",
            "sdkRecords", "(b) SDK, pandas-records",
            "rawArrow", "(c) OkHttp + Arrow Java by hand");

    private ArrowPairedRun() {
    }

    /** One dataset's codec medians. */
    record Codec(String dataset, int rows, int jsonBytes, int arrowBytes, Map<String, Measured> m) {
    }

    /** The inference medians. */
    record Infer(int rows, Map<String, Integer> requestBytes, Map<String, Integer> answerBytes, Map<String, Measured> m) {
    }

    /** Runs {@link ArrowBenchmark}'s methods round-robin on one dataset. */
    static Codec codec(String dataset, int rounds) throws Exception {
        ArrowBenchmark b = new ArrowBenchmark();
        b.dataset = dataset;
        b.setup();
        try {
            Map<String, Callable<Object>> methods = new LinkedHashMap<>();
            methods.put("arrowDecode", b::arrowDecode);
            methods.put("jsonDecode", b::jsonDecode);
            methods.put("arrowJavaRead", b::arrowJavaRead);
            methods.put("arrowEncode", b::arrowEncode);
            methods.put("jsonEncode", b::jsonEncode);
            methods.put("arrowJavaWrite", b::arrowJavaWrite);
            methods.put("copyFloor", b::copyFloor);
            return new Codec(dataset, b.rows(), b.jsonBytes(), b.arrowBytes(),
                    PairedRun.roundRobin(methods, rounds, CODEC_WARM_UP, CODEC_SLICE));
        } finally {
            b.tearDown();
        }
    }

    /** Runs {@link ArrowInferBenchmark}'s calls round-robin. */
    static Infer infer(String dataset, int rounds) throws Exception {
        ArrowInferBenchmark b = new ArrowInferBenchmark();
        b.dataset = dataset;
        b.setup();
        try {
            Map<String, Callable<Object>> methods = new LinkedHashMap<>();
            methods.put("sdkArrow", b::sdkArrow);
            methods.put("sdkRecords", b::sdkRecords);
            methods.put("rawArrow", b::rawArrow);
            Map<String, Integer> request = new LinkedHashMap<>();
            request.put("sdkArrow", ArrowTables.toFile(InferenceData.table(dataset)).length);
            request.put("sdkRecords", PandasRecords.toBytes(InferenceData.table(dataset)).length);
            try (RootAllocator a = new RootAllocator()) {
                long[] values = InferenceData.table(dataset).tensor("text_input").toLongArray();
                request.put("rawArrow", ArrowJavaBaseline.writeTensor(a, "text_input", values, 50).length);
            }
            Map<String, Integer> answer = new LinkedHashMap<>();
            answer.put("sdkArrow", InferenceData.arrowAnswer(dataset).length);
            answer.put("sdkRecords", InferenceData.recordsAnswer(dataset).length);
            answer.put("rawArrow", InferenceData.arrowAnswer(dataset).length);
            return new Infer(b.rows(), request, answer, PairedRun.roundRobin(methods, rounds, INFER_WARM_UP, INFER_SLICE));
        } finally {
            b.tearDown();
        }
    }

    /** The codec tables: sizes, decode, encode. */
    static String codecTables(List<Codec> all) {
        StringBuilder out = new StringBuilder();
        out.append("| dataset | rows | JSON bytes | Arrow bytes | JSON bytes/row | Arrow bytes/row | Arrow / JSON size |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Codec c : all) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,.1f | %,.1f | %.2fx |%n", c.dataset(), c.rows(),
                    c.jsonBytes(), c.arrowBytes(), (double) c.jsonBytes() / c.rows(), (double) c.arrowBytes() / c.rows(),
                    (double) c.arrowBytes() / c.jsonBytes()));
        }
        for (String op : new String[] {"Decode", "Encode"}) {
            String arrow = op.equals("Decode") ? "arrowDecode" : "arrowEncode";
            String json = op.equals("Decode") ? "jsonDecode" : "jsonEncode";
            String java = op.equals("Decode") ? "arrowJavaRead" : "arrowJavaWrite";
            out.append(String.format(Locale.ROOT, "%n%s (thread CPU time, median ms per call; GB/s = 10^9 Arrow bytes per second):%n%n", op));
            out.append("| dataset | Arrow ms | Arrow GB/s | JSON ms | Arrow speed-up over JSON | Arrow Java ms | Arrow / Arrow Java time "
                    + "| JSON / Arrow Java time | copy floor ms | Arrow heap bytes/row | JSON heap bytes/row | Arrow Java heap bytes/row |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Codec c : all) {
                Measured a = c.m().get(arrow);
                Measured j = c.m().get(json);
                Measured x = c.m().get(java);
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1fx | %.2f | %.2f | %.1fx | %.2f | %,.0f | %,.0f | %,.0f |%n",
                        c.dataset(), a.cpuNanos() / 1e6, c.arrowBytes() / a.cpuNanos(), j.cpuNanos() / 1e6,
                        j.cpuNanos() / a.cpuNanos(), x.cpuNanos() / 1e6, a.cpuNanos() / x.cpuNanos(),
                        j.cpuNanos() / x.cpuNanos(), c.m().get("copyFloor").cpuNanos() / 1e6,
                        a.allocatedBytes() / c.rows(), j.allocatedBytes() / c.rows(), x.allocatedBytes() / c.rows()));
            }
        }
        out.append("\n(JSON: `TensorJson` for data-25k, `PandasRecords` for aloha-1k-out; Arrow: `ArrowTables.readFile` / `toFile`;"
                + " Arrow Java: `ArrowFileReader` / `ArrowFileWriter` and bulk copies to / from heap arrays, no table;"
                + " JSON / Arrow Java: the speed-up the hand-written limit reaches; copy floor: one copy of the Arrow file into a new array;"
                + " heap bytes/row: what the calling thread allocated on the heap, Arrow's direct buffers not included)\n");
        return out.toString();
    }

    /** The inference table. */
    static String inferTable(Infer r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Whole call, %,d rows (medians per call):%n%n", r.rows()));
        out.append("| path | thread CPU ms | calls/s (thread CPU) | process CPU ms | wall ms | calls/s (wall) "
                + "| heap bytes/row | request bytes | answer bytes |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Measured> e : r.m().entrySet()) {
            Measured m = e.getValue();
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %,.0f | %,d | %,d |%n",
                    PATHS.get(e.getKey()), m.cpuNanos() / 1e6, 1e9 / m.cpuNanos(), m.processCpuNanos() / 1e6,
                    m.wallNanos() / 1e6, 1e9 / m.wallNanos(), m.allocatedBytes() / r.rows(),
                    r.requestBytes().get(e.getKey()), r.answerBytes().get(e.getKey())));
        }
        out.append("\n(process CPU adds GC, JIT and the in-process server's threads; heap bytes/row: allocated by the calling"
                + " thread, what JMH's gc.alloc.rate.norm counts, / rows)\n");
        return out.toString();
    }

    /** Issue 13's targets against the medians, with what the hand-written Arrow Java code reaches. */
    static String targets(List<Codec> codecs, Infer infer) {
        StringBuilder out = new StringBuilder("| target | infer4j | hand-written Arrow Java | met? |\n|---|---:|---:|---|\n");
        for (Codec c : codecs) {
            for (String op : new String[] {"decode", "encode"}) {
                Measured a = c.m().get("arrow" + capitalized(op));
                Measured j = c.m().get("json" + capitalized(op));
                Measured x = c.m().get(op.equals("decode") ? "arrowJavaRead" : "arrowJavaWrite");
                double speedUp = j.cpuNanos() / a.cpuNanos();
                double gbs = c.arrowBytes() / a.cpuNanos();
                out.append(String.format(Locale.ROOT, "| %s %s >= 10x JSON | %.1fx | %.1fx | %s |%n", c.dataset(), op, speedUp,
                        j.cpuNanos() / x.cpuNanos(), met(speedUp >= 10)));
                out.append(String.format(Locale.ROOT, "| %s %s >= 1 GB/s of Arrow bytes | %.2f GB/s | %.2f GB/s | %s |%n", c.dataset(),
                        op, gbs, c.arrowBytes() / x.cpuNanos(), met(gbs >= 1)));
            }
        }
        if (infer != null) {
            Measured a = infer.m().get("sdkArrow");
            Measured b = infer.m().get("sdkRecords");
            Measured c = infer.m().get("rawArrow");
            double calls = b.cpuNanos() / a.cpuNanos();
            double time = a.cpuNanos() / c.cpuNanos();
            out.append(String.format(Locale.ROOT, "| (a) >= 3x the calls/s of (b) | %.2fx (wall %.2fx) | (c) / (b): %.2fx (wall %.2fx) | %s |%n",
                    calls, b.wallNanos() / a.wallNanos(), b.cpuNanos() / c.cpuNanos(), b.wallNanos() / c.wallNanos(), met(calls >= 3)));
            out.append(String.format(Locale.ROOT, "| (a) time <= 1.05x (c) | %.2fx (wall %.2fx) | - | %s |%n", time,
                    a.wallNanos() / c.wallNanos(), met(time <= 1.05)));
        }
        return out.append("\n(judged on thread CPU time medians; the middle columns are infer4j's figure and the same figure for"
                + " the hand-written Arrow Java code in place of infer4j's Arrow path)\n").toString();
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String met(boolean met) {
        return met ? "met" : "**missed**";
    }

    /** Entry point: {@code [rounds (9)] [codec|infer|all (all)]}. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String what = args.length > 1 ? args[1] : "all";
        if (!List.of("codec", "infer", "all").contains(what)) {
            throw new IllegalArgumentException("second argument: codec, infer or all, not " + what);
        }
        List<Codec> codecs = new ArrayList<>();
        if (!what.equals("infer")) {
            for (String ds : List.of(Datasets.TENSOR_25K, Datasets.RECORDS_OUT_1K)) {
                codecs.add(codec(ds, rounds));
            }
        }
        Infer infer = what.equals("codec") ? null : infer(InferenceData.TWENTY_FIVE_K, rounds);
        StringBuilder out = new StringBuilder();
        if (!codecs.isEmpty()) {
            out.append(codecTables(codecs)).append('\n');
        }
        if (infer != null) {
            out.append(inferTable(infer)).append('\n');
        }
        out.append(targets(codecs, infer));
        out.append(String.format(Locale.ROOT, "%nrounds: %d; %s: %s; %s: %s%n", rounds, Datasets.TENSOR_25K,
                Datasets.source(Datasets.TENSOR_25K), Datasets.RECORDS_OUT_1K, Datasets.source(Datasets.RECORDS_OUT_1K)));
        System.out.println(out);
    }
}
