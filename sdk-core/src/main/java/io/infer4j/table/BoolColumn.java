package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.BitSet;

/** A column of booleans held in a {@code boolean[]}. */
public final class BoolColumn extends Column {
    private final boolean[] values;

    BoolColumn(String name, boolean[] values, BitSet nulls) {
        super(name, values.length, nulls);
        this.values = values;
    }

    /** A column with missing cells where {@code nulls} is set (arrays are copied). */
    public static BoolColumn of(String name, boolean[] values, BitSet nulls) {
        return new BoolColumn(name, values.clone(), nulls == null ? null : (BitSet) nulls.clone());
    }

    @Override
    public ColumnType type() {
        return ColumnType.BOOL;
    }

    /** The value at {@code row} (0 for a missing cell; check {@link #isNull(int)}). */
    public boolean getBool(int row) {
        return values[row];
    }

    /** A copy of the values (missing cells hold false). */
    public boolean[] toBooleanArray() {
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
        return NODES.booleanNode(values[row]);
    }

    @Override
    Column doSlice(int from, int to) {
        return new BoolColumn(name(), Arrays.copyOfRange(values, from, to), sliceNulls(from, to));
    }

    @Override
    public BoolColumn rename(String newName) {
        return new BoolColumn(newName, values, nulls);
    }
}
