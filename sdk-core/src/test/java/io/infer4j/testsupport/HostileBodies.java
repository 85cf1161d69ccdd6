package io.infer4j.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A corpus of hostile response bodies (more than 200): truncated documents, wrong types, huge
 * numbers, deep nesting, invalid UTF-8, HTML error pages, empty and {@code null}. Every decoder
 * and typed client must answer each with one of infer4j's typed exceptions (or a value), never an
 * NPE, ClassCastException, StackOverflowError or OutOfMemoryError.
 */
public final class HostileBodies {
    /** Valid documents of the shapes our decoders read; truncated and mutated below. */
    private static final List<String> SEEDS = List.of(
            "[{\"time\":1700000000000,\"in\":{\"tensor\":[1.0,2.5]},\"out\":{\"dense_1\":[0.001]},\"anomaly\":{\"count\":0},\"metadata\":{\"last_model\":\"{\\\"model_name\\\":\\\"m\\\"}\",\"pipeline_version\":\"v\",\"elapsed\":[1,2],\"dropped\":[],\"partition\":\"p\"}}]",
            "{\"text_input\":[[1,2,3],[4,5,6]]}",
            "{\"columns\":[\"a\",\"b\"],\"index\":[0,1],\"data\":[[1,\"x\"],[2,\"y\"]]}",
            "{\"data\":{\"a\":{\"0\":1,\"1\":2}},\"dtypes\":{\"a\":\"int64\"},\"index\":{\"type\":\"RangeIndex\",\"values\":[0,1]},\"orient\":\"columns\",\"name\":\"ds\"}",
            "[{\"model_name\":\"m\",\"model_version\":\"v\",\"pipeline_name\":\"p\",\"outputs\":[{\"Float\":{\"v\":1,\"dim\":[1,1],\"data\":[0.5]}}],\"elapsed\":10,\"time\":1,\"check_failures\":[],\"shadow_data\":{}}]",
            "{\"workspaces\":[{\"id\":1,\"name\":\"w\",\"created_at\":\"2023-01-01T00:00:00Z\",\"archived\":false,\"pipelines\":[1],\"models\":[2]}]}",
            "{\"pipelines\":[{\"id\":1,\"name\":\"p\",\"owner_id\":\"u\",\"pipeline_versions\":[{\"id\":2}]}]}",
            "{\"status\":\"Running\",\"details\":[],\"engines\":[{\"ip\":\"1.2.3.4\",\"status\":\"Running\"}]}",
            "{\"access_token\":\"a.b.c\",\"expires_in\":300,\"refresh_expires_in\":1800,\"refresh_token\":\"r\",\"token_type\":\"Bearer\"}",
            "{\"model\":\"m\",\"result\":[1.0,2.0,NaN],\"resource_uri\":\"m\"}",
            "{\"task_id\":\"t\",\"status\":\"SUCCESS\",\"response\":{\"model\":\"m\",\"result\":[1]}}",
            "{\"meta\":{\"limit\":20,\"next\":null,\"offset\":0,\"total_count\":1},\"objects\":[{\"name\":\"ds\",\"kind\":\"pandas.dfrows\"}]}");

    private HostileBodies() {
    }

