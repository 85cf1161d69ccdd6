package io.infer4j.arrow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.Tensor;
import io.infer4j.table.TimestampColumn;
import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct IPC path and Arrow Java's reader and writer agree both ways: what one writes the
 * other reads into an equal table, for every layout the direct path takes, and the layouts it
 * does not take fall back to Arrow Java.
 */
class FastIpcTest {
    static Table wide(int rows, long seed) {
        Random rnd = new Random(seed);
        long[] ids = new long[rows];
        double[] x = new double[rows];
        float[] y = new float[rows];
        boolean[] flags = new boolean[rows];
        String[] names = new String[rows];
        long[] nanos = new long[rows];
        double[][] dense = new double[rows][];
        long[][] ragged = new long[rows][];
        BitSet some = new BitSet();
        for (int r = 0; r < rows; r++) {
            ids[r] = rnd.nextLong();
            x[r] = rnd.nextGaussian();
            y[r] = rnd.nextFloat();
            flags[r] = rnd.nextBoolean();
            names[r] = r % 7 == 3 ? null : "név-" + rnd.nextInt(1000);
            nanos[r] = 1_700_000_000_000L * 1_000_000 + rnd.nextInt(1_000_000) * 1_000L;
            dense[r] = rnd.doubles(5).toArray();
            ragged[r] = rnd.longs(r % 3 == 0 && rows > 1 ? 0 : 1 + rnd.nextInt(3), -300, 300).toArray();
            if (r % 5 == 1) {
                some.set(r);
            }
        }
        return Table.of(io.infer4j.table.Int64Column.of("id", ids, some), io.infer4j.table.Float64Column.of("x", x, some),
                io.infer4j.table.Float32Column.of("y", y, null), io.infer4j.table.BoolColumn.of("flag", flags, some),
                Column.strings("name", names), TimestampColumn.ofEpochNanos("time", nanos, some, ZoneId.of("America/New_York")),
                Column.tensor("dense", dense), Column.tensor("ragged", ragged));
    }

    private static byte[] arrowJavaWrite(Table t, boolean stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Ipc.write(t, out, stream, false);
        return out.toByteArray();
    }

    @Test
    void directAndArrowJavaAgreeBothWays() {
        for (Table t : List.of(wide(1, 1), wide(37, 2), wide(1000, 3), wide(10, 4).withIndex(Index.ofStrings(
                "a", "b", "c", "d", "e", "f", "g", "h", "i", "j")), wide(0, 5))) {
            for (boolean stream : new boolean[] {false, true}) {
                byte[] direct = FastIpc.write(t, stream);
                assertThat(direct).as("the direct writer takes this table").isNotNull();
                byte[] viaArrow = arrowJavaWrite(t, stream);
                // direct writer -> Arrow Java reader, Arrow Java writer -> direct reader, and the direct path with itself
                Table a = stream ? Ipc.readStream(direct, false) : Ipc.readFile(direct, false);
                Table b = FastIpc.read(viaArrow, !stream);
                Table c = FastIpc.read(direct, !stream);
                assertThat(b).as("direct reader of Arrow Java's bytes").isNotNull();
                assertThat(c).isNotNull();
                assertThat(b).isEqualTo(t);
                assertThat(c).isEqualTo(t);
                assertThat(a).isEqualTo(t);
                assertThat(a.columnNames()).isEqualTo(t.columnNames());
            }
        }
    }

    @Test
    void narrowIntTensorsStayNarrowAndWideOnesExact() {
        long[][] small = {{1, 2, 3}, {-4, 5, 127}};
        long[][] big = {{Long.MIN_VALUE, 0, Long.MAX_VALUE}, {1L << 40, -(1L << 33), 7}};
        Table t = Table.builder().addTensor("small", small).addTensor("big", big).build();
        Table back = FastIpc.read(FastIpc.write(t, false), true);
        assertThat(back).isEqualTo(t);
        assertThat(back.tensor("big").getTensor(0).toLongArray()).containsExactly(Long.MIN_VALUE, 0, Long.MAX_VALUE);
    }

    @Test
    void layoutsTheDirectPathDoesNotTakeFallBack() {
        ColumnBuilder b = ColumnBuilder.tensor("boxes", ColumnType.FLOAT64, true);
        b.appendTensor(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        b.appendTensor(Tensor.of(new double[] {5, 6}, 1, 2));
        Table rank2 = Table.of(b.build());
        assertThat(FastIpc.write(rank2, false)).isNull();
        byte[] viaArrow = arrowJavaWrite(rank2, false);
        assertThat(FastIpc.read(viaArrow, true)).isNull();
        assertThat(Ipc.readFile(viaArrow)).isEqualTo(rank2);

        ColumnBuilder withNull = ColumnBuilder.tensor("t", ColumnType.FLOAT32, false);
        withNull.appendTensor(Tensor.of(new float[] {1, 2}, 2));
        withNull.appendNull();
        Table nullRow = Table.of(withNull.build());
        byte[] direct = FastIpc.write(nullRow, false);
        assertThat(direct).isNotNull();
        assertThat(FastIpc.read(direct, true)).as("null tensor rows are read by Arrow Java").isNull();
        assertThat(Ipc.readFile(direct)).isEqualTo(nullRow);
    }
}
