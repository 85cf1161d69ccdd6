package io.infer4j.wallaroo.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Null-tolerant immutable copies for the clients' private answer records: servers send
 * {@code null}, {@code []} or nothing for an empty list depending on the version, and JSON lists
 * may hold {@code null} elements that {@code List.copyOf} would reject. Not API. (The public
 * records in {@code wallaroo.model} have their own copy of this rule, so they need nothing internal.)
 */
public final class Immutable {
    private Immutable() {
    }

    /** An unmodifiable copy; {@code null} becomes empty; null elements are kept. */
    public static <T> List<T> list(List<T> list) {
        return list == null || list.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
