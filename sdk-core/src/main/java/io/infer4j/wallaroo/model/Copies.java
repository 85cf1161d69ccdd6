package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Null-tolerant immutable copies for the records' constructors: servers send {@code null},
 * {@code []} or nothing for an empty list depending on the version, and JSON lists may hold
 * {@code null} elements that {@code List.copyOf} would reject. Beside the records rather than in
 * {@code wallaroo.internal}, because the internal code decodes into these records and they must
 * not call back into it.
 */
final class Copies {
    private Copies() {
    }

    /** An unmodifiable copy; {@code null} becomes empty; null elements are kept. */
    static <T> List<T> list(List<T> list) {
        return list == null || list.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable, order-keeping copy of the unknown fields; {@code null} becomes empty. */
    static Map<String, JsonNode> extras(Map<String, JsonNode> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
