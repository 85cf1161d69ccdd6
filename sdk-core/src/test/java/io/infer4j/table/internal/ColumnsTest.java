package io.infer4j.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.TensorColumn;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The bridge for infer4j's binary codecs shares arrays both ways, and builds columns equal to the public factories'. */
class ColumnsTest {
    @Test
    void columnsWrapTheirArraysAndHandThemBack() {
        Columns.Access access = Columns.access();
        long[] values = {1, 2, 3};
        BitSet nulls = new BitSet();
        nulls.set(1);
        Column c = access.int64("a", values, nulls);
        assertThat(c).isEqualTo(io.infer4j.table.Int64Column.of("a", new long[] {1, 0, 3}, nulls));
        assertThat(access.data(c)).isSameAs(values);
        assertThat(access.data(Column.float64("x", 1.5))).isInstanceOf(double[].class);
        assertThat(access.data(Column.strings("s", "a"))).isEqualTo(new String[] {"a"});
    }

    @Test
    void tensorsOverFlatDataEqualBuiltOnes() {
        byte[] flat = {1, 2, 3, 4, 5, 6};
        TensorColumn t = Columns.access().tensor("t", ColumnType.INT64, flat, new int[] {0, 3, 6}, 2, new int[] {3}, null, null);
        assertThat(t).isEqualTo(Column.tensor("t", new long[] {1, 2, 3}, new long[] {4, 5, 6}));
        assertThat(t.getTensor(1).toLongArray()).containsExactly(4, 5, 6);
        TensorColumn ragged = Columns.access().tensor("r", ColumnType.FLOAT64, new double[] {1, 2, 3}, new int[] {0, 1, 3}, 2,
                null, new int[][] {{1}, {2}}, null);
        assertThat(ragged).isEqualTo(Column.tensor("r", new double[] {1}, new double[] {2, 3}));
    }
}
