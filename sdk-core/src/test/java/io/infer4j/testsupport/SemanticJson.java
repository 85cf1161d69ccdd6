package io.infer4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.internal.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares two JSON documents by meaning: same values and types (an integer is not a float),
 * arrays in order, objects as key sets (key order is not part of JSON's data model), numbers by
 * value (1e-5 equals 0.00001; NaN equals NaN).
 */
public final class SemanticJson {
    private SemanticJson() {
    }

    /** Fails with the first difference unless the two documents mean the same. */
    public static void assertEqual(byte[] expected, byte[] actual) {
        String diff = diff(Json.readTree(expected, "expected"), Json.readTree(actual, "actual"), "$");
        assertThat(diff).as("semantic JSON difference").isNull();
    }

    private static String diff(JsonNode a, JsonNode b, String path) {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() != b.isIntegralNumber()) {
                return path + ": " + a + " vs " + b + " (integer vs float)";
            }
            boolean same = a.isIntegralNumber() ? a.bigIntegerValue().equals(b.bigIntegerValue())
                    : Double.compare(a.doubleValue(), b.doubleValue()) == 0;
            return same ? null : path + ": " + a + " vs " + b;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return path + ": " + a.getNodeType() + " vs " + b.getNodeType() + " (" + abbreviate(a) + " vs " + abbreviate(b) + ")";
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return path + ": array of " + a.size() + " vs " + b.size();
            }
            for (int i = 0; i < a.size(); i++) {
                String d = diff(a.get(i), b.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return path + ": keys " + names(a) + " vs " + names(b);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null) {
                    return path + ": missing key " + e.getKey();
                }
                String d = diff(e.getValue(), other, path + "." + e.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + ": " + abbreviate(a) + " vs " + abbreviate(b);
    }

    private static String names(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        n.fieldNames().forEachRemaining(k -> sb.append(k).append(','));
        return sb.toString();
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
