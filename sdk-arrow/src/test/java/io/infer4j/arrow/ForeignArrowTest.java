package io.infer4j.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.DecodeException;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/**
 * Arrow written by others (pyarrow, Wallaroo's engine, Spark) uses types infer4j does not write:
 * narrower ints, half floats, dates, decimals, dictionaries, structs, large strings. Each is read
 * exactly into the column type that holds it, or refused by name.
 */
class ForeignArrowTest {
    private final BufferAllocator allocator = new RootAllocator();

    /** An IPC file holding one vector built by {@code fill}. */
    private byte[] file(FieldVector v, int rows, DictionaryProvider dictionaries) {
        v.setValueCount(rows);
        try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(v.getField()), List.of(v), rows)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowFileWriter w = new ArrowFileWriter(root, dictionaries, Channels.newChannel(out))) {
                w.start();
                w.writeBatch();
                w.end();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private <V extends FieldVector> Table read(V v, int rows, Consumer<V> fill) {
        v.allocateNew();
        fill.accept(v);
        return ArrowTables.readFile(file(v, rows, new DictionaryProvider.MapDictionaryProvider()));
    }

    @Test
    void narrowIntsWidenToInt64() {
        Table t = read(new TinyIntVector("check_failures", allocator), 3, v -> {
            v.set(0, -128);
            v.setNull(1);
            v.set(2, 127);
        });
        assertThat(t.column("check_failures").type()).isEqualTo(ColumnType.INT64);
        assertThat(t.int64("check_failures").getLong(0)).isEqualTo(-128);
        assertThat(t.int64("check_failures").isNull(1)).isTrue();
        Table ints = read(new IntVector("n", allocator), 2, v -> {
            v.set(0, Integer.MIN_VALUE);
            v.set(1, Integer.MAX_VALUE);
        });
        assertThat(ints.int64("n").toLongArray()).containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Test
    void uint64AboveInt64IsRefusedNotWrapped() {
        Table fits = read(new UInt8Vector("u", allocator), 1, v -> v.set(0, Long.MAX_VALUE));
        assertThat(fits.int64("u").getLong(0)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> read(new UInt8Vector("u", allocator), 1, v -> v.set(0, -1L)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("'u'").hasMessageContaining("18446744073709551615");
    }

    @Test
    void halfFloatsAndDatesAreExact() {
        Table h = read(new Float2Vector("h", allocator), 2, v -> {
            v.set(0, org.apache.arrow.memory.util.Float16.toFloat16(1.5f));
            v.setNull(1);
        });
        assertThat(h.column("h").type()).isEqualTo(ColumnType.FLOAT32);
        assertThat(h.float32("h").getFloat(0)).isEqualTo(1.5f);
        Table d = read(new DateDayVector("day", allocator), 1, v -> v.set(0, 19_700));
        assertThat(d.timestamps("day").getInstant(0)).isEqualTo(Instant.ofEpochSecond(19_700L * 86_400));
    }

    @Test
    void integralDecimalsReadAsInt64AndScaledOnesAreRefused() {
        Table whole = read(new DecimalVector("id", allocator, 20, 0), 1, v -> v.set(0, new BigDecimal("123456789012345678")));
        assertThat(whole.int64("id").getLong(0)).isEqualTo(123_456_789_012_345_678L);
        assertThatThrownBy(() -> read(new DecimalVector("price", allocator, 10, 2), 1, v -> v.set(0, new BigDecimal("1.25"))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("'price'").hasMessageContaining("Decimal");
    }

    @Test
    void dictionaryEncodedStringsDecode() throws IOException {
        VarCharVector dict = new VarCharVector("dict", allocator);
        dict.allocateNew();
        dict.setSafe(0, "fraud".getBytes(StandardCharsets.UTF_8));
        dict.setSafe(1, "ok".getBytes(StandardCharsets.UTF_8));
        dict.setValueCount(2);
        DictionaryEncoding enc = new DictionaryEncoding(1L, false, new ArrowType.Int(32, true));
        Dictionary dictionary = new Dictionary(dict, enc);
        VarCharVector plain = new VarCharVector("label", allocator);
        plain.allocateNew();
        plain.setSafe(0, "ok".getBytes(StandardCharsets.UTF_8));
        plain.setSafe(1, "fraud".getBytes(StandardCharsets.UTF_8));
        plain.setNull(2);
        plain.setSafe(3, "ok".getBytes(StandardCharsets.UTF_8));
        plain.setValueCount(4);
        FieldVector encoded = (FieldVector) DictionaryEncoder.encode(plain, dictionary);
        DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
        provider.put(dictionary);
        Table t = ArrowTables.readFile(file(encoded, 4, provider));
        assertThat(t.strings("label").toArray()).containsExactly("ok", "fraud", null, "ok");
        plain.close();
        dict.close();
    }

    @Test
    void structsFlattenIntoDottedColumnsAsWallarooNamesThem() {
        StructVector in = StructVector.empty("in", allocator);
        Float4Vector x = in.addOrGet("x", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), Float4Vector.class);
        BigIntVector y = in.addOrGet("y", FieldType.nullable(new ArrowType.Int(64, true)), BigIntVector.class);
        in.allocateNew();
        x.set(0, 1.5f);
        y.set(0, 7);
        in.setIndexDefined(0);
        in.setNull(1);
        x.setValueCount(2);
        y.setValueCount(2);
        Table t = ArrowTables.readFile(file(in, 2, null));
        assertThat(t.columnNames()).containsExactly("in.x", "in.y");
        assertThat(t.float32("in.x").getFloat(0)).isEqualTo(1.5f);
        assertThat(t.int64("in.y").isNull(1)).isTrue();
    }

    @Test
    void wallarooLogPagesDecode() {
        // The 2023 Arrow log shape (../shared/reference/wallaroo-api.md 5.4): time timestamp[ms], in.tensor list<float>.
        TimeStampMilliVector time = new TimeStampMilliVector("time", allocator);
        time.allocateNew();
        time.set(0, 1_700_000_000_123L);
        time.setValueCount(1);
        ListVector tensor = ListVector.empty("in.tensor", allocator);
        UnionListWriter w = tensor.getWriter();
        w.startList();
        w.float4().writeFloat4(0.25f);
        w.float4().writeFloat4(-1f);
        w.endList();
        w.setValueCount(1);
        tensor.setValueCount(1);
        byte[] body;
        try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(time.getField(), tensor.getField()), List.of(time, tensor), 1)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowFileWriter fw = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
                fw.start();
                fw.writeBatch();
                fw.end();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            body = out.toByteArray();
        }
        Table t = ArrowTables.readFile(body);
        assertThat(t.timestamps("time").getInstant(0)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(t.tensor("in.tensor").getTensor(0).toFloatArray()).containsExactly(0.25f, -1f);
        assertThat(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)).isEqualTo(time.getField().getType());
    }

    @Test
    void largeStringsAndStringListsAreKept() {
        Table t = read(new LargeVarCharVector("big", allocator), 1, v -> v.setSafe(0, "ü".getBytes(StandardCharsets.UTF_8)));
        assertThat(t.strings("big").getString(0)).isEqualTo("ü");
        ListVector words = ListVector.empty("words", allocator);
        UnionListWriter w = words.getWriter();
        w.startList();
        w.writeVarChar("a");
        w.writeVarChar("b");
        w.endList();
        w.setValueCount(1);
        Table lists = ArrowTables.readFile(file(words, 1, null));
        assertThat(lists.column("words").type()).isEqualTo(ColumnType.JSON);
        assertThat(lists.json("words").getNode(0).toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void typesWithoutAColumnAreRefusedByFieldAndType() {
        assertThatThrownBy(() -> read(new VarBinaryVector("blob", allocator), 1, v -> v.setSafe(0, new byte[] {1})))
                .isInstanceOf(DecodeException.class).hasMessageContaining("'blob'").hasMessageContaining("Binary");
        MapVector map = MapVector.empty("m", allocator, false);
        org.apache.arrow.vector.complex.impl.UnionMapWriter mw = map.getWriter();
        mw.startMap();
        mw.startEntry();
        mw.key().bigInt().writeBigInt(1);
        mw.value().bigInt().writeBigInt(2);
        mw.endEntry();
        mw.endMap();
        mw.setValueCount(1);
        assertThatThrownBy(() -> ArrowTables.readFile(file(map, 1, null)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("'m'").hasMessageContaining("Map");
    }

    @Test
    void aNullInsideATensorIsRefused() {
        ListVector tensor = ListVector.empty("t", allocator);
        UnionListWriter w = tensor.getWriter();
        w.startList();
        w.float8().writeFloat8(1);
        w.float8().writeNull();
        w.endList();
        w.setValueCount(1);
        assertThatThrownBy(() -> ArrowTables.readFile(file(tensor, 1, null)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("'t'").hasMessageContaining("null inside a tensor");
    }

    @Test
    void schemaMetadataOfOthersIsTolerated() {
        Field f = new Field("a", new FieldType(true, new ArrowType.Int(64, true), null, Map.of("foo", "bar")), null);
        assertThat(f.getMetadata()).containsEntry("foo", "bar");
        BigIntVector v = (BigIntVector) f.createVector(allocator);
        Table t = read(v, 1, x -> x.set(0, 5));
        assertThat(t.int64("a").getLong(0)).isEqualTo(5);
    }
}
