package io.infer4j.table.codec;

import io.infer4j.table.BoolColumn;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Float32Column;
import io.infer4j.table.Float64Column;
import io.infer4j.table.Int64Column;
import io.infer4j.table.StringColumn;
import io.infer4j.table.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One output of a Wallaroo legacy InferenceResult: {@code {"Float": {"v": 1, "dim": [1000, 1],
 * "data": [...]}}}. {@code data} is the tensor flattened row-major; the values are held in a
 * primitive column of the element type ({@code Float} = float32, {@code Double} = float64,
 * {@code Int64}/{@code Int32}/{@code Int16}/{@code Int8}/{@code Uint*} = int64, {@code String},
 * {@code Bool}). Immutable.
 */
public final class OutputTensor {
    private final String type;
    private final int v;
    private final int[] dim;
    private final Column data;

    /**
     * Creates an output.
     *
     * @param type the wire type name ({@code "Float"}, {@code "Int64"}, ...)
     * @param v    the format version field (1 in every recording)
     * @param dim  the shape; its product must equal the number of values
     * @param data the values, one per element (no missing cells)
     */
    public OutputTensor(String type, int v, int[] dim, Column data) {
        this.type = Objects.requireNonNull(type, "type");
        ColumnType expected = elementTypeOf(type);
        if (expected == null) {
            throw new IllegalArgumentException("unknown output type '" + type + "'");
        }
        if (data.type() != expected) {
            throw new IllegalArgumentException("output type " + type + " needs " + expected + " data, got " + data.type());
        }
        long n = 1;
        for (int d : dim) {
            n *= d;
        }
        if (n != data.size()) {
            throw new IllegalArgumentException("dim " + Arrays.toString(dim) + " needs " + n + " values, data has " + data.size());
        }
        if (data.nullCount() > 0) {
            throw new IllegalArgumentException("output data must not contain nulls");
        }
        this.v = v;
        this.dim = dim.clone();
        this.data = data;
    }

    /** The column type holding values of wire type {@code type}, or null when unknown. */
    public static ColumnType elementTypeOf(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "float", "float32" -> ColumnType.FLOAT32;
            case "double", "float64" -> ColumnType.FLOAT64;
            case "int64", "int32", "int16", "int8", "uint32", "uint16", "uint8", "uint64" -> ColumnType.INT64;
            case "string", "utf8" -> ColumnType.STRING;
            case "bool", "boolean" -> ColumnType.BOOL;
            default -> null;
        };
    }

    /** The wire type name, e.g. {@code "Float"}. */
    public String type() {
        return type;
    }

    /** The {@code v} field. */
    public int v() {
        return v;
    }

    /** The shape (a copy). */
    public int[] dim() {
        return dim.clone();
    }

    /** The column type of the values. */
    public ColumnType elementType() {
        return data.type();
    }

    /** The flat values as a column named {@code "data"}. */
    public Column data() {
        return data;
    }

    /** Float32 values ({@code Float}). */
    public float[] toFloatArray() {
        return as(Float32Column.class).toFloatArray();
    }

    /** Float64 values ({@code Double}). */
    public double[] toDoubleArray() {
        if (data instanceof Float32Column f) {
            float[] v32 = f.toFloatArray();
            double[] out = new double[v32.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = v32[i];
            }
            return out;
        }
        if (data instanceof Int64Column l) {
            return Arrays.stream(l.toLongArray()).asDoubleStream().toArray();
        }
        return as(Float64Column.class).toDoubleArray();
    }

    /** Integer values ({@code Int64}, {@code Int32}, ...). */
    public long[] toLongArray() {
        return as(Int64Column.class).toLongArray();
    }

    /** String values. */
    public String[] toStringArray() {
        return as(StringColumn.class).toArray();
    }

    /** Boolean values. */
    public boolean[] toBooleanArray() {
        return as(BoolColumn.class).toBooleanArray();
    }

    /** The numeric output as a tensor of shape {@link #dim()}. */
    public Tensor toTensor() {
        return switch (data.type()) {
            case FLOAT32 -> Tensor.of(toFloatArray(), dim);
            case FLOAT64 -> Tensor.of(toDoubleArray(), dim);
            case INT64 -> Tensor.of(toLongArray(), dim);
            default -> throw new IllegalStateException(type + " output is not numeric");
        };
    }

    /**
     * The output as a table column of {@code dim[0]} rows: a scalar column when each row holds one
     * value ({@code dim [1000]} or {@code [1000, 1]}), otherwise a fixed-shape tensor column
     * ({@code dim [100, 4]} gives rows of shape {@code [4]}).
     */
    public Column toColumn(String name) {
        int rows = dim.length == 0 ? 1 : dim[0];
        int per = rows == 0 ? 0 : data.size() / rows;
        int[] rowShape = dim.length <= 1 ? new int[0] : Arrays.copyOfRange(dim, 1, dim.length);
        if (per == 1 || dim.length <= 1) {
            return data.rename(name);
        }
        if (!data.type().isTensorElement()) {
            throw new IllegalStateException(type + " output of dim " + Arrays.toString(dim) + " cannot be a table column");
        }
        ColumnBuilder b = ColumnBuilder.tensor(name, data.type(), false);
        switch (data.type()) {
            case INT64 -> {
                long[] all = toLongArray();
                for (int r = 0; r < rows; r++) {
                    b.appendTensor(rowShape, all, r * per);
                }
            }
            case FLOAT32 -> {
                float[] all = toFloatArray();
                for (int r = 0; r < rows; r++) {
                    b.appendTensor(rowShape, all, r * per);
                }
            }
            default -> {
                double[] all = toDoubleArray();
                for (int r = 0; r < rows; r++) {
                    b.appendTensor(rowShape, all, r * per);
                }
            }
        }
        return b.build();
    }

    private <C extends Column> C as(Class<C> cls) {
        if (!cls.isInstance(data)) {
            throw new IllegalStateException(type + " output holds " + data.type() + " values");
        }
        return cls.cast(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputTensor t && t.type.equals(type) && t.v == v && Arrays.equals(t.dim, dim) && t.data.equals(data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, v, Arrays.hashCode(dim));
    }

    @Override
    public String toString() {
        return type + Arrays.toString(dim);
    }
}
