package io.infer4j.wallaroo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * One model output as a whole tensor: every value of the output, flattened row-major, with its
 * shape (rows first) and element type. Legacy answers carry outputs as
 * {@code {"Float": {"v": 1, "dim": [1000, 1], "data": [...]}}}; the type key maps to the element
 * type ({@code Float} = float32, {@code Double} = float64, {@code Int64}/{@code Int32}/
 * {@code Int16}/{@code Int8}/{@code Uint*} = int64, {@code String}, {@code Bool}; a type name
 * infer4j does not know is read by its values). A pandas-records output is the whole
 * {@code out.<name>} column. Immutable; every array accessor returns a copy.
 */
public final class OutputTensor {
    private final String name;
    private final String type;
    private final int[] shape;
    private final ColumnType elementType;
    /** float[], double[], long[], boolean[] or String[], exactly as many values as the shape holds; never exposed. */
    private final Object values;
    /** The legacy body's {@code v} field, written back on re-encoding. */
    private final int version;

    /** Takes ownership of {@code values}: the decoder hands over arrays it does not touch again. */
    OutputTensor(String name, String type, int[] shape, ColumnType elementType, Object values, int version) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.shape = shape.clone();
        this.elementType = elementType;
        this.values = values;
        this.version = version;
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != java.lang.reflect.Array.getLength(values)) {
            throw new IllegalArgumentException("output " + name + ": shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + java.lang.reflect.Array.getLength(values));
        }
    }

    /**
     * The output's name: the model's ({@code dense_1}) for pandas-records answers; legacy outputs
     * carry no names, so {@code output_<i>} in the order sent ({@code result<k>.output_<i>} for
     * the k-th object of an answer holding several).
     */
    public String name() {
        return name;
    }

    /**
     * The element type as sent in a legacy answer ({@code Float}, {@code Int64}, {@code String}),
     * or the column's element type ({@code FLOAT64}, {@code INT64}, ...) for pandas-records answers.
     */
    public String type() {
        return type;
    }

    /** The shape, rows first (a copy); a legacy {@code dim} exactly as sent. */
    public int[] shape() {
        return shape.clone();
    }

    /** FLOAT32, FLOAT64, INT64, STRING or BOOL: how the values are held. */
    public ColumnType elementType() {
        return elementType;
    }

    /** The values as a tensor of {@link #shape()}. @throws IllegalStateException for text and boolean outputs */
    public Tensor toTensor() {
        return switch (elementType) {
            case FLOAT32 -> Tensor.of((float[]) values, shape);
            case FLOAT64 -> Tensor.of((double[]) values, shape);
            case INT64 -> Tensor.of((long[]) values, shape);
            default -> throw notA("numbers");
        };
    }

    /** Every numeric value as a double, row-major (float32 and int64 are widened). @throws IllegalStateException for text and boolean outputs */
    public double[] toDoubleArray() {
        switch (elementType) {
            case FLOAT64:
                return ((double[]) values).clone();
            case FLOAT32: {
                float[] f = (float[]) values;
                double[] out = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
                return out;
            }
            case INT64: {
                long[] l = (long[]) values;
                double[] out = new double[l.length];
                for (int i = 0; i < l.length; i++) {
                    out[i] = l[i];
                }
                return out;
            }
            default:
                throw notA("numbers");
        }
    }

    /** The values of a float32 output ({@code Float}). @throws IllegalStateException for any other element type */
    public float[] toFloatArray() {
        return ((float[]) as(ColumnType.FLOAT32)).clone();
    }

    /** The values of an int64 output ({@code Int64}, {@code Int32}, ...). @throws IllegalStateException for any other element type */
    public long[] toLongArray() {
        return ((long[]) as(ColumnType.INT64)).clone();
    }

    /** The values of a text output ({@code null} where a value was null). @throws IllegalStateException for any other element type */
    public String[] toStringArray() {
        return ((String[]) as(ColumnType.STRING)).clone();
    }

    /** The values of a boolean output. @throws IllegalStateException for any other element type */
    public boolean[] toBooleanArray() {
        return ((boolean[]) as(ColumnType.BOOL)).clone();
    }

    /** The flat values as one column named {@code "data"} of {@link #elementType()}. */
    public Column data() {
        return switch (elementType) {
            case FLOAT32 -> Column.float32("data", (float[]) values);
            case FLOAT64 -> Column.float64("data", (double[]) values);
            case INT64 -> Column.int64("data", (long[]) values);
            case BOOL -> Column.bools("data", (boolean[]) values);
            default -> Column.strings("data", (String[]) values);
        };
    }

    /**
     * The output as a table column of {@code shape[0]} rows (one row for a shape {@code []}):
     * numbers of shape {@code [n]} as a scalar column, of shape {@code [n, d...]} as a fixed tensor
     * column whose cells have shape {@code [d...]} ({@code [1000, 1]} gives one-value tensors, as a
     * pandas-records answer of the same model does); text and booleans with one value per row as
     * a scalar column, with more as a JSON column holding each row's values as an array.
     */
    public Column toColumn(String columnName) {
        int rows = shape.length == 0 ? 1 : shape[0];
        int n = java.lang.reflect.Array.getLength(values);
        int per = rows == 0 ? 0 : n / rows;
        boolean numeric = elementType.isTensorElement();
        if (shape.length <= 1 || !numeric && per == 1) {
            return data().rename(columnName);
        }
        if (!numeric) {
            ArrayNode[] cells = new ArrayNode[rows];
            for (int r = 0; r < rows; r++) {
                cells[r] = JsonNodeFactory.instance.arrayNode(per);
                for (int i = r * per; i < (r + 1) * per; i++) {
                    if (elementType == ColumnType.BOOL) {
                        cells[r].add(((boolean[]) values)[i]);
                    } else {
                        cells[r].add(((String[]) values)[i]);
                    }
                }
            }
            return Column.json(columnName, cells);
        }
        int[] cell = Arrays.copyOfRange(shape, 1, shape.length);
        ColumnBuilder b = ColumnBuilder.tensor(columnName, elementType, false);
        for (int r = 0; r < rows; r++) {
            switch (elementType) {
                case FLOAT32 -> b.appendTensor(cell, (float[]) values, r * per);
                case FLOAT64 -> b.appendTensor(cell, (double[]) values, r * per);
                default -> b.appendTensor(cell, (long[]) values, r * per);
            }
        }
        return b.build();
    }

    /** The values array itself, for the encoder (never handed to callers). */
    Object values() {
        return values;
    }

    /** The legacy {@code v} field (1 when absent). */
    int version() {
        return version;
    }

    private Object as(ColumnType wanted) {
        if (elementType != wanted) {
            throw notA(wanted.name() + " values");
        }
        return values;
    }

    private IllegalStateException notA(String what) {
        return new IllegalStateException("output " + name + " (" + type + ") holds " + elementType + " values, not " + what);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OutputTensor t)) {
            return false;
        }
        return t.name.equals(name) && t.type.equals(type) && Arrays.equals(t.shape, shape) && t.elementType == elementType
                && t.version == version && Objects.deepEquals(t.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), elementType);
    }

    @Override
    public String toString() {
        return "OutputTensor[" + name + ", " + type + Arrays.toString(shape) + "]";
    }
}
