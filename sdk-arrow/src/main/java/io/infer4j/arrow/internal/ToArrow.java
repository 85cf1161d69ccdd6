package io.infer4j.arrow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.table.BoolColumn;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Float32Column;
import io.infer4j.table.Float64Column;
import io.infer4j.table.Index;
import io.infer4j.table.Int64Column;
import io.infer4j.table.JsonColumn;
import io.infer4j.table.StringColumn;
import io.infer4j.table.Table;
import io.infer4j.table.TensorColumn;
import io.infer4j.table.TimestampColumn;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@link Table} into Arrow vectors. Fixed-width values go in with one bulk copy per column into
 * the vector's buffer (no per-cell call, no boxing); only strings, JSON and booleans are set cell
 * by cell, as their encodings require.
 */
public final class ToArrow {
    /** Wallaroo's field metadata key for a tensor's per-row shape, e.g. {@code {"shape": [29]}}. */
    public static final String TENSOR_TYPE = "tensor_type";
    /** Arrow's canonical JSON extension type (storage utf8). */
    static final String EXTENSION_NAME = "ARROW:extension:name";
    static final String EXTENSION_METADATA = "ARROW:extension:metadata";
    static final String JSON_EXTENSION = "arrow.json";
    /** pandas' field name for an unnamed index level {@code i}. */
    static String indexField(int level) {
        return "__index_level_" + level + "__";
    }

    private ToArrow() {
    }

    /** The Arrow schema {@code table} is written with (index levels last, as pyarrow puts them). */
    public static Schema schema(Table table) {
        List<Field> fields = new ArrayList<>();
        for (Column c : table.columns()) {
            fields.add(field(c.name(), c));
        }
        List<Column> levels = indexLevels(table);
        for (int i = 0; i < levels.size(); i++) {
            fields.add(field(indexField(i), levels.get(i)));
        }
        Map<String, String> metadata = PandasMetadata.write(table, levels);
        return new Schema(fields, metadata);
    }

    /** The index levels written as columns: none for an absent or default range index. */
    static List<Column> indexLevels(Table table) {
        Index index = table.index().orElse(null);
        if (index == null || index.kind() == Index.Kind.RANGE) {
            return List.of();
        }
        return index.levels();
    }

