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
    }

    /** A column with missing cells where {@code nulls} is set (arrays are copied). */
    public static Float64Column of(String name, double[] values, BitSet nulls) {
        return new Float64Column(name, values.clone(), nulls == null ? null : (BitSet) nulls.clone());
    }

    @Override
    public ColumnType type() {
        return ColumnType.FLOAT64;
    }

    /** The value at {@code row} (0 for a missing cell; check {@link #isNull(int)}). */
    public double getDouble(int row) {
        return values[row];
    }

    /** A copy of the values (missing cells hold 0.0). */
    public double[] toDoubleArray() {
        return values.clone();
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
