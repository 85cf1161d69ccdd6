package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, columnar, typed table: an ordered list of uniquely named {@link Column}s of equal
 * length and an optional {@link Index} of row labels (absent means the default 0..n-1).
 *
 * <pre>{@code
 * Table t = Table.builder()
 *         .addInt64("id", 1, 2, 3)
 *         .addFloat64("score", 0.5, Double.NaN, 1.0)
 *         .addString("name", "a", null, "ç")
 *         .build();
 * double[] scores = t.float64("score").toDoubleArray();
 * }</pre>
 *
 * <p>Codecs for the pandas/Wallaroo/omega-ml wire formats are in {@code io.infer4j.table.codec}.
 */
public final class Table {
    private static final int DISPLAY_ROWS = 10;

    private final List<Column> columns;
    private final Map<String, Integer> positions;
    private final int rows;
    private final Index index;

    private Table(List<Column> columns, Index index, int rowsIfNoColumns) {
        Map<String, Integer> pos = new HashMap<>();
        int n = columns.isEmpty() ? (index != null ? index.size() : rowsIfNoColumns) : columns.get(0).size();
        for (int i = 0; i < columns.size(); i++) {
            Column c = Objects.requireNonNull(columns.get(i), "column");
            if (pos.putIfAbsent(c.name(), i) != null) {
                throw new IllegalArgumentException("duplicate column name '" + c.name() + "'");
            }
            if (c.size() != n) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size() + " rows, expected " + n
                        + " (like column '" + columns.get(0).name() + "')");
            }
        }
        if (index != null && index.size() != n) {
            throw new IllegalArgumentException("index has " + index.size() + " labels but the table has " + n + " rows");
        }
        this.columns = List.copyOf(columns);
        this.positions = pos;
        this.rows = n;
        this.index = index == null || index.isDefaultRange() && index.pandasType().equals("RangeIndex")
                && index.names().get(0) == null ? null : index;
    }

    /** A table of these columns (names unique, lengths equal), without an index. */
    public static Table of(Column... columns) {
        return new Table(Arrays.asList(columns), null, 0);
    }

    /** A table of these columns (names unique, lengths equal), without an index. */
    public static Table of(List<? extends Column> columns) {
        return new Table(new ArrayList<>(columns), null, 0);
    }

    /** A table with no columns and {@code rows} rows (pandas allows this; e.g. an index-only frame). */
    public static Table empty(int rows) {
        return new Table(List.of(), null, rows);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A table from row maps (e.g. parsed records); column order is first appearance, a key missing
     * from a row is a missing cell, types are inferred as {@link ColumnBuilder#of(String)} does.
     */
    public static Table fromRows(List<? extends Map<String, ?>> rows) {
        return fromRows(rows, Map.of());
    }

    /** Like {@link #fromRows(List)}, with the types of some columns given. */
    public static Table fromRows(List<? extends Map<String, ?>> rows, Map<String, ColumnType> types) {
        Map<String, ColumnBuilder> builders = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            for (Map.Entry<String, ?> e : rows.get(r).entrySet()) {
                String name = e.getKey();
                ColumnBuilder b = builders.computeIfAbsent(name, k -> {
                    ColumnType t = types.get(k);
                    return t == null ? ColumnBuilder.of(k) : ColumnBuilder.of(k, t);
                });
                b.appendNulls(r - b.size());
                b.append(e.getValue());
            }
        }
        List<Column> cols = new ArrayList<>();
        for (ColumnBuilder b : builders.values()) {
            b.appendNulls(rows.size() - b.size());
            cols.add(b.build());
        }
        return new Table(cols, null, rows.size());
    }

    // ------------------------------------------------------------------ shape and access

    /** Number of rows. */
    public int rowCount() {
        return rows;
    }

    /** Number of columns. */
    public int columnCount() {
        return columns.size();
    }

    /** The columns in order. */
    public List<Column> columns() {
        return columns;
    }

    /** The column names in order. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** The row labels, if the table has an index other than the default 0..n-1. */
    public Optional<Index> index() {
        return Optional.ofNullable(index);
    }

    /** Whether a column of this name exists. */
    public boolean hasColumn(String name) {
        return positions.containsKey(name);
    }

    /** The column at position {@code i}. */
    public Column column(int i) {
        return columns.get(i);
    }

    /** The named column. @throws IllegalArgumentException if there is none */
    public Column column(String name) {
        Integer i = positions.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + columnNames());
        }
        return columns.get(i);
    }

    /** The named int64 column. */
    public Int64Column int64(String name) {
        return typed(name, Int64Column.class, ColumnType.INT64);
    }

    /** The named float64 column. */
    public Float64Column float64(String name) {
        return typed(name, Float64Column.class, ColumnType.FLOAT64);
    }

    /** The named float32 column. */
    public Float32Column float32(String name) {
        return typed(name, Float32Column.class, ColumnType.FLOAT32);
    }

    /** The named bool column. */
    public BoolColumn bools(String name) {
        return typed(name, BoolColumn.class, ColumnType.BOOL);
    }

    /** The named string column. */
    public StringColumn strings(String name) {
        return typed(name, StringColumn.class, ColumnType.STRING);
    }

    /** The named timestamp column. */
    public TimestampColumn timestamps(String name) {
        return typed(name, TimestampColumn.class, ColumnType.TIMESTAMP);
    }

    /** The named tensor column. */
    public TensorColumn tensor(String name) {
        return typed(name, TensorColumn.class, ColumnType.TENSOR);
    }

    /** The named JSON column. */
    public JsonColumn json(String name) {
        return typed(name, JsonColumn.class, ColumnType.JSON);
    }

    private <C extends Column> C typed(String name, Class<C> cls, ColumnType type) {
        Column c = column(name);
        if (!cls.isInstance(c)) {
            throw new IllegalArgumentException("column '" + name + "' is " + c.type() + ", not " + type);
        }
        return cls.cast(c);
    }

    /** The cell at ({@code row}, {@code column}) as an object (see {@link Column#get(int)}). */
    public Object get(int row, String column) {
        return column(column).get(row);
    }

    /** The rows as maps in column order (boxes every cell; for small tables and tests). */
    public List<Map<String, Object>> toRows() {
        List<Map<String, Object>> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column c : columns) {
                row.put(c.name(), c.get(r));
            }
            out.add(row);
        }
        return out;
    }

    // ------------------------------------------------------------------ derived tables

    /** The same columns with these row labels (null removes the index). */
    public Table withIndex(Index newIndex) {
        return new Table(columns, newIndex, rows);
    }

    /** This table plus (or with a replaced) column of the same length. */
    public Table withColumn(Column column) {
        List<Column> cols = new ArrayList<>(columns);
        Integer i = positions.get(column.name());
        if (i == null) {
            cols.add(column);
        } else {
            cols.set(i, column);
        }
        return new Table(cols, index, rows);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive); the index is sliced too. */
    public Table slice(int from, int to) {
        Objects.checkFromToIndex(from, to, rows);
        List<Column> cols = new ArrayList<>(columns.size());
        for (Column c : columns) {
            cols.add(c.slice(from, to));
        }
        return new Table(cols, index == null ? (from == 0 ? null : Index.range(from, 1, to - from)) : index.slice(from, to), to - from);
    }

    /** The first {@code n} rows (all rows if fewer). */
    public Table head(int n) {
        return slice(0, Math.min(Math.max(n, 0), rows));
    }

    /** These columns, in this order, with the index. */
    public Table select(String... names) {
        List<Column> cols = new ArrayList<>(names.length);
        for (String n : names) {
            cols.add(column(n));
        }
        return new Table(cols, index, rows);
    }

    /**
     * These tables' rows one after another. All must have the same column names and types in the
     * same order. Without indexes the result has the default index; otherwise the labels are
     * concatenated (a missing index counts as 0..n-1, as in pandas).
     */
    public static Table concat(List<Table> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("nothing to concat");
        }
        Table first = tables.get(0);
        for (Table t : tables) {
            if (t.columns.size() != first.columns.size()) {
                throw new IllegalArgumentException("cannot concat tables with different columns: " + first.columnNames()
                        + " vs " + t.columnNames());
            }
            for (int i = 0; i < t.columns.size(); i++) {
                Column a = first.columns.get(i);
                Column b = t.columns.get(i);
                if (!a.name().equals(b.name()) || a.type() != b.type()) {
                    throw new IllegalArgumentException("cannot concat: column " + i + " is " + a.name() + ":" + a.type()
                            + " in the first table but " + b.name() + ":" + b.type() + " in another");
                }
            }
        }
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < first.columns.size(); i++) {
            int col = i;
            // All parts at once: folding pairwise would copy the growing prefix again for every part.
            cols.add(concatColumns(tables.stream().map(t -> t.columns.get(col)).toList()));
        }
        Index idx = null;
        boolean anyIndex = tables.stream().anyMatch(t -> t.index != null);
        int total = 0;
        for (Table t : tables) {
            Index ti = t.index != null ? t.index : Index.range(t.rows);
            idx = idx == null ? ti : anyIndex ? idx.concat(ti) : null;
            total += t.rows;
        }
        return new Table(cols, anyIndex ? idx : null, total);
    }

    /** {@code this} followed by {@code other} (see {@link #concat(List)}). */
    public Table concat(Table other) {
        return concat(List.of(this, other));
    }

    static Column concatColumns(Column a, Column b) {
        return concatColumns(List.of(a, b));
    }

    static Column concatColumns(List<Column> parts) {
        Column a = parts.get(0);
        for (Column b : parts) {
            if (a instanceof TensorColumn ta && ta.elementType() != ((TensorColumn) b).elementType()) {
                throw new IllegalArgumentException("cannot concat tensor column '" + a.name() + "': " + ta.elementType()
                        + " vs " + ((TensorColumn) b).elementType());
            }
            if (a instanceof TimestampColumn ts && !ts.zone().equals(((TimestampColumn) b).zone())) {
                throw new IllegalArgumentException("cannot concat timestamp column '" + a.name() + "' in different zones");
            }
        }
        ColumnBuilder cb = a.likeBuilder();
        for (Column c : parts) {
            for (int r = 0; r < c.size(); r++) {
                Object v = c.get(r);
                cb.append(v instanceof java.time.ZonedDateTime z ? z.toInstant() : v);
            }
        }
        return cb.build();
    }

    // ------------------------------------------------------------------ object methods

    /**
     * Equal when columns (names, types, cells: NaN equals NaN, null equals null) and row labels are
     * equal. An absent index is the labels 0..n-1, so it equals an explicit index with those labels
     * (a frame read back from a server reports {@code Index} where {@code RangeIndex} was written).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.rows == rows && t.columns.equals(columns) && labels().equals(t.labels());
    }

    private Index labels() {
        return index != null ? index : Index.range(rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, columns);
    }

    /** A pandas-like rendering: up to 10 rows (first and last 5 of larger tables) and a size footer. */
    @Override
    public String toString() {
        int[] shown = rows <= DISPLAY_ROWS ? range(0, rows) : concatRanges(range(0, 5), range(rows - 5, rows));
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[columns.size() + 1];
        header[0] = "";
        for (int c = 0; c < columns.size(); c++) {
            header[c + 1] = columns.get(c).name();
        }
        cells.add(header);
        for (int k = 0; k < shown.length; k++) {
            if (rows > DISPLAY_ROWS && k == 5) {
                String[] dots = new String[header.length];
                Arrays.fill(dots, "...");
                cells.add(dots);
            }
            int r = shown[k];
            String[] line = new String[header.length];
            line[0] = String.valueOf(index == null ? (Object) r : index.get(r));
            for (int c = 0; c < columns.size(); c++) {
                String s = columns.get(c).display(r);
                line[c + 1] = s.length() > 30 ? s.substring(0, 27) + "..." : s;
            }
            cells.add(line);
        }
        int[] width = new int[header.length];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                if (c > 0) {
                    sb.append("  ");
                }
                sb.append(" ".repeat(width[c] - line[c].length())).append(line[c]);
            }
            sb.append('\n');
        }
        return sb.append('\n').append('[').append(rows).append(" rows x ").append(columns.size()).append(" columns]").toString();
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int[] concatRanges(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Collects columns (and optionally an index) for a {@link Table}. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private Index index;

        private Builder() {
        }

        /** Adds a column. */
        public Builder add(Column column) {
            columns.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        /** Adds an int64 column. */
        public Builder addInt64(String name, long... values) {
            return add(Column.int64(name, values));
        }

        /** Adds a float64 column. */
        public Builder addFloat64(String name, double... values) {
            return add(Column.float64(name, values));
        }

        /** Adds a float32 column. */
        public Builder addFloat32(String name, float... values) {
            return add(Column.float32(name, values));
        }

        /** Adds a bool column. */
        public Builder addBool(String name, boolean... values) {
            return add(Column.bools(name, values));
        }

        /** Adds a string column (null = missing). */
        public Builder addString(String name, String... values) {
            return add(Column.strings(name, values));
        }

        /** Adds a UTC timestamp column (null = NaT). */
        public Builder addTimestamp(String name, Instant... values) {
            return add(Column.timestamps(name, values));
        }

        /** Adds a float64 tensor column, one 1-d row per array. */
        public Builder addTensor(String name, double[]... rows) {
            return add(Column.tensor(name, rows));
        }

        /** Adds an int64 tensor column, one 1-d row per array. */
        public Builder addTensor(String name, long[]... rows) {
            return add(Column.tensor(name, rows));
        }

        /** Adds a JSON column. */
        public Builder addJson(String name, JsonNode... values) {
            return add(Column.json(name, values));
        }

        /** Sets the row labels. */
        public Builder index(Index rowLabels) {
            this.index = rowLabels;
            return this;
        }

        /** Builds the table. @throws IllegalArgumentException on duplicate names or unequal lengths */
        public Table build() {
            return new Table(columns, index, 0);
        }
    }
}
