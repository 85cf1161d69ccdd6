package io.infer4j.table;

import io.infer4j.table.internal.Columns;
import java.time.ZoneId;
import java.util.BitSet;

/** {@link Columns.Access} for this package's constructors and arrays (see Columns for why). */
final class ColumnAccess implements Columns.Access {
    @Override
    public Column int64(String name, long[] values, BitSet nulls) {
        return new Int64Column(name, values, nulls);
    }

    @Override
    public Column float64(String name, double[] values, BitSet nulls) {
        return new Float64Column(name, values, nulls);
    }

    @Override
    public Column float32(String name, float[] values, BitSet nulls) {
        return new Float32Column(name, values, nulls);
    }

    @Override
    public Column bools(String name, boolean[] values, BitSet nulls) {
        return new BoolColumn(name, values, nulls);
    }

    @Override
    public Column strings(String name, String[] values) {
        return new StringColumn(name, values);
    }

    @Override
    public Column timestamps(String name, long[] nanos, BitSet nulls, ZoneId zone) {
        return new TimestampColumn(name, nanos, nulls, zone);
    }

    @Override
    public TensorColumn tensor(String name, ColumnType element, Object data, int[] offsets, int rows, int[] fixedShape,
            int[][] shapes, BitSet nulls) {
        return new TensorColumn(name, element, data, offsets, rows, fixedShape, shapes, nulls, 0);
    }

    @Override
    public Object data(Column c) {
        return c.backingArray();
    }
}
