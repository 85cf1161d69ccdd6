package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.BitSet;

/** A column of 32-bit floats held in a {@code float[]}; NaN is a value, distinct from a missing cell. */
public final class Float32Column extends Column {
    private final float[] values;

    Float32Column(String name, float[] values, BitSet nulls) {
        super(name, values.length, nulls);
        this.values = values;
    }

    /** A column with missing cells where {@code nulls} is set (arrays are copied). */
    public static Float32Column of(String name, float[] values, BitSet nulls) {
        return new Float32Column(name, values.clone(), nulls == null ? null : (BitSet) nulls.clone());
    }

    @Override
    public ColumnType type() {
        return ColumnType.FLOAT32;
    }

    /** The value at {@code row} (0 for a missing cell; check {@link #isNull(int)}). */
    public float getFloat(int row) {
        return values[row];
    }

    /** A copy of the values (missing cells hold 0.0f). */
    public float[] toFloatArray() {
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
        return new Float32Column(name(), Arrays.copyOfRange(values, from, to), sliceNulls(from, to));
    }

    @Override
    public Float32Column rename(String newName) {
        return new Float32Column(newName, values, nulls);
    }
}
