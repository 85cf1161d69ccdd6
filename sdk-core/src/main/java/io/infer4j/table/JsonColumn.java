package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A column of arbitrary JSON values (pandas {@code object} cells that are neither scalars nor
 * numeric arrays, e.g. Wallaroo {@code metadata}). JSON {@code null} is stored as a missing cell.
 * Nodes are treated as immutable: do not modify a node obtained from this column.
 */
public final class JsonColumn extends Column {
    private final JsonNode[] values;

    JsonColumn(String name, JsonNode[] values, BitSet nulls) {
        super(name, values.length, nulls);
        this.values = values;
    }

    @Override
    public ColumnType type() {
        return ColumnType.JSON;
    }

    /** The node at {@code row} (a JSON null node when missing). */
    public JsonNode getNode(int row) {
        return toJson(row);
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
        return values[row];
    }

    @Override
    Column doSlice(int from, int to) {
        return new JsonColumn(name(), Arrays.copyOfRange(values, from, to), sliceNulls(from, to));
    }

    @Override
    public JsonColumn rename(String newName) {
        return new JsonColumn(newName, values, nulls);
    }
}
