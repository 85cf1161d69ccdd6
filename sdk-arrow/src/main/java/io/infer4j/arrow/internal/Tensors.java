package io.infer4j.arrow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.DecodeException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import java.util.BitSet;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.complex.BaseListVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Numeric (nested) list columns into tensor columns: each row's shape comes from the list
 * lengths at each depth (which must be rectangular within the row) or, for Wallaroo's flat
 * {@code fixed_size_list} with {@code tensor_type} metadata, from the metadata's shape. The leaf
 * values are copied out of Arrow once, in bulk, and handed to the column row by row.
 */
final class Tensors {
    private Tensors() {
    }

    static Column read(String name, ValueVector v, int rows, BitSet nulls, ColumnType element) {
        int depth = 0;
        ValueVector leaf = v;
        while (leaf instanceof BaseListVector) {
            depth++;
            leaf = FromArrow.childOf(leaf);
        }
        Object values = leafValues(name, leaf, element);
        int[] declared = declaredShape(name, v.getField());
        boolean allFixed = true;
        for (ValueVector x = v; x instanceof BaseListVector; x = FromArrow.childOf(x)) {
            allFixed &= x instanceof FixedSizeListVector;
        }
        ColumnBuilder b = ColumnBuilder.tensor(name, element, !allFixed);
        int[] shape = new int[depth];
        // getNullCount() counts the bitmap on every call: once, not per row.
        boolean leafNulls = leaf.getNullCount() > 0;
        for (int r = 0; r < rows; r++) {
            if (nulls.get(r)) {
                b.appendNull();
                continue;
            }
            long start = extent(name, v, r, 0, shape, true);
            int count = 1;
            for (int d : shape) {
                count *= d;
            }
            if (leafNulls) {
                for (long i = start; i < start + count; i++) {
                    if (leaf.isNull((int) i)) {
                        throw new DecodeException("field '" + name + "' row " + r + ": a null inside a tensor, which "
                                + "infer4j's tensors cannot hold (use a list of JSON values instead)", "field " + name + ", row " + r, -1, null);
                    }
                }
            }
            int[] rowShape = declared != null && product(declared) == count ? declared : shape;
            append(b, rowShape, values, (int) start);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new DecodeException("field '" + name + "': " + e.getMessage(), "field " + name, -1, e);
        }
    }

    /**
     * Fills {@code shape[level..]} with the extents of element {@code index} of {@code list} at
     * each depth and returns the leaf index of its first value. The first sub-list of a row sets
     * the extents ({@code first}); later ones must match, since a ragged row is not a tensor.
     */
    private static long extent(String name, ValueVector list, int index, int level, int[] shape, boolean first) {
        if (!(list instanceof BaseListVector)) {
            return index;
        }
        if (list.isNull(index)) {
            throw new DecodeException("field '" + name + "': a null list inside a tensor row", "field " + name, -1, null);
        }
        long start;
        int length;
        if (list instanceof FixedSizeListVector f) {
            length = f.getListSize();
            start = (long) index * length;
        } else if (list instanceof ListVector l) {
            start = l.getElementStartIndex(index);
            length = l.getElementEndIndex(index) - (int) start;
        } else {
            LargeListVector l = (LargeListVector) list;
            start = l.getElementStartIndex(index);
            length = Math.toIntExact(l.getElementEndIndex(index) - start);
        }
        if (first) {
            shape[level] = length;
        } else if (shape[level] != length) {
            throw new DecodeException("field '" + name + "': sub-lists of one row differ in length (" + shape[level]
                    + " and " + length + "), so the row is not a tensor", "field " + name, -1, null);
        }
        ValueVector child = FromArrow.childOf(list);
        if (!(child instanceof BaseListVector)) {
            return start;
        }
        if (length == 0) {
            if (first) {
                java.util.Arrays.fill(shape, level + 1, shape.length, 0);
            }
            return 0;
        }
        long leafStart = 0;
        for (int i = 0; i < length; i++) {
            long s = extent(name, child, Math.toIntExact(start + i), level + 1, shape, first && i == 0);
            if (i == 0) {
                leafStart = s;
            }
        }
        return leafStart;
    }

    /** The element count of {@code shape}, or -1 past 2^31 (a hostile shape must not wrap onto a small count). */
    static long product(int[] shape) {
        long p = 1;
        for (int d : shape) {
            p *= d;
            if (p > Integer.MAX_VALUE || p < 0) {
                return -1;
            }
        }
        return p;
    }

    /** Wallaroo's {@code tensor_type} field metadata: {@code {"shape": [29]}}; null when absent. */
    static int[] declaredShape(String name, Field f) {
        String meta = f.getMetadata().get(ToArrow.TENSOR_TYPE);
        if (meta == null) {
            return null;
        }
        try {
            JsonNode shape = JsonText.MAPPER.readTree(meta).get("shape");
            if (shape == null || !shape.isArray()) {
                return null;
            }
            int[] out = new int[shape.size()];
            for (int i = 0; i < out.length; i++) {
                if (!shape.get(i).canConvertToInt() || shape.get(i).asInt() < 0) {
                    throw new DecodeException("field '" + name + "': tensor_type shape " + shape + " is not a list of sizes",
                            "field " + name, -1, null);
                }
                out[i] = shape.get(i).asInt();
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new DecodeException("field '" + name + "': tensor_type metadata is not JSON", "field " + name, -1, e);
        }
    }

    private static Object leafValues(String name, ValueVector leaf, ColumnType element) {
        int n = leaf.getValueCount();
        if (leaf instanceof Float8Vector d) {
            double[] out = new double[n];
            FromArrow.buffer(d, n, 8).asDoubleBuffer().get(out);
            return out;
        }
        if (leaf instanceof Float4Vector d) {
            float[] out = new float[n];
            FromArrow.buffer(d, n, 4).asFloatBuffer().get(out);
            return out;
        }
        if (leaf instanceof Float2Vector h) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = h.isNull(i) ? Float.NaN : h.getValueAsFloat(i);
            }
            return out;
        }
        if (leaf instanceof BigIntVector b) {
            return FromArrow.longs(b, n);
        }
        if (element == ColumnType.INT64 && leaf instanceof BaseFixedWidthVector) {
            Column c = FromArrow.column(name, leaf, n);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = c.isNull(i) ? 0 : ((io.infer4j.table.Int64Column) c).getLong(i);
            }
            return out;
        }
        throw new IllegalStateException("not a numeric leaf: " + leaf.getField());
    }

    private static void append(ColumnBuilder b, int[] shape, Object values, int from) {
        if (values instanceof long[] l) {
            b.appendTensor(shape, l, from);
        } else if (values instanceof double[] d) {
            b.appendTensor(shape, d, from);
        } else {
            b.appendTensor(shape, (float[]) values, from);
        }
    }
}
