package io.infer4j.arrow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.infer4j.core.error.DecodeException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.TimestampColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.complex.BaseListVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Arrow vectors into a {@link Table}. Fixed-width values come out of the vector's buffer with one
 * bulk copy per column; every Arrow type a column can hold exactly maps onto one (narrower ints
 * widen to int64, float16 to float32, dates to timestamps, structs flatten to
 * {@code parent.child} columns as Wallaroo's flattened answers name them, dictionaries decode);
 * any other type is a {@link DecodeException} naming the field and the type.
 */
public final class FromArrow {
    private FromArrow() {
    }

    /**
     * The table in {@code root} (which stays the caller's). {@code dictionaries} resolves
     * dictionary-encoded fields (may be null when none are).
     */
    public static Table toTable(VectorSchemaRoot root, DictionaryProvider dictionaries) {
        int rows = root.getRowCount();
        List<Column> columns = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
            if (v.getValueCount() < rows) {
                throw new DecodeException("field '" + v.getName() + "' has " + v.getValueCount() + " values for "
                        + rows + " rows", "field " + v.getName(), -1, null);
            }
            try {
                validate(v);
            } catch (RuntimeException e) {
                throw new DecodeException("field '" + v.getName() + "' is malformed: " + e.getMessage(), "field " + v.getName(), -1, e);
            }
            addColumns(columns, v.getName(), v, rows, dictionaries);
        }
        return assemble(columns, rows, root.getSchema().getCustomMetadata());
    }

    /**
     * Arrow's own checks of buffer sizes and offsets, so a hostile body fails here rather than as
     * an out-of-bounds read later. Arrow 19's full validation cannot take a fixed-size list (it
     * asks it for an offset buffer it does not have) or a half float (an "unknown" fixed-width
     * type), so those get the buffer check and their children the full one.
     */
    private static void validate(ValueVector v) {
        firstOffsetNotNegative(v);
        if (!hasFixedSizeList(v)) {
            ValueVectorUtility.validateFull(v);
            return;
        }
        if (!(v instanceof Float2Vector)) {
            ValueVectorUtility.validate(v);
        }
        for (ValueVector child : children(v)) {
            validate(child);
        }
    }

    /**
     * Arrow's full validation checks that offsets grow and end inside the data, not that the first
     * is not negative: a list starting at -838860800 passes, and reading it would allocate for
     * 838 million elements.
     */
    private static void firstOffsetNotNegative(ValueVector v) {
        if (v.getValueCount() > 0) {
            long first = 0;
            if (v instanceof org.apache.arrow.vector.BaseVariableWidthVector w) {
                first = w.getOffsetBuffer().getInt(0);
            } else if (v instanceof org.apache.arrow.vector.BaseLargeVariableWidthVector w) {
                first = w.getOffsetBuffer().getLong(0);
            } else if (v instanceof ListVector l) {
                first = l.getOffsetBuffer().getInt(0);
            } else if (v instanceof LargeListVector l) {
                first = l.getOffsetBuffer().getLong(0);
            }
            if (first < 0) {
                throw new IllegalArgumentException("its first offset is " + first);
            }
        }
        for (ValueVector child : children(v)) {
            firstOffsetNotNegative(child);
        }
    }

    private static boolean hasFixedSizeList(ValueVector v) {
        if (v instanceof FixedSizeListVector || v instanceof Float2Vector) {
            return true;
        }
        for (ValueVector child : children(v)) {
            if (hasFixedSizeList(child)) {
                return true;
            }
        }
        return false;
    }

    private static List<? extends ValueVector> children(ValueVector v) {
        if (v instanceof StructVector s) {
            return s.getChildrenFromFields();
        }
        if (v instanceof BaseListVector) {
            return List.of(childOf(v));
        }
        return List.of();
    }

    static Table assemble(List<Column> columns, int rows, Map<String, String> metadata) {
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new DecodeException("two fields are named '" + c.name() + "'; a table's column names are unique",
                        "field " + c.name(), -1, null);
            }
        }
        PandasMetadata.IndexSpec spec = metadata == null || !metadata.containsKey(PandasMetadata.KEY) ? null
                : PandasMetadata.read(metadata.get(PandasMetadata.KEY), rows);
        Index index = null;
        if (spec != null && spec.range() != null) {
            index = spec.range();
        } else if (spec != null) {
            Map<String, Column> byName = new HashMap<>();
            columns.forEach(c -> byName.put(c.name(), c));
            List<Column> levels = new ArrayList<>();
            for (String f : spec.fields()) {
                Column c = byName.get(f);
                if (c == null) {
                    throw new DecodeException("the pandas metadata names index field '" + f + "', which the schema lacks",
                            "schema metadata 'pandas'", -1, null);
                }
                levels.add(c);
            }
            columns.removeAll(levels);
            try {
                index = levels.size() == 1 ? Index.of(levels.get(0)) : Index.multi(levels.toArray(new Column[0]));
                index = index.withNames(spec.names());
            } catch (IllegalArgumentException e) {
                throw new DecodeException("index field cannot be an index: " + e.getMessage(), "schema metadata 'pandas'", -1, e);
            }
        }
        Table t = columns.isEmpty() ? Table.empty(rows) : Table.of(columns);
        return index == null ? t : t.withIndex(index);
    }

    private static void addColumns(List<Column> out, String name, ValueVector v, int rows, DictionaryProvider dictionaries) {
        DictionaryEncoding enc = v.getField().getDictionary();
        if (enc != null) {
            Dictionary d = dictionaries == null ? null : dictionaries.lookup(enc.getId());
            if (d == null) {
                throw unsupported(name, v.getField(), "its dictionary " + enc.getId() + " is missing");
            }
            try {
                validate(d.getVector());
            } catch (RuntimeException e) {
                throw new DecodeException("field '" + name + "': its dictionary is malformed: " + e.getMessage(), "field " + name, -1, e);
            }
            try (ValueVector decoded = DictionaryEncoder.decode(v, d)) {
                addColumns(out, name, decoded, rows, null);
            } catch (RuntimeException e) {
                if (e instanceof DecodeException de) {
                    throw de;
                }
                throw new DecodeException("field '" + name + "': its dictionary indexes are out of range", "field " + name, -1, e);
            }
            return;
        }
        if (v instanceof StructVector s) {
            for (FieldVector child : s.getChildrenFromFields()) {
                BitSet parentNulls = nulls(s, rows);
                List<Column> inner = new ArrayList<>();
                addColumns(inner, name + "." + child.getName(), child, rows, dictionaries);
                for (Column c : inner) {
                    out.add(parentNulls.isEmpty() ? c : withNulls(c, parentNulls));
                }
            }
            return;
        }
        out.add(column(name, v, rows));
    }

    /** A struct's null rows are null in every flattened child. */
    private static Column withNulls(Column c, BitSet nulls) {
        List<Object> values = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            values.add(nulls.get(i) ? null : c.get(i));
        }
        if (c instanceof TimestampColumn t) {
            ColumnBuilder b = ColumnBuilder.timestamps(c.name(), t.zone().orElse(null));
            for (int i = 0; i < c.size(); i++) {
                if (nulls.get(i) || c.isNull(i)) {
                    b.appendNull();
                } else {
                    b.appendInstant(t.getInstant(i));
                }
            }
            return b.build();
        }
        return Column.of(c.name(), c.type(), values);
    }

    static Column column(String name, ValueVector v, int rows) {
        Field f = v.getField();
        ArrowType type = f.getType();
        BitSet nulls = nulls(v, rows);
        if (v instanceof BigIntVector b) {
            return io.infer4j.table.Int64Column.of(name, longs(b, rows), nulls);
        }
        if (v instanceof IntVector || v instanceof SmallIntVector || v instanceof TinyIntVector
                || v instanceof UInt1Vector || v instanceof UInt2Vector || v instanceof UInt4Vector) {
            long[] values = new long[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = nulls.get(i) ? 0 : smallInt(v, i);
            }
            return io.infer4j.table.Int64Column.of(name, values, nulls);
        }
        if (v instanceof UInt8Vector u) {
            long[] values = longs(u, rows);
            for (int i = 0; i < rows; i++) {
                if (!nulls.get(i) && values[i] < 0) {
                    throw new DecodeException("field '" + name + "' row " + i + ": the uint64 "
                            + Long.toUnsignedString(values[i]) + " does not fit an int64 column", "field " + name + ", row " + i, -1, null);
                }
            }
            return io.infer4j.table.Int64Column.of(name, values, nulls);
        }
        if (v instanceof Float8Vector d) {
            double[] values = new double[rows];
            buffer(d, rows, 8).asDoubleBuffer().get(values);
            return io.infer4j.table.Float64Column.of(name, values, nulls);
        }
        if (v instanceof Float4Vector d) {
            float[] values = new float[rows];
            buffer(d, rows, 4).asFloatBuffer().get(values);
            return io.infer4j.table.Float32Column.of(name, values, nulls);
        }
        if (v instanceof Float2Vector h) {
            float[] values = new float[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = nulls.get(i) ? Float.NaN : h.getValueAsFloat(i);
            }
            return io.infer4j.table.Float32Column.of(name, values, nulls);
        }
        if (v instanceof BitVector b) {
            boolean[] values = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = !nulls.get(i) && b.get(i) != 0;
            }
            return io.infer4j.table.BoolColumn.of(name, values, nulls);
        }
        if (v instanceof VarCharVector || v instanceof LargeVarCharVector || v instanceof ViewVarCharVector) {
            String[] values = new String[rows];
            for (int i = 0; i < rows; i++) {
                if (!nulls.get(i)) {
                    values[i] = utf8(v, i);
                }
            }
            return ToArrow.JSON_EXTENSION.equals(f.getMetadata().get(ToArrow.EXTENSION_NAME)) ? json(name, values)
                    : Column.strings(name, values);
        }
        if (v instanceof TimeStampVector ts) {
            ArrowType.Timestamp t = (ArrowType.Timestamp) type;
            long mult = ToArrow.divisor(t.getUnit());
            long[] values = longs(ts, rows);
            for (int i = 0; i < rows; i++) {
                if (nulls.get(i)) {
                    values[i] = 0;
                } else if (mult != 1) {
                    try {
                        values[i] = Math.multiplyExact(values[i], mult);
                    } catch (ArithmeticException e) {
                        throw new DecodeException("field '" + name + "' row " + i + ": timestamp " + values[i] + " "
                                + t.getUnit() + " is outside the nanosecond range (years 1677-2262)", "field " + name + ", row " + i, -1, e);
                    }
                }
            }
            return TimestampColumn.ofEpochNanos(name, values, nulls, zone(name, t.getTimezone()));
        }
        if (v instanceof DateDayVector dd) {
            long[] values = new long[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = nulls.get(i) ? 0 : dd.get(i) * 86_400_000_000_000L;
            }
            return TimestampColumn.ofEpochNanos(name, values, nulls, null);
        }
        if (v instanceof DateMilliVector dm) {
            long[] values = new long[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = nulls.get(i) ? 0 : Math.multiplyExact(dm.get(i), 1_000_000L);
            }
            return TimestampColumn.ofEpochNanos(name, values, nulls, null);
        }
        if (v instanceof DecimalVector || v instanceof Decimal256Vector) {
            return decimals(name, v, rows, nulls, (ArrowType.Decimal) type);
        }
        if (v instanceof NullVector) {
            return Column.json(name, new JsonNode[rows]);
        }
        if (v instanceof FixedSizeListVector || v instanceof ListVector || v instanceof LargeListVector) {
            ColumnType leaf = numericLeaf(v);
            return leaf != null ? Tensors.read(name, v, rows, nulls, leaf) : jsonLists(name, v, rows, nulls);
        }
        throw unsupported(name, f, "infer4j's tables have no column type for it");
    }

    /** An {@code arrow.json} column: each cell's text parsed, nulls kept. */
    static Column json(String name, String[] values) {
        JsonNode[] nodes = new JsonNode[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                try {
                    nodes[i] = JsonText.MAPPER.readTree(values[i]);
                } catch (JsonProcessingException e) {
                    throw new DecodeException("field '" + name + "' row " + i + " is not JSON", "field " + name + ", row " + i, -1, e);
                }
            }
        }
        return Column.json(name, nodes);
    }

    /** The element type when {@code v} is lists (of lists...) of int/float numbers, else null. */
    static ColumnType numericLeaf(ValueVector v) {
        ValueVector inner = v;
        while (inner instanceof BaseListVector) {
            if (inner.getField().getDictionary() != null) {
                return null;
            }
            inner = childOf(inner);
        }
        if (inner.getField().getDictionary() != null) {
            return null;
        }
        if (inner instanceof Float8Vector) {
            return ColumnType.FLOAT64;
        }
        if (inner instanceof Float4Vector || inner instanceof Float2Vector) {
            return ColumnType.FLOAT32;
        }
        if (inner instanceof BigIntVector || inner instanceof IntVector || inner instanceof SmallIntVector
                || inner instanceof TinyIntVector || inner instanceof UInt1Vector || inner instanceof UInt2Vector
                || inner instanceof UInt4Vector || inner instanceof UInt8Vector) {
            return ColumnType.INT64;
        }
        return null;
    }

    static ValueVector childOf(ValueVector list) {
        if (list instanceof FixedSizeListVector f) {
            return f.getDataVector();
        }
        if (list instanceof ListVector l) {
            return l.getDataVector();
        }
        return ((LargeListVector) list).getDataVector();
    }

    /** Lists of strings, booleans, structs...: one JSON array per cell, nothing dropped. */
    private static Column jsonLists(String name, ValueVector v, int rows, BitSet nulls) {
        JsonNode[] nodes = new JsonNode[rows];
        for (int i = 0; i < rows; i++) {
            if (!nulls.get(i)) {
                nodes[i] = toJson(name, v.getObject(i));
            }
        }
        return Column.json(name, nodes);
    }

    private static JsonNode toJson(String name, Object value) {
        JsonNodeFactory nf = JsonNodeFactory.instance;
        if (value == null) {
            return nf.nullNode();
        }
        if (value instanceof List<?> list) {
            ArrayNode a = nf.arrayNode(list.size());
            list.forEach(e -> a.add(toJson(name, e)));
            return a;
        }
        if (value instanceof Map<?, ?> map) {
            var o = nf.objectNode();
            map.forEach((k, e) -> o.set(String.valueOf(k), toJson(name, e)));
            return o;
        }
        if (value instanceof org.apache.arrow.vector.util.Text t) {
            return nf.textNode(t.toString());
        }
        if (value instanceof Boolean b) {
            return nf.booleanNode(b);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return nf.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return nf.numberNode(d);
        }
        if (value instanceof Float f) {
            return nf.numberNode(f);
        }
        if (value instanceof BigDecimal d) {
            return nf.numberNode(d);
        }
        if (value instanceof CharSequence s) {
            return nf.textNode(s.toString());
        }
        throw new DecodeException("field '" + name + "' holds a " + value.getClass().getSimpleName()
                + " inside a list, which infer4j cannot represent", "field " + name, -1, null);
    }

    private static Column decimals(String name, ValueVector v, int rows, BitSet nulls, ArrowType.Decimal type) {
        if (type.getScale() == 0) {
            long[] values = new long[rows];
            for (int i = 0; i < rows; i++) {
                if (!nulls.get(i)) {
                    BigInteger b = ((BigDecimal) v.getObject(i)).toBigIntegerExact();
                    if (b.bitLength() > 63) {
                        throw new DecodeException("field '" + name + "' row " + i + ": the decimal " + b
                                + " does not fit an int64 column", "field " + name + ", row " + i, -1, null);
                    }
                    values[i] = b.longValue();
                }
            }
            return io.infer4j.table.Int64Column.of(name, values, nulls);
        }
        throw unsupported(name, v.getField(), "a decimal with a scale is exact only as a decimal, and a float64 "
                + "column would round it; cast it in the producer (to float64, or to a string)");
    }

    static ZoneId zone(String name, String tz) {
        if (tz == null || tz.isEmpty()) {
            return null;
        }
        try {
            return tz.equals("UTC") ? java.time.ZoneOffset.UTC : ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new DecodeException("field '" + name + "' has the unknown time zone '" + tz + "'", "field " + name, -1, e);
        }
    }

    static DecodeException unsupported(String name, Field f, String why) {
        return new DecodeException("field '" + name + "' has Arrow type " + f.getType() + ", which infer4j cannot read: " + why,
                "field " + name, -1, null);
    }

    private static long smallInt(ValueVector v, int i) {
        if (v instanceof IntVector x) {
            return x.get(i);
        }
        if (v instanceof SmallIntVector x) {
            return x.get(i);
        }
        if (v instanceof TinyIntVector x) {
            return x.get(i);
        }
        if (v instanceof UInt1Vector x) {
            return x.getValueAsLong(i);
        }
        if (v instanceof UInt2Vector x) {
            return x.getValueAsLong(i);
        }
        return ((UInt4Vector) v).getValueAsLong(i);
    }

    static String utf8(ValueVector v, int i) {
        if (v instanceof VarCharVector s) {
            return new String(s.get(i), StandardCharsets.UTF_8);
        }
        if (v instanceof LargeVarCharVector s) {
            return new String(s.get(i), StandardCharsets.UTF_8);
        }
        return new String(((ViewVarCharVector) v).get(i), StandardCharsets.UTF_8);
    }

    /** The first {@code rows} 8-byte values of {@code v}'s data buffer, in one bulk copy. */
    static long[] longs(BaseFixedWidthVector v, int rows) {
        long[] values = new long[rows];
        buffer(v, rows, 8).asLongBuffer().get(values);
        return values;
    }

    static ByteBuffer buffer(BaseFixedWidthVector v, int count, int width) {
        return v.getDataBuffer().nioBuffer(0, count * width).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The null rows of {@code v} among the first {@code rows}. */
    static BitSet nulls(ValueVector v, int rows) {
        BitSet nulls = new BitSet();
        if (v.getNullCount() == 0) {
            return nulls;
        }
        for (int i = 0; i < rows; i++) {
            if (v.isNull(i)) {
                nulls.set(i);
            }
        }
        return nulls;
    }
}
