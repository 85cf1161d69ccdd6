package io.infer4j.table.codec;

import io.infer4j.table.ColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Csv} reads and writes. Immutable; start from {@link #defaults()}.
 *
 * @param header      whether the first record holds the column names (read) / is written (write)
 * @param delimiter   the field separator
 * @param columnNames names for a file without header (default {@code column_0}, ...), or to replace the header's; may be null
 * @param types       column types to enforce; other columns are inferred (int64, then float64, then bool, then string)
 */
public record CsvOptions(boolean header, char delimiter, List<String> columnNames, Map<String, ColumnType> types) {
    /** Validates and copies. */
    public CsvOptions {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("delimiter must not be a quote or line break");
        }
        columnNames = columnNames == null ? null : List.copyOf(columnNames);
        types = Map.copyOf(Objects.requireNonNull(types, "types"));
    }

    /** Header, comma, inferred types. */
    public static CsvOptions defaults() {
        return new CsvOptions(true, ',', null, Map.of());
    }

    /** With or without header. */
    public CsvOptions withHeader(boolean hasHeader) {
        return new CsvOptions(hasHeader, delimiter, columnNames, types);
    }

    /** With another delimiter. */
    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(header, d, columnNames, types);
    }

    /** With column names. */
    public CsvOptions withColumnNames(List<String> names) {
        return new CsvOptions(header, delimiter, names, types);
    }

    /** With the type of a column fixed. */
    public CsvOptions withType(String column, ColumnType type) {
        Map<String, ColumnType> m = new LinkedHashMap<>(types);
        m.put(column, type);
        return new CsvOptions(header, delimiter, columnNames, m);
    }
}
