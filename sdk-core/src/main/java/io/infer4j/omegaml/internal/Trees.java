package io.infer4j.omegaml.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.DecodeException;
import java.util.ArrayList;
import java.util.List;

/** Lenient reads of omega-ml JSON trees: the two editions name and shape fields differently. */
public final class Trees {
    private Trees() {
    }

    /** The field as text, or {@code null} when absent or JSON null. Objects and arrays come back as JSON. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** The first of {@code fields} that is present. */
    public static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String t = text(node, f);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** The field itself, or JSON null (never Java null). */
    public static JsonNode field(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isMissingNode() ? io.infer4j.core.internal.Json.mapper().nullNode() : v;
    }

    /** Text items of an array field; an object or null gives an empty list (omega-ml sends {@code {}} for "none yet"). */
    public static List<String> texts(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(e.isValueNode() ? e.asText() : e.toString()));
        }
        return List.copyOf(out);
    }

    /** The body must be a JSON object; anything else is a {@link DecodeException} naming {@code what}. */
    public static JsonNode requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new DecodeException("Cannot decode " + what + ": expected a JSON object but got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }
}
