package io.infer4j.table.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.Table;
import io.infer4j.table.internal.Cells;
import io.infer4j.table.internal.Cells.CellWriter;
import io.infer4j.table.internal.Decoding;
import io.infer4j.table.internal.Decoding.ColumnSet;
import io.infer4j.table.internal.Decoding.Cursor;
import io.infer4j.table.internal.TensorReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pandas {@code orient="records"}: {@code [{"col": v, ...}, ...]}. Wallaroo's
 * {@code application/json; format=pandas-records} request and response body.
 *
 * <p>Reading: column order is first appearance; a key missing from a row is a missing cell;
 * arrays of numbers become tensor columns; nested objects ({@code in}, {@code out},
 * {@code anomaly}, {@code metadata}, {@code out_<shadow>}) are flattened to
 * {@code out.dense_1}-style columns (or kept as JSON columns, see {@link ReadOptions}), and
 * already-flattened responses read the same way. The index is not part of this format.
 */
public final class PandasRecords {
    private static final String FORMAT = "pandas records";

    private PandasRecords() {
    }

    /** Reads records with the default options. */
    public static Table read(byte[] body) {
        return read(body, ReadOptions.defaults());
    }

    /** Reads records. @throws io.infer4j.core.error.DecodeException naming row, column and offset */
    public static Table read(byte[] body, ReadOptions options) {
        return Decoding.decode(FORMAT, body, (p, at) -> parse(p, at, options));
    }

    /** Reads records from a stream (not closed). */
    public static Table read(InputStream in, ReadOptions options) {
        return Decoding.decode(FORMAT, in, (p, at) -> parse(p, at, options));
    }

    /** Slot of one key: its own column and, for nested objects, the columns of its children. */
    private static final class Slot {
        ColumnBuilder builder;
        Map<String, Slot> children;
    }

    static Table parse(JsonParser p, Cursor at, ReadOptions options) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new Cells.JsonParseFailure("expected an array of records but found " + p.currentToken());
        }
        ColumnSet cols = new ColumnSet(options.types());
        Map<String, Slot> slots = new HashMap<>();
        TensorReader tensors = new TensorReader();
        String sep = options.flattenSeparator();
        int row = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            at.row = row;
            at.column = null;
            if (t != JsonToken.START_OBJECT) {
                throw new Cells.JsonParseFailure("expected a record object but found " + t);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                at.column = key;
                JsonToken v = p.nextToken();
                Slot slot = slots.computeIfAbsent(key, k -> new Slot());
                if (v == JsonToken.VALUE_NULL && slot.children != null && slot.builder == null) {
                    continue; // a null nested object: its flattened columns stay missing in this row
                }
                if (v == JsonToken.START_OBJECT && sep != null && !cols.has(key)) {
                    if (slot.children == null) {
                        slot.children = new HashMap<>();
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String child = p.currentName();
                        String name = key + sep + child;
                        at.column = name;
                        Slot cs = slot.children.get(child);
                        if (cs == null) {
                            cs = new Slot();
                            cs.builder = cols.get(name);
                            slot.children.put(child, cs);
                        }
                        append(p, p.nextToken(), cs.builder, row, tensors);
                    }
                } else {
                    if (slot.builder == null) {
                        slot.builder = cols.get(key);
                    }
                    append(p, v, slot.builder, row, tensors);
                }
            }
            row++;
        }
        at.row = -1;
        at.column = null;
        return cols.table(row);
    }

    private static void append(JsonParser p, JsonToken v, ColumnBuilder b, int row, TensorReader tensors) throws IOException {
        if (b.size() > row) {
            throw new Cells.JsonParseFailure("duplicate key '" + b.name() + "' in one record");
        }
        b.appendNulls(row - b.size());
        Cells.readCell(p, v, b, tensors);
    }

    // ------------------------------------------------------------------ writing

    /** Writes records with the default options (NaN as null, ISO dates, names as they are). */
    public static void write(Table table, OutputStream out) {
        write(table, out, WriteOptions.defaults());
    }

    /** Writes records (the stream is flushed, not closed). */
    public static void write(Table table, OutputStream out, WriteOptions options) {
        try (JsonGenerator g = Cells.generator(out)) {
            write(table, g, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes records to bytes. */
    public static byte[] toBytes(Table table, WriteOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + table.rowCount() * table.columnCount() * 16);
        write(table, out, options);
        return out.toByteArray();
    }

    /** Writes records to bytes with the default options. */
    public static byte[] toBytes(Table table) {
        return toBytes(table, WriteOptions.defaults());
    }

    /** A top-level key: one column, or a nested object of columns. */
    private record Field(SerializedString name, CellWriter cell, List<Field> children) {
    }

    static void write(Table table, JsonGenerator g, WriteOptions options) throws IOException {
        Cells.WriteStyle style = Cells.WriteStyle.of(options);
        List<Field> fields = fields(table, options.nestSeparator(), style);
        g.writeStartArray();
        for (int r = 0; r < table.rowCount(); r++) {
            g.writeStartObject();
            for (Field f : fields) {
                g.writeFieldName(f.name);
                if (f.children == null) {
                    f.cell.write(g, r);
                } else {
                    g.writeStartObject();
                    for (Field c : f.children) {
                        g.writeFieldName(c.name);
                        c.cell.write(g, r);
                    }
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static List<Field> fields(Table table, String sep, Cells.WriteStyle style) {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (Column c : table.columns()) {
            int at = sep == null ? -1 : c.name().indexOf(sep);
            if (at <= 0 || at + sep.length() >= c.name().length()) {
                if (groups.containsKey(c.name())) {
                    throw new IllegalArgumentException("column '" + c.name() + "' collides with nested columns '" + c.name() + sep + "...'");
                }
                groups.put(c.name(), c);
            } else {
                String prefix = c.name().substring(0, at);
                Object g = groups.computeIfAbsent(prefix, k -> new ArrayList<Column>());
                if (!(g instanceof List)) {
                    throw new IllegalArgumentException("column '" + prefix + "' collides with nested column '" + c.name() + "'");
                }
                @SuppressWarnings("unchecked")
                List<Column> list = (List<Column>) g;
                list.add(c.rename(c.name().substring(at + sep.length())));
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, Object> e : groups.entrySet()) {
            if (e.getValue() instanceof Column c) {
                fields.add(new Field(new SerializedString(c.name()), Cells.writer(c, style), null));
            } else {
                List<Field> children = new ArrayList<>();
                @SuppressWarnings("unchecked")
                List<Column> list = (List<Column>) e.getValue();
                for (Column c : list) {
                    children.add(new Field(new SerializedString(c.name()), Cells.writer(c, style), null));
                }
                fields.add(new Field(new SerializedString(e.getKey()), null, children));
            }
        }
        return fields;
    }
}
