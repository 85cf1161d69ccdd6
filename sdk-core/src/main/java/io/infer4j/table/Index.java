package io.infer4j.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Row labels of a {@link Table}, as pandas has them: a range (no storage), one level of int64,
 * float64, string or timestamp labels, or several levels (a MultiIndex). Immutable.
 *
 * <p>The pandas class name to put on the wire ({@code RangeIndex}, {@code Int64Index},
 * {@code Index}, {@code DatetimeIndex}, {@code MultiIndex}) is derived from the kind, or kept as
 * read so that a decoded envelope re-encodes unchanged.
 */
public final class Index {
    /** What the labels are. */
    public enum Kind {
        /** start, start+step, ... with no storage. */
        RANGE,
        /** int64 labels. */
        INT64,
        /** float64 labels. */
        FLOAT64,
        /** string labels. */
        STRING,
        /** timestamp labels. */
        TIMESTAMP,
        /** several levels; a label is a list with one value per level. */
        MULTI
    }

    private final List<Column> levels;
    private final long start;
    private final long step;
    private final int size;
    private final String pandasType;
    private final List<String> names;

    private Index(List<Column> levels, long start, long step, int size, String pandasType, List<String> names) {
        this.levels = levels;
        this.start = start;
        this.step = step;
        this.size = size;
        this.pandasType = pandasType;
        this.names = names;
    }

    /** The default index 0..size-1. */
    public static Index range(int size) {
        return range(0, 1, size);
    }

    /** {@code start, start+step, ...} ({@code size} labels). */
    public static Index range(long start, long step, int size) {
        if (size < 0 || step == 0) {
            throw new IllegalArgumentException("range index needs size >= 0 and step != 0");
        }
        return new Index(List.of(), start, step, size, null, nullNames(1));
    }

    /** One level of labels from a column (int64, float64, string or timestamp; no nulls in labels is not required). */
    public static Index of(Column labels) {
        kindOf(labels);
        return new Index(List.of(labels), 0, 1, labels.size(), null, nullNames(1));
    }

    /** Int64 labels. */
    public static Index ofLongs(long... labels) {
        return of(Column.int64("index", labels));
    }

    /** String labels. */
    public static Index ofStrings(String... labels) {
        return of(Column.strings("index", labels));
    }

    /** Timestamp labels. */
    public static Index ofTimestamps(Instant... labels) {
        return of(Column.timestamps("index", labels));
    }

    /** A MultiIndex with one column per level (all the same length). */
    public static Index multi(Column... levels) {
        if (levels.length < 2) {
            throw new IllegalArgumentException("a MultiIndex needs at least two levels");
        }
        for (Column c : levels) {
            kindOf(c);
            if (c.size() != levels[0].size()) {
                throw new IllegalArgumentException("MultiIndex levels differ in length: " + levels[0].size() + " vs " + c.size());
            }
        }
        return new Index(List.of(levels), 0, 1, levels[0].size(), null, nullNames(levels.length));
    }

    private static List<String> nullNames(int n) {
        return Collections.unmodifiableList(Arrays.asList(new String[n]));
    }

    private static Kind kindOf(Column c) {
        return switch (c.type()) {
            case INT64 -> Kind.INT64;
            case FLOAT64, FLOAT32 -> Kind.FLOAT64;
            case STRING -> Kind.STRING;
            case TIMESTAMP -> Kind.TIMESTAMP;
            default -> throw new IllegalArgumentException("index labels must be int64, float, string or timestamp, got " + c.type());
        };
    }

    /** The same labels with the pandas class name to write (e.g. {@code "Int64Index"}). */
    public Index withPandasType(String type) {
        return new Index(levels, start, step, size, type, names);
    }

    /** The same labels with level names (pandas {@code index.names}; entries may be null). */
    public Index withNames(List<String> levelNames) {
        if (levelNames.size() != Math.max(1, levels.size())) {
            throw new IllegalArgumentException("need " + Math.max(1, levels.size()) + " index names, got " + levelNames.size());
        }
        return new Index(levels, start, step, size, pandasType, Collections.unmodifiableList(new ArrayList<>(levelNames)));
    }

