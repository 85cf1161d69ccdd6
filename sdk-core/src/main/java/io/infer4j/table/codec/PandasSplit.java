package io.infer4j.table.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.internal.Cells;
import io.infer4j.table.internal.Cells.CellWriter;
import io.infer4j.table.internal.Decoding;
import io.infer4j.table.internal.Decoding.Cursor;
import io.infer4j.table.internal.TensorReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pandas {@code orient="split"} ({@code {"columns": [...], "index": [...], "data": [[row], ...]}})
 * and {@code orient="tight"} (split plus {@code "index_names"} and {@code "column_names"}).
 * Index labels are kept: scalars give a one-level index, arrays a MultiIndex; an index equal to
 * 0..n-1 without a name is the default index.
 */
public final class PandasSplit {
    private static final String FORMAT = "pandas split";

    private PandasSplit() {
    }

    /** Reads split or tight JSON with inferred types. */
    public static Table read(byte[] body) {
        return read(body, ReadOptions.defaults());
    }

    /** Reads split or tight JSON. @throws io.infer4j.core.error.DecodeException naming row, column and offset */
    public static Table read(byte[] body, ReadOptions options) {
        return Decoding.decode(FORMAT, body, (p, at) -> parse(p, at, options.types(), null));
    }

    /** Reads from a stream (not closed). */
    public static Table read(InputStream in, ReadOptions options) {
        return Decoding.decode(FORMAT, in, (p, at) -> parse(p, at, options.types(), null));
    }

