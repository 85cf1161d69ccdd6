package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.BitSet;

/** A column of 64-bit integers held in a {@code long[]}. */
public final class Int64Column extends Column {
    private final long[] values;

    Int64Column(String name, long[] values, BitSet nulls) {
        super(name, values.length, nulls);
        this.values = values;
    }

    /** A column with missing cells where {@code nulls} is set (arrays are copied). */
    public static Int64Column of(String name, long[] values, BitSet nulls) {
        return new Int64Column(name, values.clone(), nulls == null ? null : (BitSet) nulls.clone());
    }

    @Override
    public ColumnType type() {
        return ColumnType.INT64;
    }

    /** The value at {@code row} (0 for a missing cell; check {@link #isNull(int)}). */
    public long getLong(int row) {
        return values[row];
    }

    /** A copy of the values (missing cells hold 0). */
    public long[] toLongArray() {
        return values.clone();
    }

    @Override
    Object backingArray() {
        return values;
    }

    @Override
    Object value(int row) {
        return values[row];
    }

    @Override
    JsonNode jsonValue(int row) {
        return NODES.numberNode(values[row]);
    }

    @Override
    Column doSlice(int from, int to) {
        return new Int64Column(name(), Arrays.copyOfRange(values, from, to), sliceNulls(from, to));
    }

    @Override
    public Int64Column rename(String newName) {
        return new Int64Column(newName, values, nulls);
    }
}
