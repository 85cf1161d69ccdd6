package io.infer4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Random;

/**
 * The benchmark inputs: the Wallaroo recordings from {@code ../shared/contract} when present
 * (or {@code -Dinfer4j.shared.dir}), otherwise generated data of the same shape, so the
 * benchmarks run in any clone.
 */
public final class Datasets {
    /** Legacy tensor JSON, 24,954 rows x 50 ints. */
    public static final String TENSOR_25K = "data-25k";
    /** pandas-records input, 1,000 rows x 50 ints, pretty-printed. */
    public static final String RECORDS_1K = "data_1k.df";
    /** Recorded pandas-records inference output, 1,000 rows with in/out/anomaly/metadata. */
    public static final String RECORDS_OUT_1K = "aloha-1k-out";

    private Datasets() {
    }

    /** The bytes of a dataset. */
    public static byte[] load(String name) {
        Path file = contractFile(name);
        try {
            if (file != null && Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return generate(name).getBytes(StandardCharsets.UTF_8);
    }

    /** Where the dataset came from, for the report. */
    public static String source(String name) {
        Path file = contractFile(name);
        return file != null && Files.isRegularFile(file) ? file.toString() : "generated (same shape)";
    }

    private static Path contractFile(String name) {
        Path root = contractRoot();
        if (root == null) {
            return null;
        }
        return switch (name) {
            case TENSOR_25K -> root.resolve("wallaroo/inputs/tensor/data-25k.json");
            case RECORDS_1K -> root.resolve("wallaroo/inputs/pandas-records/data_1k.df.json");
            case RECORDS_OUT_1K -> root.resolve("wallaroo/recorded/inference/aloha_data_1k.arrow-in.pandas-records-out.2025-07.json");
            default -> throw new IllegalArgumentException("unknown dataset " + name);
        };
    }

    private static Path contractRoot() {
        String prop = System.getProperty("infer4j.shared.dir");
        if (prop != null && Files.isDirectory(Paths.get(prop, "contract"))) {
            return Paths.get(prop, "contract");
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("contract");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Same-shape data for a clone without ../shared. */
    static String generate(String name) {
        Random rnd = new Random(42);
        StringBuilder sb = new StringBuilder();
        switch (name) {
            case TENSOR_25K -> {
                sb.append("{\"text_input\":[");
                for (int r = 0; r < 24_954; r++) {
                    sb.append(r == 0 ? "" : ",\n");
                    row(sb, rnd, false);
                }
                sb.append("]}");
            }
            case RECORDS_1K -> {
                sb.append("[\n");
                for (int r = 0; r < 1000; r++) {
                    sb.append(r == 0 ? "" : ",\n").append("    {\n        \"text_input\":");
                    row(sb, rnd, false);
                    sb.append("\n    }");
                }
                sb.append("\n]");
            }
            case RECORDS_OUT_1K -> {
                String[] outs = {"banjori", "corebot", "cryptolocker", "dircrypt", "gozi", "kraken", "locky", "main", "matsnu",
                    "pykspa", "qakbot", "ramdo", "ramnit", "simda", "suppobox"};
                sb.append('[');
                for (int r = 0; r < 1000; r++) {
                    sb.append(r == 0 ? "" : ",").append("{\"time\":1752682622795,\"in\":{\"text_input\":");
                    row(sb, rnd, true);
                    sb.append("},\"out\":{");
                    for (int o = 0; o < outs.length; o++) {
                        sb.append(o == 0 ? "" : ",").append('"').append(outs[o]).append("\":[").append(rnd.nextFloat()).append(']');
                    }
                    sb.append("},\"anomaly\":{\"count\":0},\"metadata\":{\"last_model\":\"{\\\"model_name\\\":\\\"aloha\\\"}\","
                            + "\"pipeline_version\":\"ae78a9cc-e32b-4a57-a4e8-cbad97c35cab\",\"elapsed\":[532259,41287411],"
                            + "\"dropped\":[],\"partition\":\"engine-6f78786f66-hpmm2\"}}");
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("unknown dataset " + name);
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, Random rnd, boolean floats) {
        sb.append('[');
        int zeros = 20 + rnd.nextInt(25);
        for (int i = 0; i < 50; i++) {
            int v = i < zeros ? 0 : 12 + rnd.nextInt(26);
            sb.append(i == 0 ? "" : ",").append(floats ? String.format(Locale.ROOT, "%d.0", v) : Integer.toString(v));
        }
        sb.append(']');
    }
}
