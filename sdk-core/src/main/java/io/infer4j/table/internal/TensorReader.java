package io.infer4j.table.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.infer4j.table.ColumnBuilder;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one JSON array from a streaming parser straight into reusable primitive buffers when it
 * is a rectangular array of numbers (a tensor), without building a tree. When it turns out not
 * to be one (a string or null inside, jagged rows, an integer beyond int64), the part already
 * read is rebuilt as nodes and the rest is read as a tree, so nothing is lost: the caller gets
 * the exact JSON value instead. One instance per decode; not thread-safe.
 */
public final class TensorReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private long[] longs = new long[256];
    private double[] doubles = new double[256];
    private boolean[] floatLeaf = new boolean[256];
    private int n;
    private boolean isFloat;
    private int[] count = new int[8];
    private int[] dims = new int[8];
    private int leafLevel;
    private int maxLevel;
    private int[] shape;
    private JsonNode fallback;

    /**
     * Reads the array the parser is positioned on (START_ARRAY) up to its END_ARRAY. Returns
     * true for a tensor ({@link #appendTo}), false when {@link #fallback()} holds the JSON value.
     */
    public boolean read(JsonParser p) throws IOException {
        n = 0;
        isFloat = false;
        leafLevel = -1;
        maxLevel = 0;
        int level = 0;
        count[0] = 0;
        dims[0] = -1;
        while (true) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NUMBER_INT) {
                if (leafLevel != level && !startLeaves(level)) {
                    return fallback(p, t, level);
                }
                if (n == longs.length) {
                    growBuffers();
                }
                long v;
                try {
                    v = p.getLongValue();
                } catch (InputCoercionException beyondInt64) {
                    return fallback(p, t, level); // kept exact as a JSON BigInteger
                }
                longs[n++] = v;
                count[level]++;
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                if (leafLevel != level && !startLeaves(level)) {
                    return fallback(p, t, level);
                }
                if (n == longs.length) {
                    growBuffers();
                }
                if (!isFloat) {
                    isFloat = true;
                    Arrays.fill(floatLeaf, 0, n, false);
                }
                floatLeaf[n] = true;
                doubles[n++] = p.getDoubleValue();
                count[level]++;
            } else if (t == JsonToken.START_ARRAY) {
                if (leafLevel != -1 && level >= leafLevel) {
                    return fallback(p, t, level);
                }
                level++;
                if (level == count.length) {
                    count = Arrays.copyOf(count, level * 2);
                    dims = Arrays.copyOf(dims, level * 2);
                }
                count[level] = 0;
                if (level > maxLevel) {
                    maxLevel = level;
                    dims[level] = -1;
                }
            } else if (t == JsonToken.END_ARRAY) {
                if (dims[level] == -1) {
                    dims[level] = count[level];
                } else if (dims[level] != count[level]) {
                    return fallback(p, t, level);
                }
                if (level == 0) {
                    break;
                }
                level--;
                count[level]++;
            } else {
                return fallback(p, t, level);
            }
        }
        int rank = leafLevel >= 0 ? leafLevel + 1 : maxLevel + 1;
        shape = Arrays.copyOf(dims, rank);
        if (isFloat) {
            for (int i = 0; i < n; i++) {
                if (!floatLeaf[i]) {
                    doubles[i] = longs[i];
                }
            }
        }
        return true;
    }

    private boolean startLeaves(int level) {
        if (leafLevel == -1 && maxLevel == level) {
            leafLevel = level;
            return true;
        }
        return false;
    }

    private void growBuffers() {
        int cap = longs.length * 2;
        longs = Arrays.copyOf(longs, cap);
        doubles = Arrays.copyOf(doubles, cap);
        floatLeaf = Arrays.copyOf(floatLeaf, cap);
    }

    /** The shape of the tensor just read. */
    public int[] shape() {
        return shape;
    }

    /** Whether the tensor just read held a non-integer number. */
    public boolean isFloat() {
        return isFloat;
    }

    /** Appends the tensor just read to {@code b}. */
    public void appendTo(ColumnBuilder b) {
        if (isFloat) {
            b.appendTensor(shape, doubles, 0);
        } else {
            b.appendTensor(shape, longs, 0);
        }
    }

    /** The exact JSON value when {@link #read} returned false. */
    public JsonNode fallback() {
        return fallback;
    }

    /** Rebuilds what was read as nodes, then reads the rest of the array generically. */
    private boolean fallback(JsonParser p, JsonToken current, int level) throws IOException {
        ArrayNode[] open = new ArrayNode[Math.max(level + 1, 8)];
        int[] leaf = {0};
        for (int l = 0; l <= level; l++) {
            open[l] = NODES.arrayNode();
            if (l > 0) {
                open[l - 1].add(open[l]);
            }
            for (int c = 0; c < count[l]; c++) {
                open[l].add(full(l + 1, leaf));
            }
        }
        // an open child is counted in its parent only when it closes, so it is not in count[l]
        int l = level;
        JsonToken t = current;
        while (true) {
            if (t == JsonToken.END_ARRAY) {
                if (l == 0) {
                    fallback = open[0];
                    return false;
                }
                l--;
            } else if (t == JsonToken.START_ARRAY) {
                ArrayNode a = open[l].addArray();
                l++;
                if (l == open.length) {
                    open = Arrays.copyOf(open, l * 2);
                }
                open[l] = a;
            } else {
                JsonNode v = Cells.readTree(p);
                open[l].add(v);
            }
            t = p.nextToken();
            if (t == null) {
                throw new IOException("unexpected end of input inside an array");
            }
        }
    }

    /** A completed sub-array at {@code level} (or a leaf below the leaf level), from the buffers. */
    private JsonNode full(int level, int[] leaf) {
        if (leafLevel >= 0 && level == leafLevel + 1) {
            int i = leaf[0]++;
            return isFloat && floatLeaf[i] ? NODES.numberNode(doubles[i]) : NODES.numberNode(longs[i]);
        }
        ArrayNode a = NODES.arrayNode();
        for (int c = 0; c < dims[level]; c++) {
            a.add(full(level + 1, leaf));
        }
        return a;
    }
}
