package io.infer4j.wallaroo;

import io.infer4j.table.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One model output as a whole tensor: numeric outputs as a {@link Tensor} whose first dimension
 * is the row, text outputs as strings in row-major order.
 *
 * @param name    output name ({@code dense_1}); legacy bodies carry no names, so {@code output_<i>}
 * @param type    element type as sent ({@code Float}, {@code Int64}, {@code String}) or the column's type
 * @param shape   dimensions, rows first
 * @param tensor  numeric values, or {@code null} for text
 * @param strings text values, or {@code null} for numbers
 */
public record OutputTensor(String name, String type, int[] shape, Tensor tensor, List<String> strings) {
    /** Validates and copies. */
    public OutputTensor {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        strings = strings == null ? null : List.copyOf(strings);
    }

    /** The numeric values, if this output is numeric. */
    public Optional<Tensor> numeric() {
        return Optional.ofNullable(tensor);
    }

    /** The values as doubles (row-major). @throws IllegalStateException for text outputs */
    public double[] toDoubleArray() {
        if (tensor == null) {
            throw new IllegalStateException("output " + name + " holds text, not numbers");
        }
        return tensor.toDoubleArray();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return "OutputTensor[" + name + ", " + type + Arrays.toString(shape) + "]";
    }
}