    /** The corpus: deterministic, 200+ entries, each with a label for test names. */
    public static List<Body> corpus() {
        List<Body> out = new ArrayList<>();
        add(out, "empty", "");
        add(out, "whitespace", "  \n\t ");
        add(out, "null", "null");
        add(out, "true", "true");
        add(out, "number", "42");
        add(out, "string", "\"hello\"");
        add(out, "empty-object", "{}");
        add(out, "empty-array", "[]");
        add(out, "array-of-null", "[null]");
        add(out, "array-of-numbers", "[1,2,3]");
        add(out, "nested-empty", "[[],[{}],{}]");
        add(out, "html-404", "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>");
        // Bodies that look like Arrow IPC (decoders sniff the magic): the Arrow module's own corpus
        // (sdk-arrow HostileArrow) holds the binary ones.
        add(out, "arrow-magic-only", "ARROW1");
        add(out, "arrow-magic-then-json", "ARROW1\0\0[{\"a\":1}]");
        add(out, "arrow-magic-both-ends", "ARROW1\0\0ARROW1");
        add(out, "arrow-stream-marker", "\u00ff\u00ff\u00ff\u00ff\u0010\0\0\0");
        add(out, "html-502", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        add(out, "plain-text", "upstream request timeout");
        add(out, "xml", "<?xml version=\"1.0\"?><error><code>500</code></error>");
        add(out, "huge-int", "{\"a\":123456789012345678901234567890123456789012345678901234567890}");
        add(out, "huge-exponent", "{\"a\":1e999999999}");
        add(out, "tiny-exponent", "[1e-999999999]");
        add(out, "long-string", "{\"a\":\"" + "x".repeat(2_000_000) + "\"}");
        add(out, "long-number", "[" + "9".repeat(5_000) + "]");
        add(out, "deep-array", "[".repeat(100_000) + "]".repeat(100_000));
        add(out, "deep-object", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000));
        add(out, "unclosed-deep", "[".repeat(200_000));
        add(out, "nan-bare", "[NaN, Infinity, -Infinity]");
        add(out, "bom", "\uFEFF{\"a\":1}");
        add(out, "trailing-garbage", "{\"a\":1} trailing");
        add(out, "single-quotes", "{'a': 1}");
        add(out, "comments", "/* c */ {\"a\":1}");
        add(out, "duplicate-keys", "{\"a\":1,\"a\":\"two\"}");
        add(out, "control-chars", "{\"a\":\"\u0001\u0002\"}");
        out.add(new Body("invalid-utf8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        out.add(new Body("lone-continuation", new byte[] {'[', '"', (byte) 0x80, (byte) 0x80, '"', ']'}));
        out.add(new Body("utf16", "{\"a\":1}".getBytes(StandardCharsets.UTF_16)));
        Random random = new Random(20261124L);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        out.add(new Body("binary-noise", noise));
        for (int s = 0; s < SEEDS.size(); s++) {
            String seed = SEEDS.get(s);
            // Every seed truncated at 8 spread-out points.
            for (int k = 1; k <= 8; k++) {
                int cut = Math.max(1, seed.length() * k / 9);
                add(out, "seed" + s + "-truncated-" + cut, seed.substring(0, cut));
            }
            // Wrong types: every number becomes a string, an object, an array, null, a huge number.
            add(out, "seed" + s + "-numbers-as-strings", seed.replaceAll("(?<=[:\\[,])(-?\\d+(\\.\\d+)?)", "\"$1\""));
            add(out, "seed" + s + "-numbers-as-objects", seed.replaceAll("(?<=[:\\[,])(-?\\d+(\\.\\d+)?)", "{}"));
            add(out, "seed" + s + "-numbers-as-arrays", seed.replaceAll("(?<=[:\\[,])(-?\\d+(\\.\\d+)?)", "[[]]"));
            add(out, "seed" + s + "-numbers-as-null", seed.replaceAll("(?<=[:\\[,])(-?\\d+(\\.\\d+)?)", "null"));
            add(out, "seed" + s + "-numbers-huge", seed.replaceAll("(?<=[:\\[,])(-?\\d+(\\.\\d+)?)", "1e400"));
            add(out, "seed" + s + "-strings-as-numbers", seed.replaceAll("\"([a-z_]+)\"(?=[,}\\]])", "7"));
            add(out, "seed" + s + "-arrays-as-objects", seed.replace('[', '{').replace(']', '}'));
            add(out, "seed" + s + "-objects-as-arrays", seed.replace('{', '[').replace('}', ']'));
            add(out, "seed" + s + "-wrapped-in-array", "[" + seed + "]");
            add(out, "seed" + s + "-wrapped-in-object", "{\"data\":" + seed + "}");
            // Random byte flips.
            for (int k = 0; k < 3; k++) {
                byte[] b = seed.getBytes(StandardCharsets.UTF_8);
                for (int f = 0; f < 3; f++) {
                    b[random.nextInt(b.length)] = (byte) "{}[]\",:0-eE.\\n\u0000".charAt(random.nextInt(15));
                }
                out.add(new Body("seed" + s + "-flipped-" + k, b));
            }
        }
        return out;
    }

    private static void add(List<Body> out, String label, String body) {
        out.add(new Body(label, body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * One hostile body.
     *
     * @param label what it is, for test names
     * @param bytes the bytes
     */
    public record Body(String label, byte[] bytes) {
        @Override
        public String toString() {
            return label + " (" + bytes.length + " bytes)";
        }
    }
}
