package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.BitSet;

/** A column of 64-bit floats held in a {@code double[]}; NaN is a value, distinct from a missing cell. */
public final class Float64Column extends Column {
    private final double[] values;

    Float64Column(String name, double[] values, BitSet nulls) {
        super(name, values.length, nulls);
        this.values = values;
        // pandas has no missing float other than NaN: a missing cell read as a number must be NaN, never 0.
        if (this.nulls != null) {
            for (int i = this.nulls.nextSetBit(0); i >= 0; i = this.nulls.nextSetBit(i + 1)) {
                values[i] = Double.NaN;
            }
        }
    }

    /** A column with missing cells where {@code nulls} is set (arrays are copied; missing cells read as NaN). */
    public static Float64Column of(String name, double[] values, BitSet nulls) {
        return new Float64Column(name, values.clone(), nulls == null ? null : (BitSet) nulls.clone());
    }

    @Override
    public ColumnType type() {
        return ColumnType.FLOAT64;
    }

    /** The value at {@code row}; NaN for a missing cell ({@link #isNull(int)} tells the two apart). */
    public double getDouble(int row) {
        return values[row];
    }

    /** A copy of the values (missing cells hold NaN). */
    public double[] toDoubleArray() {
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
        return new Float64Column(name(), Arrays.copyOfRange(values, from, to), sliceNulls(from, to));
    }

    @Override
    public Float64Column rename(String newName) {
        return new Float64Column(newName, values, nulls);
    }
}