    /**
     * Parses the split/tight object the parser is on. {@code indexType} (pandas class name, may be
     * null) types timestamp labels.
     */
    static Table parse(JsonParser p, Cursor at, Map<String, ColumnType> types, String indexType) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new Cells.JsonParseFailure("expected a split object but found " + p.currentToken());
        }
        List<String> columns = null;
        List<ColumnBuilder> builders = new ArrayList<>();
        List<ColumnBuilder> levels = new ArrayList<>();
        List<String> indexNames = null;
        TensorReader tensors = new TensorReader();
        int rows = -1;
        int labels = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "columns" -> columns = strings(p, v, "columns"); // pandas writes it first, so types apply
                case "index" -> labels = readIndex(p, v, at, levels, indexType, tensors);
                case "index_names" -> indexNames = strings(p, v, "index_names");
                case "column_names" -> p.skipChildren();
                case "data" -> {
                    if (v != JsonToken.START_ARRAY) {
                        throw new Cells.JsonParseFailure("\"data\" must be an array of rows");
                    }
                    rows = 0;
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        at.row = rows;
                        if (t != JsonToken.START_ARRAY) {
                            throw new Cells.JsonParseFailure("a row must be an array, found " + t);
                        }
                        int c = 0;
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (c == builders.size()) {
                                if (rows > 0) {
                                    throw new Cells.JsonParseFailure("row has more values than row 0 (" + c + ")");
                                }
                                String name = columns != null && c < columns.size() ? columns.get(c) : "_" + c;
                                ColumnType type = types.get(name);
                                builders.add(type == null ? ColumnBuilder.of(name) : ColumnBuilder.of(name, type));
                            }
                            at.column = builders.get(c).name();
                            Cells.readCell(p, t, builders.get(c), tensors);
                            c++;
                        }
                        if (c != builders.size()) {
                            throw new Cells.JsonParseFailure("row has " + c + " values but row 0 has " + builders.size());
                        }
                        at.column = null;
                        rows++;
                    }
                    at.row = -1;
                }
                default -> p.skipChildren();
            }
        }
        if (columns == null) {
            throw new Cells.JsonParseFailure("missing \"columns\"");
        }
        rows = Math.max(rows, 0);
        if (!builders.isEmpty() && builders.size() != columns.size()) {
            throw new Cells.JsonParseFailure("rows have " + builders.size() + " values but there are " + columns.size() + " columns");
        }
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnType type = types.get(columns.get(c));
            ColumnBuilder b = c < builders.size() ? builders.get(c)
                    : type == null ? ColumnBuilder.of(columns.get(c)) : ColumnBuilder.of(columns.get(c), type);
            b.appendNulls(rows - b.size());
            cols.add(b.build().rename(columns.get(c)));
        }
        Table t;
        try {
            t = cols.isEmpty() ? Table.empty(Math.max(rows, labels)) : Table.of(cols);
        } catch (IllegalArgumentException e) {
            throw new Cells.JsonParseFailure(e.getMessage());
        }
        if (labels >= 0) {
            if (labels != t.rowCount()) {
                throw new Cells.JsonParseFailure("index has " + labels + " labels but data has " + t.rowCount() + " rows");
            }
            Index index = index(levels, labels, indexNames, indexType);
            t = t.withIndex(index);
        }
        return t;
    }

    static List<String> strings(JsonParser p, JsonToken v, String what) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new Cells.JsonParseFailure("\"" + what + "\" must be an array");
        }
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NULL) {
                out.add(null);
            } else if (t.isScalarValue()) {
                out.add(p.getText());
            } else {
                throw new Cells.JsonParseFailure("\"" + what + "\" entries must be scalars");
            }
        }
        return out;
    }

    /** Reads index labels into level builders; arrays make a MultiIndex. Returns the label count. */
    static int readIndex(JsonParser p, JsonToken v, Cursor at, List<ColumnBuilder> levels, String indexType,
            TensorReader tensors) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new Cells.JsonParseFailure("\"index\" must be an array");
        }
        boolean datetime = indexType != null && indexType.startsWith("Datetime");
        if (datetime && levels.isEmpty()) {
            // typed before any label, so that an empty DatetimeIndex is still one of timestamps
            levels.add(ColumnBuilder.of("index", ColumnType.TIMESTAMP));
        }
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            at.column = "index";
            at.row = n;
            if (t == JsonToken.START_ARRAY) {
                int k = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (k == levels.size()) {
                        if (n > 0) {
                            throw new Cells.JsonParseFailure("MultiIndex label has more levels than the first");
                        }
                        levels.add(ColumnBuilder.of("level_" + k));
                    }
                    Cells.readCell(p, t, levels.get(k++), tensors);
                }
                if (k != levels.size()) {
                    throw new Cells.JsonParseFailure("MultiIndex label has " + k + " levels, the first has " + levels.size());
                }
            } else {
                if (levels.isEmpty()) {
                    levels.add(ColumnBuilder.of("index"));
                }
                if (levels.size() != 1) {
                    throw new Cells.JsonParseFailure("scalar label in a MultiIndex");
                }
                Cells.readCell(p, t, levels.get(0), tensors);
            }
            n++;
        }
        at.column = null;
        at.row = -1;
        return n;
    }

    static Index index(List<ColumnBuilder> levels, int n, List<String> names, String pandasType) throws IOException {
        try {
            Index index;
            if (levels.isEmpty()) {
                index = Index.range(n);
            } else if (levels.size() == 1) {
                Column c = levels.get(0).build();
                index = isRange(c) ? Index.range(n) : "RangeIndex".equals(pandasType) ? rangeOrLabels(c) : Index.of(c);
            } else {
                Column[] cols = new Column[levels.size()];
                for (int i = 0; i < cols.length; i++) {
                    cols[i] = levels.get(i).build();
                }
                index = Index.multi(cols);
            }
            if (names != null && names.size() == Math.max(1, levels.size())) {
                index = index.withNames(names);
            }
            return pandasType == null ? index : index.withPandasType(pandasType);
        } catch (IllegalArgumentException e) {
            throw new Cells.JsonParseFailure("bad index: " + e.getMessage());
        }
    }

    /** A RangeIndex sent as its values (omega-ml) becomes a range again when the steps are even. */
    private static Index rangeOrLabels(Column c) {
        if (c.type() != ColumnType.INT64 || c.nullCount() > 0 || c.size() < 2) {
            return Index.of(c);
        }
        io.infer4j.table.Int64Column l = (io.infer4j.table.Int64Column) c;
        long step = l.getLong(1) - l.getLong(0);
        for (int i = 1; i < l.size(); i++) {
            if (step == 0 || l.getLong(i) - l.getLong(i - 1) != step) {
                return Index.of(c);
            }
        }
        return Index.range(l.getLong(0), step, l.size());
    }

    private static boolean isRange(Column c) {
        if (c.type() != ColumnType.INT64 || c.nullCount() > 0) {
            return false;
        }
        io.infer4j.table.Int64Column l = (io.infer4j.table.Int64Column) c;
        for (int i = 0; i < l.size(); i++) {
            if (l.getLong(i) != i) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ writing

    /** Writes split JSON (NaN as null). */
    public static void write(Table table, OutputStream out) {
        write(table, out, false, WriteOptions.defaults());
    }

    /** Writes split ({@code tight == false}) or tight JSON (the stream is flushed, not closed). */
    public static void write(Table table, OutputStream out, boolean tight, WriteOptions options) {
        try (JsonGenerator g = Cells.generator(out)) {
            write(table, g, tight, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes split or tight JSON to bytes. */
    public static byte[] toBytes(Table table, boolean tight, WriteOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + table.rowCount() * table.columnCount() * 16);
        write(table, out, tight, options);
        return out.toByteArray();
    }

    static void write(Table table, JsonGenerator g, boolean tight, WriteOptions options) throws IOException {
        Cells.WriteStyle style = Cells.WriteStyle.of(options);
        Index index = table.index().orElse(Index.range(table.rowCount()));
        g.writeStartObject();
        g.writeFieldName("index");
        writeLabels(g, index, style);
        g.writeFieldName("columns");
        g.writeStartArray();
        for (Column c : table.columns()) {
            g.writeString(c.name());
        }
        g.writeEndArray();
        g.writeFieldName("data");
        CellWriter[] writers = new CellWriter[table.columnCount()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = Cells.writer(table.column(c), style);
        }
        g.writeStartArray();
        for (int r = 0; r < table.rowCount(); r++) {
            g.writeStartArray();
            for (CellWriter w : writers) {
                w.write(g, r);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        if (tight) {
            g.writeFieldName("index_names");
            g.writeStartArray();
            for (String n : index.names()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeFieldName("column_names");
            g.writeStartArray();
            g.writeNull();
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Writes index labels as an array (MultiIndex labels as arrays). */
    static void writeLabels(JsonGenerator g, Index index, Cells.WriteStyle style) throws IOException {
        g.writeStartArray();
        if (index.kind() == Index.Kind.RANGE) {
            for (int r = 0; r < index.size(); r++) {
                g.writeNumber(index.rangeStart() + index.rangeStep() * r);
            }
        } else {
            List<CellWriter> ws = new ArrayList<>();
            for (Column c : index.levels()) {
                ws.add(Cells.writer(c, style));
            }
            boolean multi = ws.size() > 1;
            for (int r = 0; r < index.size(); r++) {
                if (multi) {
                    g.writeStartArray();
                }
                for (CellWriter w : ws) {
                    w.write(g, r);
                }
                if (multi) {
                    g.writeEndArray();
                }
            }
        }
        g.writeEndArray();
    }
}
