package io.infer4j.table.codec;

import io.infer4j.table.ColumnType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the JSON codecs read a table. Immutable; start from {@link #defaults()}.
 *
 * @param types            column types to enforce (others are inferred); a value that does not fit is a
 *                         {@code DecodeException}, e.g. {@code TIMESTAMP} reads ISO-8601 strings and epoch milliseconds
 * @param flattenSeparator records only: a nested object under key {@code k} becomes columns {@code k<sep>child}
 *                         (Wallaroo's {@code dataset.separator}); null keeps it as one JSON column
 */
public record ReadOptions(Map<String, ColumnType> types, String flattenSeparator) {
    /** Validates and copies. */
    public ReadOptions {
        types = Map.copyOf(Objects.requireNonNull(types, "types"));
        if (flattenSeparator != null && flattenSeparator.isEmpty()) {
            throw new IllegalArgumentException("flattenSeparator must not be empty");
        }
    }

    /** Inferred types; nested record objects flattened with {@code "."} (like Wallaroo's own SDK). */
    public static ReadOptions defaults() {
        return new ReadOptions(Map.of(), ".");
    }

    /** With the type of one more column fixed. */
    public ReadOptions withType(String column, ColumnType type) {
        Map<String, ColumnType> m = new LinkedHashMap<>(types);
        m.put(column, type);
        return new ReadOptions(m, flattenSeparator);
    }

    /** With the types of these columns fixed. */
    public ReadOptions withTypes(Map<String, ColumnType> columnTypes) {
        Map<String, ColumnType> m = new LinkedHashMap<>(types);
        m.putAll(columnTypes);
        return new ReadOptions(m, flattenSeparator);
    }

    /** Records: flatten nested objects with this separator. */
    public ReadOptions withFlattening(String separator) {
        return new ReadOptions(types, separator);
    }

    /** Records: keep nested objects as JSON columns. */
    public ReadOptions keepNested() {
        return new ReadOptions(types, null);
    }
}