    /** The kind of labels. */
    public Kind kind() {
        return levels.isEmpty() ? Kind.RANGE : levels.size() > 1 ? Kind.MULTI : kindOf(levels.get(0));
    }

    /** Number of labels. */
    public int size() {
        return size;
    }

    /** Level names (one null entry when unnamed). */
    public List<String> names() {
        return names;
    }

    /** The label columns (empty for a range). */
    public List<Column> levels() {
        return levels;
    }

    /** First label of a range index. */
    public long rangeStart() {
        return start;
    }

    /** Step of a range index. */
    public long rangeStep() {
        return step;
    }

    /** The pandas class name: as read/set, else derived from the kind. */
    public String pandasType() {
        if (pandasType != null) {
            return pandasType;
        }
        return switch (kind()) {
            case RANGE -> "RangeIndex";
            case TIMESTAMP -> "DatetimeIndex";
            case MULTI -> "MultiIndex";
            default -> "Index";
        };
    }

    /** The label of {@code row}: Long for a range, the level's cell otherwise, a List for a MultiIndex. */
    public Object get(int row) {
        Objects.checkIndex(row, size);
        if (levels.isEmpty()) {
            return start + step * row;
        }
        if (levels.size() == 1) {
            return levels.get(0).get(row);
        }
        List<Object> label = new ArrayList<>(levels.size());
        for (Column c : levels) {
            label.add(c.get(row));
        }
        return Collections.unmodifiableList(label);
    }

    /** Whether this is the default 0..n-1 range. */
    public boolean isDefaultRange() {
        return levels.isEmpty() && start == 0 && step == 1;
    }

    /** Labels {@code from}..{@code to} (exclusive). */
    public Index slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        if (levels.isEmpty()) {
            return new Index(levels, start + step * from, step, to - from, pandasType, names);
        }
        List<Column> sliced = new ArrayList<>();
        for (Column c : levels) {
            sliced.add(c.slice(from, to));
        }
        return new Index(List.copyOf(sliced), 0, 1, to - from, pandasType, names);
    }

    /** The labels materialised as int64 (a range becomes an int64 level). */
    Index materialize() {
        if (!levels.isEmpty()) {
            return this;
        }
        long[] v = new long[size];
        for (int i = 0; i < size; i++) {
            v[i] = start + step * i;
        }
        return new Index(List.of(Column.int64("index", v)), 0, 1, size, null, names);
    }

    /** These labels followed by {@code other}'s (same kind and number of levels). */
    Index concat(Index other) {
        if (levels.isEmpty() && other.levels.isEmpty() && other.start == start + step * size && other.step == step) {
            return new Index(levels, start, step, size + other.size, pandasType, names);
        }
        Index a = materialize();
        Index b = other.materialize();
        if (a.levels.size() != b.levels.size()) {
            throw new IllegalArgumentException("cannot concat indexes with " + a.levels.size() + " and " + b.levels.size() + " levels");
        }
        List<Column> joined = new ArrayList<>();
        for (int i = 0; i < a.levels.size(); i++) {
            joined.add(Table.concatColumns(a.levels.get(i), b.levels.get(i)));
        }
        return new Index(List.copyOf(joined), 0, 1, size + other.size, pandasType, names);
    }

    @Override
    public boolean equals(Object o) {
        // A range and int64 labels with the same values are the same labels; the pandas class name is wire detail.
        if (!(o instanceof Index i) || i.size != size || comparableKind() != i.comparableKind()) {
            return false;
        }
        for (int r = 0; r < size; r++) {
            if (!Objects.equals(get(r), i.get(r))) {
                return false;
            }
        }
        return names.equals(i.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(comparableKind(), size);
    }

    private Kind comparableKind() {
        return kind() == Kind.RANGE ? Kind.INT64 : kind();
    }

    @Override
    public String toString() {
        return pandasType() + "[" + size + "]";
    }
}
