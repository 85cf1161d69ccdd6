package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;

/**
 * A column whose cells are n-d arrays of one element type (int64, float64 or float32). All values
 * of the column sit in ONE flat primitive array; row {@code r} occupies flat indexes
 * {@link #rowStart(int)} (inclusive) to {@link #rowEnd(int)} (exclusive), row-major with
 * {@link #shape(int)}. A fixed column has the same shape in every row; only a ragged column may
 * hold rows of different shapes.
 *
 * <p>Int64 values are stored in the narrowest of {@code byte[]}, {@code short[]}, {@code int[]}
 * or {@code long[]} that holds every value of the column (model inputs such as token ids are
 * small), and always read back as {@code long}.
 */
public final class TensorColumn extends Column {
    private final ColumnType elementType;
    private final Object data;        // int64: byte[]|short[]|int[]|long[]; double[]; float[]
    private final int[] offsets;      // size()+1 entries
    private final int[] fixedShape;   // non-null for fixed columns
    private final int[][] shapes;     // non-null for ragged columns
    private final int base;           // offset of row 0 (slices share the arrays)

    TensorColumn(String name, ColumnType elementType, Object data, int[] offsets, int rows, int[] fixedShape,
            int[][] shapes, BitSet nulls, int base) {
        super(name, rows, nulls);
        this.elementType = elementType;
        this.data = data;
        this.offsets = offsets;
        this.fixedShape = fixedShape;
        this.shapes = shapes;
        this.base = base;
    }

    @Override
    public ColumnType type() {
        return ColumnType.TENSOR;
    }

    /** INT64, FLOAT64 or FLOAT32. */
    public ColumnType elementType() {
        return elementType;
    }

    /** Whether rows may differ in shape. */
    public boolean isRagged() {
        return fixedShape == null;
    }

    /** The shape shared by all rows of a fixed column; empty for a ragged column. */
    public Optional<int[]> fixedShape() {
        return fixedShape == null ? Optional.empty() : Optional.of(fixedShape.clone());
    }

    /** The shape of row {@code row} (a copy; {@code [0]} for a missing cell of a ragged column). */
    public int[] shape(int row) {
        Objects.checkIndex(row, size());
        return (fixedShape != null ? fixedShape : shapes[base + row]).clone();
    }

    /** Number of dimensions of row {@code row}. */
    public int rank(int row) {
        return fixedShape != null ? fixedShape.length : shapes[base + row].length;
    }

    /** First flat index of {@code row}. */
    public int rowStart(int row) {
        return offsets[base + row];
    }

    /** One past the last flat index of {@code row}. */
    public int rowEnd(int row) {
        return offsets[base + row + 1];
    }

    /** Flat value at {@code i} of an int64 column. */
    public long int64At(int i) {
        Object d = data;
        if (d instanceof byte[] b) {
            return b[i];
        } else if (d instanceof long[] l) {
            return l[i];
        } else if (d instanceof int[] n) {
            return n[i];
        }
        return ((short[]) d)[i];
    }

    /** Flat value at {@code i} of a float64 column. */
    public double float64At(int i) {
        return ((double[]) data)[i];
    }

    /** Flat value at {@code i} of a float32 column. */
    public float float32At(int i) {
        return ((float[]) data)[i];
    }

    /** Flat value at {@code i} as a double, whatever the element type. */
    public double doubleAt(int i) {
        return switch (elementType) {
            case INT64 -> int64At(i);
            case FLOAT32 -> ((float[]) data)[i];
            default -> ((double[]) data)[i];
        };
    }

    /** Total number of values in this column. */
    public int valueCount() {
        return offsets[base + size()] - offsets[base];
    }

    /** All values of an int64 column, rows concatenated (a copy). */
    public long[] toLongArray() {
        requireElement(ColumnType.INT64);
        return longs(offsets[base], offsets[base + size()]);
    }

    /** All values of a float64 column, rows concatenated (a copy). */
    public double[] toDoubleArray() {
        requireElement(ColumnType.FLOAT64);
        return Arrays.copyOfRange((double[]) data, offsets[base], offsets[base + size()]);
    }

    /** All values of a float32 column, rows concatenated (a copy). */
    public float[] toFloatArray() {
        requireElement(ColumnType.FLOAT32);
        return Arrays.copyOfRange((float[]) data, offsets[base], offsets[base + size()]);
    }

    private void requireElement(ColumnType t) {
        if (elementType != t) {
            throw new IllegalStateException("tensor column '" + name() + "' holds " + elementType + ", not " + t);
        }
    }

    private long[] longs(int from, int to) {
        if (data instanceof long[] l) {
            return Arrays.copyOfRange(l, from, to);
        }
        long[] out = new long[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = int64At(from + i);
        }
        return out;
    }

    /** Narrowest array holding {@code values[0..n)}: the storage of an int64 tensor column. */
    static Object narrow(long[] values, int n) {
        long min = 0;
        long max = 0;
        for (int i = 0; i < n; i++) {
            long v = values[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min >= Byte.MIN_VALUE && max <= Byte.MAX_VALUE) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) values[i];
            }
            return b;
        } else if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            short[] s = new short[n];
            for (int i = 0; i < n; i++) {
                s[i] = (short) values[i];
            }
            return s;
        } else if (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = (int) values[i];
            }
            return a;
        }
        return Arrays.copyOf(values, n);
    }

    /** Approximate heap bytes of the value storage (flat array, offsets and shapes). */
    public long retainedBytes() {
        int width = data instanceof byte[] ? 1 : data instanceof short[] ? 2 : data instanceof int[] || data instanceof float[] ? 4 : 8;
        long dataBytes = (long) java.lang.reflect.Array.getLength(data) * width;
        long shapeBytes = shapes == null ? 0 : (long) shapes.length * 16;
        return dataBytes + 4L * offsets.length + shapeBytes + 48;
    }

    /** The tensor at {@code row}, or null when missing. */
    public Tensor getTensor(int row) {
        return (Tensor) get(row);
    }

    @Override
    Object backingArray() {
        return data;
    }

    @Override
    Object value(int row) {
        int from = rowStart(row);
        int to = rowEnd(row);
        Object copy = switch (elementType) {
            case INT64 -> longs(from, to);
            case FLOAT32 -> Arrays.copyOfRange((float[]) data, from, to);
            default -> Arrays.copyOfRange((double[]) data, from, to);
        };
        return Tensor.wrap(elementType, shape(row), copy, to - from);
    }

    @Override
    JsonNode jsonValue(int row) {
        return ((Tensor) value(row)).toJson();
    }

    @Override
    Column doSlice(int from, int to) {
        return new TensorColumn(name(), elementType, data, offsets, to - from, fixedShape, shapes,
                sliceNulls(from, to), base + from);
    }

    @Override
    public TensorColumn rename(String newName) {
        return new TensorColumn(newName, elementType, data, offsets, size(), fixedShape, shapes, nulls, base);
    }

    @Override
    boolean sameExtras(Column other) {
        TensorColumn t = (TensorColumn) other;
        // without a single value the element type is unknowable from any wire format
        boolean sameElements = t.elementType == elementType || valueCount() == 0 && t.valueCount() == 0;
        return sameElements && Arrays.equals(t.fixedShape, fixedShape);
    }
}
