package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * One named, typed, immutable column of a {@link Table}. Values live in primitive arrays (see the
 * subclasses); every cell may be missing ({@link #isNull(int)}), and for floating-point columns a
 * missing cell is distinct from NaN.
 *
 * <p>Create columns with the static factories here, with {@link ColumnBuilder} (row by row, typed
 * or inferred), or through a {@link Table.Builder}.
 */
public abstract sealed class Column
        permits Int64Column, Float64Column, Float32Column, BoolColumn, StringColumn, TimestampColumn,
        TensorColumn, JsonColumn {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Compares JSON numbers by value (an int node equals a long node of the same value; NaN
     * equals NaN), everything else as Jackson does. Used for JSON cells, whose node classes
     * depend on how they were made.
     */
    static final java.util.Comparator<JsonNode> JSON_VALUE_ORDER = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            if (x.isIntegralNumber() && y.isIntegralNumber()) {
                return x.bigIntegerValue().compareTo(y.bigIntegerValue());
            }
            if (!x.isIntegralNumber() && !y.isIntegralNumber()) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return 1;
        }
        return x.equals(y) ? 0 : 1;
    };

    static {
        // Lends infer4j's binary codecs (sdk-arrow) array-sharing constructors; see Columns.
        io.infer4j.table.internal.Columns.install(new ColumnAccess());
    }

    private final String name;
    private final int size;
    /** Missing cells; null when the column has none (the common case costs nothing). */
    final BitSet nulls;

    Column(String name, int size, BitSet nulls) {
        this.name = checkName(name);
        this.size = size;
        this.nulls = nulls == null || nulls.isEmpty() ? null : nulls;
    }

    static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("column name must not be null or empty");
        }
        return name;
    }

    /** The column's name (never empty). */
    public final String name() {
        return name;
    }

    /** The column's type. */
    public abstract ColumnType type();

    /** Number of rows. */
    public final int size() {
        return size;
    }

    /** Whether the cell at {@code row} is missing (null, NaT). */
    public final boolean isNull(int row) {
        Objects.checkIndex(row, size);
        return nulls != null && nulls.get(row);
    }

    /** Number of missing cells. */
    public final int nullCount() {
        return nulls == null ? 0 : nulls.cardinality();
    }

    /**
     * The cell as an object: {@code Long}, {@code Double}, {@code Float}, {@code Boolean},
     * {@code String}, {@code Instant} (or {@code ZonedDateTime} for zoned columns),
     * {@link Tensor} or {@code JsonNode}; {@code null} when missing. Boxes: use the typed
     * accessors of the subclasses in loops.
     */
    public final Object get(int row) {
        return isNull(row) ? null : value(row);
    }

    abstract Object value(int row);

    /** The array behind this column, for {@link ColumnAccess}: never handed to users. */
    abstract Object backingArray();

    /** The cell as a JSON node (JSON null when missing); used for JSON columns and display. */
    public final JsonNode toJson(int row) {
        return isNull(row) ? NODES.nullNode() : jsonValue(row);
    }

    abstract JsonNode jsonValue(int row);

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a new column. */
    public final Column slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return doSlice(from, to);
    }

    abstract Column doSlice(int from, int to);

    BitSet sliceNulls(int from, int to) {
        return nulls == null ? null : nulls.get(from, to);
    }

    /**
     * The cells at {@code rows}, in that order, as a new column of the same type; a negative
     * entry gives a missing cell. Boxes each cell: meant for reordering small columns.
     */
    public final Column take(int[] rows) {
        ColumnBuilder b = likeBuilder();
        for (int r : rows) {
            if (r < 0) {
                b.appendNull();
            } else {
                Object v = get(r);
                if (v instanceof java.time.ZonedDateTime z) {
                    b.appendInstant(z.toInstant());
                } else {
                    b.append(v);
                }
            }
        }
        return b.build();
    }

    /** An empty typed builder for a column like this one (same type, tensor element type, zone). */
    ColumnBuilder likeBuilder() {
        if (this instanceof TensorColumn t) {
            return ColumnBuilder.tensor(name, t.elementType(), true);
        } else if (this instanceof TimestampColumn t) {
            return ColumnBuilder.timestamps(name, t.zone().orElse(null));
        }
        return ColumnBuilder.of(name, type());
    }

    /** The same data under another name. */
    public abstract Column rename(String newName);

    /** The cell formatted for {@link Table#toString()}. */
    String display(int row) {
        Object v = get(row);
        return v == null ? (type() == ColumnType.TIMESTAMP ? "NaT" : type() == ColumnType.FLOAT64
                || type() == ColumnType.FLOAT32 ? "NaN" : "None") : String.valueOf(v);
    }

    @Override
    public final boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Column c) || c.type() != type() || !c.name.equals(name) || c.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            Object a = get(i);
            Object b = c.get(i);
            if (a instanceof JsonNode ja && b instanceof JsonNode jb ? !ja.equals(JSON_VALUE_ORDER, jb) : !Objects.equals(a, b)) {
                return false;
            }
        }
        return sameExtras(c);
    }

    /** Type-specific equality beyond the cells (zone, tensor element type). */
    boolean sameExtras(Column other) {
        return true;
    }

    @Override
    public final int hashCode() {
        int h = name.hashCode() * 31 + type().hashCode();
        for (int i = 0; i < Math.min(size, 16); i++) {
            h = h * 31 + Objects.hashCode(get(i));
        }
        return h;
    }

    @Override
    public String toString() {
        return name + ": " + type() + "[" + size + "]";
    }

    // ---------------------------------------------------------------- factories

    /** An int64 column without missing cells (the array is copied). */
    public static Int64Column int64(String name, long... values) {
        return new Int64Column(name, values.clone(), null);
    }

    /** A float64 column without missing cells; NaN stays NaN (the array is copied). */
    public static Float64Column float64(String name, double... values) {
        return new Float64Column(name, values.clone(), null);
    }

    /** A float32 column without missing cells (the array is copied). */
    public static Float32Column float32(String name, float... values) {
        return new Float32Column(name, values.clone(), null);
    }

    /** A bool column without missing cells (the array is copied). */
    public static BoolColumn bools(String name, boolean... values) {
        return new BoolColumn(name, values.clone(), null);
    }

    /** A string column; {@code null} elements are missing cells. */
    public static StringColumn strings(String name, String... values) {
        return new StringColumn(name, values.clone());
    }

    /** A UTC timestamp column; {@code null} elements are NaT. */
    public static TimestampColumn timestamps(String name, Instant... values) {
        ColumnBuilder b = ColumnBuilder.of(name, ColumnType.TIMESTAMP);
        for (Instant v : values) {
            b.append(v);
        }
        return (TimestampColumn) b.build();
    }

    /** A JSON column; {@code null} elements (and JSON nulls) are missing cells. */
    public static JsonColumn json(String name, JsonNode... values) {
        ColumnBuilder b = ColumnBuilder.of(name, ColumnType.JSON);
        for (JsonNode v : values) {
            b.append(v);
        }
        return (JsonColumn) b.build();
    }

    /** A float64 tensor column with one 1-d row per array (ragged if lengths differ; null rows are missing). */
    public static TensorColumn tensor(String name, double[]... rows) {
        ColumnBuilder b = ColumnBuilder.tensor(name, ColumnType.FLOAT64, true);
        for (double[] r : rows) {
            if (r == null) {
                b.appendNull();
            } else {
                b.appendTensor(new int[] {r.length}, r, 0);
            }
        }
        return (TensorColumn) b.build();
    }

    /** An int64 tensor column with one 1-d row per array (ragged if lengths differ; null rows are missing). */
    public static TensorColumn tensor(String name, long[]... rows) {
        ColumnBuilder b = ColumnBuilder.tensor(name, ColumnType.INT64, true);
        for (long[] r : rows) {
            if (r == null) {
                b.appendNull();
            } else {
                b.appendTensor(new int[] {r.length}, r, 0);
            }
        }
        return (TensorColumn) b.build();
    }

    /**
     * A column of the given type from boxed values ({@code null} = missing). Numbers must fit the
     * type exactly, tensors are {@link Tensor}s or (nested) primitive arrays, timestamps are
     * {@code Instant}, {@code ZonedDateTime}, {@code OffsetDateTime} or ISO-8601 strings.
     *
     * @throws IllegalArgumentException naming the row when a value does not fit
     */
    public static Column of(String name, ColumnType type, List<?> values) {
        ColumnBuilder b = ColumnBuilder.of(name, type);
        for (Object v : values) {
            b.append(v);
        }
        return b.build();
    }

    /** A column whose type is inferred from boxed values, as {@link ColumnBuilder#of(String)} does. */
    public static Column infer(String name, List<?> values) {
        ColumnBuilder b = ColumnBuilder.of(name);
        for (Object v : values) {
            b.append(v);
        }
        return b.build();
    }
}
