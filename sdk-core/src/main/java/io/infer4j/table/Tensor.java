package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable n-d array of int64, float64 or float32 values in row-major order with a shape:
 * one cell of a {@link TensorColumn}. A scalar has shape {@code []} and one value.
 */
public final class Tensor {
    private final ColumnType elementType;
    private final int[] shape;
    private final Object data;

    private Tensor(ColumnType elementType, int[] shape, Object data, int length) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + length);
        }
        this.elementType = elementType;
        this.shape = shape;
        this.data = data;
    }

    /** A float64 tensor; with no shape given, a 1-d vector. Arrays are copied. */
    public static Tensor of(double[] values, int... shape) {
        return new Tensor(ColumnType.FLOAT64, shapeOr(shape, values.length), values.clone(), values.length);
    }

    /** A float32 tensor; with no shape given, a 1-d vector. Arrays are copied. */
    public static Tensor of(float[] values, int... shape) {
        return new Tensor(ColumnType.FLOAT32, shapeOr(shape, values.length), values.clone(), values.length);
    }

    /** An int64 tensor; with no shape given, a 1-d vector. Arrays are copied. */
    public static Tensor of(long[] values, int... shape) {
        return new Tensor(ColumnType.INT64, shapeOr(shape, values.length), values.clone(), values.length);
    }

    /** Wraps arrays the caller will not touch again (used by TensorColumn). */
    static Tensor wrap(ColumnType type, int[] shape, Object data, int length) {
        return new Tensor(type, shape, data, length);
    }

    private static int[] shapeOr(int[] shape, int n) {
        return shape == null || shape.length == 0 ? new int[] {n} : shape.clone();
    }

    /** INT64, FLOAT64 or FLOAT32. */
    public ColumnType elementType() {
        return elementType;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of values (product of the shape). */
    public int size() {
        return java.lang.reflect.Array.getLength(data);
    }

    /** The value at flat index {@code i} as a double (int64 values beyond 2^53 are rounded). */
    public double getDouble(int i) {
        return switch (elementType) {
            case INT64 -> ((long[]) data)[i];
            case FLOAT32 -> ((float[]) data)[i];
            default -> ((double[]) data)[i];
        };
    }

    /** The values as doubles (converted for int64/float32). */
    public double[] toDoubleArray() {
        if (elementType == ColumnType.FLOAT64) {
            return ((double[]) data).clone();
        }
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** The values of an int64 tensor. @throws IllegalStateException for float tensors */
    public long[] toLongArray() {
        if (elementType != ColumnType.INT64) {
            throw new IllegalStateException("tensor holds " + elementType + ", not INT64");
        }
        return ((long[]) data).clone();
    }

    /** The values of a float32 tensor. @throws IllegalStateException for other tensors */
    public float[] toFloatArray() {
        if (elementType != ColumnType.FLOAT32) {
            throw new IllegalStateException("tensor holds " + elementType + ", not FLOAT32");
        }
        return ((float[]) data).clone();
    }

    /** The tensor as nested JSON arrays (non-finite floats become NaN/Infinity number nodes). */
    public JsonNode toJson() {
        if (shape.length == 0) {
            return element(JsonNodeFactory.instance, 0);
        }
        int[] pos = {0};
        return nest(JsonNodeFactory.instance, 0, pos);
    }

    private JsonNode nest(JsonNodeFactory f, int dim, int[] pos) {
        ArrayNode a = f.arrayNode(shape[dim]);
        for (int i = 0; i < shape[dim]; i++) {
            a.add(dim == shape.length - 1 ? element(f, pos[0]++) : nest(f, dim + 1, pos));
        }
        return a;
    }

    private JsonNode element(JsonNodeFactory f, int i) {
        return switch (elementType) {
            case INT64 -> f.numberNode(((long[]) data)[i]);
            case FLOAT32 -> f.numberNode(((float[]) data)[i]);
            default -> f.numberNode(((double[]) data)[i]);
        };
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor t) || t.elementType != elementType || !Arrays.equals(t.shape, shape)) {
            return false;
        }
        return switch (elementType) {
            case INT64 -> Arrays.equals((long[]) data, (long[]) t.data);
            case FLOAT32 -> Arrays.equals((float[]) data, (float[]) t.data);
            default -> Arrays.equals((double[]) data, (double[]) t.data);
        };
    }

    @Override
    public int hashCode() {
        return Objects.hash(elementType, Arrays.hashCode(shape), size());
    }

    /** Nested brackets, elided after 6 values, e.g. {@code [1, 2, 3, 4, 5, 6, ...]}. */
    @Override
    public String toString() {
        String s = toJson().toString().replace(",", ", ");
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
