package io.infer4j.table.internal;

import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.TensorColumn;
import java.time.ZoneId;
import java.util.BitSet;

/**
 * Columns built around arrays without a copy, and a column's own arrays read without one, for
 * infer4j's binary codecs (sdk-arrow), which fill arrays straight from a body and never touch
 * them again. The public factories copy, which is right for users but doubles the memory traffic
 * of a decoder that already made the only copy. Not API: exported only to infer4j's modules, and
 * callers must treat arrays they get as read-only and arrays they give as handed over.
 */
public final class Columns {
    /** What package {@code io.infer4j.table} lends out (installed when {@link Column} loads). */
    public interface Access {
        /** An int64 column over {@code values}; {@code nulls} may be null. */
        Column int64(String name, long[] values, BitSet nulls);

        /** A float64 column over {@code values}. */
        Column float64(String name, double[] values, BitSet nulls);

        /** A float32 column over {@code values}. */
        Column float32(String name, float[] values, BitSet nulls);

        /** A bool column over {@code values}. */
        Column bools(String name, boolean[] values, BitSet nulls);

        /** A string column over {@code values} (null elements are missing cells). */
        Column strings(String name, String[] values);

        /** A timestamp column over epoch nanoseconds. */
        Column timestamps(String name, long[] nanos, BitSet nulls, ZoneId zone);

        /**
         * A tensor column over flat {@code data} (int64 as byte[], short[], int[] or long[]; double[];
         * float[]) with {@code rows + 1} {@code offsets}; {@code fixedShape} for a fixed column,
         * else one shape per row in {@code shapes}.
         */
        TensorColumn tensor(String name, ColumnType element, Object data, int[] offsets, int rows, int[] fixedShape,
                int[][] shapes, BitSet nulls);

        /**
         * The array behind a column, indexed by row: long[] (int64, timestamps as epoch nanos),
         * double[], float[], boolean[], String[]; for a tensor column its flat data, indexed by
         * {@link TensorColumn#rowStart(int)}.
         */
        Object data(Column column);
    }

    private static volatile Access access;

    private Columns() {
    }

    /** Called once by {@link Column}'s static initializer. */
    public static void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("column access is installed once");
        }
        access = a;
    }

    /** The access, loading {@link Column} first if nothing has yet. */
    public static Access access() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(Column.class.getName(), true, Column.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
        }
        return a;
    }
}
