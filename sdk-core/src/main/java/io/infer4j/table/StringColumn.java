package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.BitSet;

/** A column of strings; a {@code null} element is a missing cell. */
public final class StringColumn extends Column {
    private final String[] values;

    StringColumn(String name, String[] values) {
        super(name, values.length, nullsOf(values));
        this.values = values;
    }

    private static BitSet nullsOf(Object[] values) {
        BitSet nulls = null;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                if (nulls == null) {
                    nulls = new BitSet(values.length);
                }
                nulls.set(i);
            }
        }
        return nulls;
    }

    @Override
    public ColumnType type() {
        return ColumnType.STRING;
    }

    /** The string at {@code row}, or null when missing. */
    public String getString(int row) {
        return values[row];
    }

    /** A copy of the values ({@code null} for missing cells). */
    public String[] toArray() {
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
        return NODES.textNode(values[row]);
    }

    @Override
    Column doSlice(int from, int to) {
        return new StringColumn(name(), Arrays.copyOfRange(values, from, to));
    }

    @Override
    public StringColumn rename(String newName) {
        return new StringColumn(newName, values);
    }
}