    /** Fills a new root (the caller closes it) with every column, index level and null of {@code table}. */
    public static VectorSchemaRoot toArrow(Table table, BufferAllocator allocator) {
        Schema schema = schema(table);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            List<Column> columns = new ArrayList<>(table.columns());
            columns.addAll(indexLevels(table));
            for (int i = 0; i < columns.size(); i++) {
                fill(root.getVector(i), columns.get(i));
            }
            root.setRowCount(table.rowCount());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private static Field field(String name, Column c) {
        return switch (c.type()) {
            case INT64 -> leaf(name, new ArrowType.Int(64, true), null);
            case FLOAT64 -> leaf(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), null);
            case FLOAT32 -> leaf(name, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), null);
            case BOOL -> leaf(name, ArrowType.Bool.INSTANCE, null);
            case STRING -> leaf(name, ArrowType.Utf8.INSTANCE, null);
            case JSON -> leaf(name, ArrowType.Utf8.INSTANCE, Map.of(EXTENSION_NAME, JSON_EXTENSION, EXTENSION_METADATA, ""));
            case TIMESTAMP -> {
                TimestampColumn t = (TimestampColumn) c;
                yield leaf(name, new ArrowType.Timestamp(unitOf(t), t.zone().map(ToArrow::zoneName).orElse(null)), null);
            }
            case TENSOR -> tensorField(name, (TensorColumn) c);
        };
    }

    private static Field leaf(String name, ArrowType type, Map<String, String> metadata) {
        return new Field(name, new FieldType(true, type, null, metadata), null);
    }

    /** Arrow time zones are IANA names or {@code +hh:mm} offsets; {@code Z} is written as {@code UTC}. */
    static String zoneName(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** The coarsest unit that holds every value exactly: Wallaroo's {@code time} stays {@code timestamp[ms]}. */
    static TimeUnit unitOf(TimestampColumn c) {
        long gcd = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isNull(i)) {
                long v = c.getEpochNanos(i) % 1_000_000_000L;
                gcd = gcd(gcd, Math.abs(v));
                if (gcd == 1) {
                    break;
                }
            }
        }
        if (gcd == 0) {
            return c.nullCount() == c.size() ? TimeUnit.MILLISECOND : TimeUnit.SECOND;
        }
        return gcd % 1_000_000 == 0 ? TimeUnit.MILLISECOND : gcd % 1_000 == 0 ? TimeUnit.MICROSECOND : TimeUnit.NANOSECOND;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    static long divisor(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1_000_000_000L;
            case MILLISECOND -> 1_000_000L;
            case MICROSECOND -> 1_000L;
            case NANOSECOND -> 1L;
        };
    }

    private static ArrowType elementType(ColumnType t) {
        return switch (t) {
            case INT64 -> new ArrowType.Int(64, true);
            case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            default -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        };
    }

    /**
     * A fixed-shape tensor column is a {@code fixed_size_list} of all its elements per row with
     * Wallaroo's {@code tensor_type} shape metadata (cc_data_1k.arrow's form); a ragged one is
     * {@code list}s nested as deep as its rank, since each row then carries its own shape.
     */
    private static Field tensorField(String name, TensorColumn c) {
        Field item = new Field("item", new FieldType(true, elementType(c.elementType()), null), null);
        Map<String, String> meta = null;
        if (c.fixedShape().isPresent()) {
            int[] shape = c.fixedShape().get();
            meta = Map.of(TENSOR_TYPE, "{\"shape\": " + Arrays.toString(shape) + "}");
            if (product(shape) > 0) {
                return new Field(name, new FieldType(true, new ArrowType.FixedSizeList(product(shape)), null, meta), List.of(item));
            }
            // Arrow Java refuses fixed_size_list[0]; empty tensors go as lists, the shape in the metadata.
        }
        int rank = c.fixedShape().isPresent() ? Math.max(1, c.fixedShape().get().length) : raggedRank(c);
        Field f = item;
        for (int level = 0; level < rank; level++) {
            boolean top = level == rank - 1;
            f = new Field(top ? name : "item", new FieldType(true, ArrowType.List.INSTANCE, null, top ? meta : null), List.of(f));
        }
        return f;
    }

    private static int raggedRank(TensorColumn c) {
        int rank = -1;
        for (int r = 0; r < c.size(); r++) {
            if (c.isNull(r)) {
                continue;
            }
            if (rank == -1) {
                rank = c.rank(r);
            } else if (rank != c.rank(r)) {
                throw new Infer4jException("column '" + c.name() + "' holds tensors of rank " + rank + " and " + c.rank(r)
                        + "; an Arrow list column has one depth, so each row's tensor must have the same rank", null);
            }
        }
        if (rank == 0) {
            throw new Infer4jException("column '" + c.name() + "' holds 0-d tensors of different shapes", null);
        }
        return Math.max(rank, 1);
    }

    static int product(int[] shape) {
        long p = Tensors.product(shape);
        if (p < 0) {
            throw new Infer4jException("tensor shape " + Arrays.toString(shape) + " has more than 2^31 elements", null);
        }
        return (int) p;
    }

    // ------------------------------------------------------------------ filling

    private static void fill(FieldVector v, Column c) {
        int n = c.size();
        switch (c.type()) {
            case INT64 -> {
                Int64Column col = (Int64Column) c;
                BaseFixedWidthVector f = (BaseFixedWidthVector) v;
                f.allocateNew(n);
                putLongs(f.getDataBuffer(), col.toLongArray(), 0, n);
                validity(f.getValidityBuffer(), c, n);
            }
            case FLOAT64 -> {
                BaseFixedWidthVector f = (BaseFixedWidthVector) v;
                f.allocateNew(n);
                f.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
                        .put(((Float64Column) c).toDoubleArray());
                validity(f.getValidityBuffer(), c, n);
            }
            case FLOAT32 -> {
                BaseFixedWidthVector f = (BaseFixedWidthVector) v;
                f.allocateNew(n);
                f.getDataBuffer().nioBuffer(0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                        .put(((Float32Column) c).toFloatArray());
                validity(f.getValidityBuffer(), c, n);
            }
            case TIMESTAMP -> {
                TimestampColumn t = (TimestampColumn) c;
                long div = divisor(((ArrowType.Timestamp) v.getField().getType()).getUnit());
                long[] values = t.toEpochNanosArray();
                if (div != 1) {
                    for (int i = 0; i < n; i++) {
                        values[i] = t.isNull(i) ? 0 : values[i] / div;
                    }
                }
                BaseFixedWidthVector f = (BaseFixedWidthVector) v;
                f.allocateNew(n);
                putLongs(f.getDataBuffer(), values, 0, n);
                validity(f.getValidityBuffer(), c, n);
            }
            case BOOL -> {
                BitVector b = (BitVector) v;
                b.allocateNew(n);
                BoolColumn col = (BoolColumn) c;
                for (int i = 0; i < n; i++) {
                    if (!col.isNull(i)) {
                        b.set(i, col.getBool(i) ? 1 : 0);
                    }
                }
            }
            case STRING -> {
                StringColumn s = (StringColumn) c;
                strings(v, n, i -> s.getString(i));
            }
            case JSON -> {
                JsonColumn j = (JsonColumn) c;
                strings(v, n, i -> {
                    try {
                        return JsonText.MAPPER.writeValueAsString(j.getNode(i));
                    } catch (JsonProcessingException e) {
                        throw new Infer4jException("column '" + c.name() + "' row " + i + " cannot be written as JSON", e);
                    }
                });
            }
            case TENSOR -> {
                TensorColumn t = (TensorColumn) c;
                if (v instanceof FixedSizeListVector fl) {
                    fixedTensor(fl, t);
                } else {
                    raggedTensor((ListVector) v, t);
                }
            }
        }
        v.setValueCount(n);
    }

    private interface Cell {
        String at(int row);
    }

    private static void strings(FieldVector v, int n, Cell cell) {
        VarCharVector s = (VarCharVector) v;
        s.allocateNew(n);
        for (int i = 0; i < n; i++) {
            String text = cell.at(i);
            if (text != null) {
                s.setSafe(i, text.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void putLongs(ArrowBuf buf, long[] values, int from, int count) {
        buf.nioBuffer(0, count * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(values, from, count);
    }

    /** All rows valid, then the column's nulls cleared (allocateNew leaves the bitmap zeroed). */
    private static void validity(ArrowBuf bits, Column c, int n) {
        int bytes = BitVectorHelper.getValidityBufferSizeFromCount(n);
        bits.setOne(0L, (long) bytes);
        if (c.nullCount() > 0) {
            for (int i = 0; i < n; i++) {
                if (c.isNull(i)) {
                    BitVectorHelper.unsetBit(bits, i);
                }
            }
        }
    }

    private static void fixedTensor(FixedSizeListVector fl, TensorColumn t) {
        int n = t.size();
        int width = fl.getListSize();
        long total = (long) n * width;
        if (total > Integer.MAX_VALUE) {
            throw new Infer4jException("column '" + t.name() + "' has more than 2^31 tensor elements", null);
        }
        fl.allocateNew();
        BaseFixedWidthVector items = (BaseFixedWidthVector) fl.getDataVector();
        items.allocateNew((int) total);
        if (n > 0) {
            Object flat = flat(t);
            if (t.nullCount() == 0) {
                copyElements(t, flat, items.getDataBuffer(), 0, n, 0);
            } else {
                for (int r = 0; r < n; r++) {
                    if (!t.isNull(r)) {
                        copyElements(t, flat, items.getDataBuffer(), r, r + 1, (long) r * width);
                    }
                }
            }
        }
        items.getValidityBuffer().setOne(0L, (long) BitVectorHelper.getValidityBufferSizeFromCount((int) total));
        for (int r = 0; r < n; r++) {
            if (t.isNull(r)) {
                fl.setNull(r);
            } else {
                fl.setNotNull(r);
            }
        }
        items.setValueCount((int) total);
    }

    /** The column's flat values (rows concatenated, starting at {@code rowStart(0)}), copied once. */
    private static Object flat(TensorColumn t) {
        return switch (t.elementType()) {
            case INT64 -> t.toLongArray();
            case FLOAT32 -> t.toFloatArray();
            default -> t.toDoubleArray();
        };
    }

    /** Copies rows {@code [from, to)} of {@code t} ({@code flat} = {@link #flat}) to element {@code at} of {@code buf}. */
    private static void copyElements(TensorColumn t, Object flat, ArrowBuf buf, int from, int to, long at) {
        int start = t.rowStart(from) - t.rowStart(0);
        int count = t.rowEnd(to - 1) - t.rowStart(from);
        if (count == 0) {
            return;
        }
        if (flat instanceof long[] l) {
            buf.nioBuffer(at * 8, count * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(l, start, count);
        } else if (flat instanceof float[] f) {
            buf.nioBuffer(at * 4, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(f, start, count);
        } else {
            buf.nioBuffer(at * 8, count * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put((double[]) flat, start, count);
        }
    }

    /**
     * Ragged rows as nested lists: level 0 is the row, each deeper level one more dimension of
     * that row's shape, the leaf the flat elements in row-major order.
     */
    private static void raggedTensor(ListVector top, TensorColumn t) {
        int n = t.size();
        int rank = 0;
        for (org.apache.arrow.vector.ValueVector x = top; x instanceof ListVector l; x = l.getDataVector()) {
            rank++;
        }
        // Lists per level: level 0 has n entries, level k has the sum over rows of shape[0..k-1].
        List<int[]> sizes = new ArrayList<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int level = 0; level < rank; level++) {
            int entries = 0;
            for (int r = 0; r < n; r++) {
                if (!t.isNull(r)) {
                    int[] shape = t.shape(r);
                    int lists = 1;
                    for (int k = 0; k < level; k++) {
                        lists *= shape[k];
                    }
                    entries += lists;
                }
            }
            int[] s = new int[level == 0 ? n : entries];
            int at = 0;
            for (int r = 0; r < n; r++) {
                if (t.isNull(r)) {
                    if (level == 0) {
                        s[at++] = -1;
                    }
                    continue;
                }
                int[] shape = t.shape(r);
                int lists = 1;
                for (int k = 0; k < level; k++) {
                    lists *= shape[k];
                }
                for (int l = 0; l < lists; l++) {
                    s[at++] = shape[level];
                }
            }
            sizes.add(s);
            counts.put(level, s.length);
        }
        ListVector list = top;
        for (int level = 0; level < rank; level++) {
            int[] s = sizes.get(level);
            list.allocateNew();
            for (int i = 0; i < s.length; i++) {
                if (s[i] < 0) {
                    list.setNull(i);
                } else {
                    list.startNewValue(i);
                    list.endValue(i, s[i]);
                }
            }
            list.setValueCount(counts.get(level));
            if (level < rank - 1) {
                list = (ListVector) list.getDataVector();
            }
        }
        BaseFixedWidthVector items = (BaseFixedWidthVector) list.getDataVector();
        int total = t.nullCount() == n ? 0 : t.rowEnd(n - 1) - t.rowStart(0);
        items.allocateNew(Math.max(total, 1));
        if (total > 0) {
            copyElements(t, flat(t), items.getDataBuffer(), 0, n, 0);
        }
        items.getValidityBuffer().setOne(0L, (long) BitVectorHelper.getValidityBufferSizeFromCount(total));
        items.setValueCount(total);
    }
}
