package io.infer4j.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.Tensor;
import io.infer4j.table.TensorColumn;
import io.infer4j.table.TimestampColumn;
import java.time.Instant;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every column type, null and index survives Table -> Arrow -> Table, as vectors, IPC file and IPC stream. */
class ArrowTablesTest {
    enum Route {
        VECTORS(t -> {
            try (BufferAllocator a = new RootAllocator(); VectorSchemaRoot root = ArrowTables.toArrow(t, a)) {
                return ArrowTables.fromArrow(root);
            }
        }),
        FILE(t -> ArrowTables.readFile(ArrowTables.toFile(t))),
        STREAM(t -> ArrowTables.readStream(ArrowTables.toStream(t))),
        SNIFFED_FILE(t -> ArrowTables.read(ArrowTables.toFile(t))),
        SNIFFED_STREAM(t -> ArrowTables.read(ArrowTables.toStream(t)));

        final Function<Table, Table> trip;

        Route(Function<Table, Table> trip) {
            this.trip = trip;
        }
    }

    static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    static Table everyType() {
        JsonNodeFactory nf = JsonNodeFactory.instance;
        return Table.of(
                io.infer4j.table.Int64Column.of("i", new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, bits(1)),
                io.infer4j.table.Float64Column.of("d", new double[] {Double.NaN, -0.0, 1e-310}, bits(2)),
                io.infer4j.table.Float32Column.of("f", new float[] {Float.NaN, Float.MIN_VALUE, 3.5f}, bits()),
                io.infer4j.table.BoolColumn.of("b", new boolean[] {true, false, true}, bits(2)),
                Column.strings("s", "héllo", null, ""),
                Column.json("j", nf.objectNode().put("k", new java.math.BigDecimal("0.1000000000000000055511151231257827")),
                        null, nf.arrayNode().add(1).add("x")),
                TimestampColumn.ofEpochNanos("t_ns", new long[] {1, 1_700_000_000_123_456_789L, 0}, bits(2), null),
                TimestampColumn.ofEpochNanos("t_ms", new long[] {1_700_000_000_123_000_000L, 0, -86_400_000_000_000L}, bits(),
                        ZoneId.of("Europe/Zurich")),
                TimestampColumn.ofEpochNanos("t_utc", new long[] {0, 1_000_000_000L, 2_000_000_000L}, bits(), java.time.ZoneOffset.UTC),
                Column.tensor("fixed", new double[] {1, 2, 3}, new double[] {4, 5, 6}, new double[] {7, 8, 9}),
                Column.tensor("ints", new long[] {1, -2}, null, new long[] {Long.MAX_VALUE, 0}),
                Column.tensor("ragged", new long[] {1}, new long[] {2, 3, 4}, new long[] {}));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void everyColumnTypeAndNullRoundTrips(Route route) {
        Table t = everyType();
        Table back = route.trip.apply(t);
        assertThat(back).isEqualTo(t);
        assertThat(back.columnNames()).isEqualTo(t.columnNames());
        for (Column c : t.columns()) {
            assertThat(back.column(c.name()).type()).as(c.name()).isEqualTo(c.type());
            for (int r = 0; r < t.rowCount(); r++) {
                assertThat(back.column(c.name()).isNull(r)).as(c.name() + " row " + r).isEqualTo(c.isNull(r));
            }
        }
        assertThat(back.timestamps("t_ms").zone()).contains(ZoneId.of("Europe/Zurich"));
        assertThat(back.timestamps("t_ns").zone()).isEmpty();
        assertThat(Double.doubleToRawLongBits(back.float64("d").getDouble(1))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.tensor("ragged").isRagged()).isTrue();
        assertThat(back.tensor("fixed").fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(3));
    }

    @Test
    void arrowTypesFollowWallarooAndPandas() {
        Map<String, Field> fields = new java.util.HashMap<>();
        ArrowTables.schema(everyType()).getFields().forEach(f -> fields.put(f.getName(), f));
        assertThat(fields.get("i").getType()).isEqualTo(new ArrowType.Int(64, true));
        assertThat(fields.get("j").getMetadata()).containsEntry("ARROW:extension:name", "arrow.json");
        assertThat(fields.get("t_ns").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null));
        assertThat(fields.get("t_ms").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "Europe/Zurich"));
        assertThat(fields.get("t_utc").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.SECOND, "UTC"));
        assertThat(fields.get("fixed").getType()).isEqualTo(new ArrowType.FixedSizeList(3));
        assertThat(fields.get("fixed").getMetadata()).containsEntry("tensor_type", "{\"shape\": [3]}");
        assertThat(fields.get("ragged").getType()).isEqualTo(ArrowType.List.INSTANCE);
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void multiDimensionalTensorsKeepTheirShapes(Route route) {
        ColumnBuilder fixed = ColumnBuilder.tensor("img", ColumnType.FLOAT32, false);
        fixed.appendTensor(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        fixed.appendNull();
        fixed.appendTensor(Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 2, 3));
        ColumnBuilder ragged = ColumnBuilder.tensor("boxes", ColumnType.FLOAT64, true);
        ragged.appendTensor(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4));
        ragged.appendTensor(Tensor.of(new double[] {9, 10, 11, 12}, 1, 4));
        ragged.appendNull();
        Table t = Table.of(fixed.build(), ragged.build());
        Table back = route.trip.apply(t);
        assertThat(back).isEqualTo(t);
        assertThat(back.tensor("img").fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(2, 3));
        assertThat(back.tensor("boxes").shape(0)).containsExactly(2, 4);
        assertThat(back.tensor("boxes").shape(1)).containsExactly(1, 4);
        assertThat(back.tensor("boxes").isNull(2)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"FILE", "STREAM"})
    void indexesRoundTripThroughPandasMetadata(Route route) {
        Table base = Table.builder().addInt64("a", 1, 2, 3).build();
        List<Table> tables = List.of(
                base.withIndex(Index.ofStrings("x", "y", "z")),
                base.withIndex(Index.ofLongs(10, 20, 30).withNames(List.of("id"))),
                base.withIndex(Index.ofTimestamps(Instant.EPOCH, Instant.ofEpochSecond(1), Instant.ofEpochSecond(2))),
                base.withIndex(Index.range(5, 2, 3)),
                base.withIndex(Index.multi(Column.strings("k", "a", "a", "b"), Column.int64("n", 1, 2, 1))
                        .withNames(java.util.Arrays.asList("k", null))));
        for (Table t : tables) {
            Table back = route.trip.apply(t);
            assertThat(back).as(t.index().orElseThrow().toString()).isEqualTo(t);
            assertThat(back.index()).isPresent();
            assertThat(back.index().get().names()).isEqualTo(t.index().get().names());
            assertThat(back.columnNames()).containsExactly("a");
        }
        assertThat(ArrowTables.schema(base).getCustomMetadata()).doesNotContainKey("pandas");
        assertThat(ArrowTables.schema(tables.get(0)).getCustomMetadata()).containsKey("pandas");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void emptyShapesRoundTrip(Route route) {
        Table noRows = Table.builder().addFloat64("x").addString("s").addTensor("t", new double[0][]).build();
        assertThat(route.trip.apply(noRows)).isEqualTo(noRows);
        assertThat(route.trip.apply(noRows).columnNames()).containsExactly("x", "s", "t");
        assertThat(route.trip.apply(Table.empty(4)).rowCount()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void slicesWriteOnlyTheirRows(Route route) {
        Table t = everyType().slice(1, 3);
        assertThat(route.trip.apply(t)).isEqualTo(t);
    }

    @Test
    void largeTablesRoundTripExactly() {
        int rows = 20_000;
        java.util.Random rnd = new java.util.Random(7);
        double[][] tensors = new double[rows][];
        long[] ids = new long[rows];
        for (int r = 0; r < rows; r++) {
            tensors[r] = rnd.doubles(29).toArray();
            ids[r] = rnd.nextLong();
        }
        Table t = Table.builder().addInt64("id", ids).addTensor("tensor", tensors).build();
        byte[] file = ArrowTables.toFile(t);
        assertThat(file.length).isGreaterThan(rows * 30 * 8);
        Table back = ArrowTables.readFile(file);
        assertThat(back).isEqualTo(t);
        // Arrays.equals compares bit patterns of NaN too; AssertJ's containsExactly is quadratic on 580k values.
        assertThat(java.util.Arrays.equals(back.tensor("tensor").toDoubleArray(), t.tensor("tensor").toDoubleArray())).isTrue();
    }

    @Test
    void tensorsOfDifferentRanksInOneColumnAreRefusedByName() {
        ColumnBuilder b = ColumnBuilder.tensor("mixed", ColumnType.INT64, true);
        b.appendTensor(Tensor.of(new long[] {1, 2}, 2));
        b.appendTensor(Tensor.of(new long[] {1, 2}, 1, 2));
        Table t = Table.of(b.build());
        assertThatThrownBy(() -> ArrowTables.toFile(t)).isInstanceOf(Infer4jException.class)
                .hasMessageContaining("'mixed'").hasMessageContaining("rank");
    }

    @Test
    void readerRefusesWhatIsNotArrow() {
        assertThatThrownBy(() -> ArrowTables.read(new byte[0])).isInstanceOf(DecodeException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ArrowTables.readFile("[{\"a\":1}]".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("ARROW1");
    }

    @Test
    void rootsAreTheCallersAndAreFullyReleased() {
        try (BufferAllocator a = new RootAllocator()) {
            VectorSchemaRoot root = ArrowTables.toArrow(everyType(), a);
            assertThat(root.getRowCount()).isEqualTo(3);
            assertThat(root.getFieldVectors()).extracting(FieldVector::getName).startsWith("i", "d", "f");
            root.close();
            assertThat(a.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void typedTensorAccessAfterDecode() {
        Table back = ArrowTables.readFile(ArrowTables.toFile(everyType()));
        TensorColumn ints = back.tensor("ints");
        assertThat(ints.elementType()).isEqualTo(ColumnType.INT64);
        assertThat(ints.getTensor(2).toLongArray()).containsExactly(Long.MAX_VALUE, 0);
        assertThat(ints.isNull(1)).isTrue();
    }
}
