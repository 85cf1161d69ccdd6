package io.infer4j.table.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Float32Column;
import io.infer4j.table.Float64Column;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.TimestampColumn;
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
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The omega-ml dataset envelope, as read from {@code GET /api/v1/dataset/{name}} and written to
 * {@code PUT}: {@code {"data": ..., "dtypes": {col: dtype}, "index": {"type": ..., "values": [...]},
 * "orient": ..., "name": ..., "append": ...}}. Immutable.
 *
 * <p>{@code data} may be in any orient pandas produces ({@code dict}/{@code columns} default,
 * {@code list}/{@code series}, {@code split}, {@code tight}, {@code records}, {@code index}); the
 * row keys of {@code dict} data are positions (omega-ml server) or index labels
 * ({@code pandas_to_apidata}), and the row order and labels are restored from
 * {@code index.values}. {@code dtypes} type the columns ({@code int64}, {@code int32},
 * {@code float64}, {@code float32}, {@code bool}, {@code object}/{@code str},
 * {@code datetime64[ns]}, {@code datetime64[ns, <tz>]}); datetimes are read from ISO-8601 strings
 * or epoch milliseconds and always written as ISO-8601 strings. In a column whose dtype is a float,
 * JSON {@code null} is NaN, as pandas reads it (pandas has no other missing float).
 *
 * @param table  the frame (with its index, if not the default)
 * @param name   {@code name}, or null to leave it out
 * @param append {@code append}, or null to leave it out (omega-ml then appends)
 * @param orient layout of {@code data}, always written as the {@code orient} key (null: {@code columns}); when
 *               reading an envelope without the key it is detected from the shape of {@code data}
 * @param dtypes {@code dtypes} as read or to write (only the columns listed are written; null
 *               leaves the key out). {@link #of(Table)} lists every column.
 */
public record OmegaDataset(Table table, String name, Boolean append, String orient, Map<String, String> dtypes) {
    private static final String FORMAT = "omega-ml dataset";

    /** Validates and copies. */
    public OmegaDataset {
        Objects.requireNonNull(table, "table");
        dtypes = dtypes == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dtypes));
        if (orient != null) {
            orientOf(orient);
        }
    }

    /** An envelope for PUT: orient {@code columns}, dtypes for every column, no name, append left to the server. */
    public static OmegaDataset of(Table table) {
        OmegaDataset base = new OmegaDataset(table, null, null, "columns", null);
        Map<String, String> all = new LinkedHashMap<>();
        for (Column c : table.columns()) {
            all.put(c.name(), base.dtypeOf(c));
        }
        return new OmegaDataset(table, null, null, "columns", all);
    }

    /** With {@code name}. */
    public OmegaDataset withName(String newName) {
        return new OmegaDataset(table, newName, append, orient, dtypes);
    }

    /** With {@code append}. */
    public OmegaDataset withAppend(Boolean newAppend) {
        return new OmegaDataset(table, name, newAppend, orient, dtypes);
    }

    /** With another orient for {@code data} ({@code columns}, {@code dict}, {@code list}, {@code split}, {@code tight}, {@code records}, {@code index}). */
    public OmegaDataset withOrient(String newOrient) {
        return new OmegaDataset(table, name, append, newOrient, dtypes);
    }

    /** The dtype written for {@code column}: as given in {@link #dtypes()}, else derived from its type. */
    public String dtypeOf(Column column) {
        String given = dtypes == null ? null : dtypes.get(column.name());
        if (given != null) {
            return given;
        }
        if (column instanceof TimestampColumn t && t.zone().isPresent()) {
            return "datetime64[ns, " + t.zone().get().getId() + "]";
        }
        return column.type().pandasDtype();
    }

    private enum Orient { DICT, LIST, SPLIT, TIGHT, RECORDS, INDEX }

    private static Orient orientOf(String o) {
        return switch (o.toLowerCase(Locale.ROOT)) {
            case "dict", "columns" -> Orient.DICT;
            case "list", "series" -> Orient.LIST;
            case "split" -> Orient.SPLIT;
            case "tight" -> Orient.TIGHT;
            case "records" -> Orient.RECORDS;
            case "index" -> Orient.INDEX;
            default -> throw new IllegalArgumentException("unknown orient '" + o + "'");
        };
    }

    // ------------------------------------------------------------------ reading

    /** Reads an envelope. @throws io.infer4j.core.error.DecodeException naming row, column and offset */
    public static OmegaDataset read(byte[] body) {
        return read(body, ReadOptions.defaults());
    }

    /** Reads an envelope; {@code options.types()} override the envelope's dtypes. */
    public static OmegaDataset read(byte[] body, ReadOptions options) {
        return Decoding.decode(FORMAT, body, (p, at) -> parse(p, at, options, null));
    }

    /** Reads from a stream (not closed). */
    public static OmegaDataset read(InputStream in, ReadOptions options) {
        return read(in, options, null);
    }

    /**
     * Reads from a stream (not closed). {@code orient} is the layout of {@code data} when the
     * envelope has no {@code orient} key (the open-source server never sends one, even for
     * {@code ?orient=index}, whose shape cannot be told from {@code dict}); null detects it from the shape.
     */
    public static OmegaDataset read(InputStream in, ReadOptions options, String orient) {
        if (orient != null) {
            orientOf(orient);
        }
        return Decoding.decode(FORMAT, in, (p, at) -> parse(p, at, options, orient));
    }

    private static OmegaDataset parse(JsonParser p, Cursor at, ReadOptions options, String fallbackOrient) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new Cells.JsonParseFailure("expected a dataset object but found " + p.currentToken());
        }
        TokenBuffer data = null;
        TokenBuffer indexValues = null;
        String indexType = null;
        String orient = null;
        String name = null;
        Boolean append = null;
        Map<String, String> dtypes = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "data" -> data = buffer(p);
                case "dtypes" -> {
                    if (v == JsonToken.VALUE_NULL) {
                        break;
                    }
                    dtypes = new LinkedHashMap<>();
                    JsonNode n = Cells.readTree(p);
                    if (!n.isObject()) {
                        throw new Cells.JsonParseFailure("\"dtypes\" must be an object");
                    }
                    for (var it = n.fields(); it.hasNext();) {
                        var e = it.next();
                        dtypes.put(e.getKey(), e.getValue().asText());
                    }
                }
                case "index" -> {
                    if (v != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        break;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        p.nextToken();
                        if (f.equals("type")) {
                            indexType = p.getValueAsString();
                        } else if (f.equals("values")) {
                            indexValues = buffer(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                case "orient" -> orient = p.getValueAsString();
                case "name" -> name = v == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                case "append" -> append = v == JsonToken.VALUE_NULL ? null : p.getValueAsBoolean();
                default -> p.skipChildren();
            }
        }
        if (data == null) {
            throw new Cells.JsonParseFailure("missing \"data\"");
        }
        Map<String, ColumnType> types = new HashMap<>();
        Map<String, ZoneId> zones = new HashMap<>();
        if (dtypes != null) {
            for (Map.Entry<String, String> e : dtypes.entrySet()) {
                ColumnType t = typeOf(e.getValue());
                if (t != null) {
                    types.put(e.getKey(), t);
                }
                ZoneId z = zoneOf(e.getValue());
                if (z != null) {
                    zones.put(e.getKey(), z);
                }
            }
        }
        types.putAll(options.types());
        orient = orient != null ? orient : fallbackOrient;
        Orient o;
        try {
            o = orient != null ? orientOf(orient) : detect(data);
        } catch (IllegalArgumentException e) {
            throw new Cells.JsonParseFailure(e.getMessage());
        }
        Index index = null;
        TensorReader tensors = new TensorReader();
        if (indexValues != null) {
            try (JsonParser q = indexValues.asParser()) {
                List<ColumnBuilder> levels = new ArrayList<>();
                int n = PandasSplit.readIndex(q, q.nextToken(), at, levels, indexType, tensors);
                index = PandasSplit.index(levels, n, null, indexType);
            }
        }
        Table table;
        try (JsonParser q = data.asParser()) {
            JsonToken first = q.nextToken();
            at.column = null;
            table = switch (o) {
                case SPLIT, TIGHT -> {
                    Table t = PandasSplit.parse(q, at, types, indexType);
                    yield index != null ? t.withIndex(index) : t;
                }
                case RECORDS -> {
                    Table t = PandasRecords.parse(q, at, new ReadOptions(types, null));
                    yield index != null ? t.withIndex(index) : t;
                }
                case LIST -> {
                    requireObject(first);
                    Table t = TensorJson.columnsOfArrays(q, at, types, tensors);
                    yield index != null ? t.withIndex(index) : t;
                }
                case DICT -> dict(q, at, types, index, tensors, first);
                case INDEX -> byIndex(q, at, types, index, tensors, first);
            };
        }
        if (!zones.isEmpty()) {
            for (Map.Entry<String, ZoneId> e : zones.entrySet()) {
                if (table.hasColumn(e.getKey()) && table.column(e.getKey()) instanceof TimestampColumn tc) {
                    table = table.withColumn(tc.withZone(e.getValue()));
                }
            }
        }
        if (dtypes != null) {
            table = nullsAsNaN(table, dtypes);
        }
        return new OmegaDataset(table, name, append, orient != null ? orient : o.name().toLowerCase(Locale.ROOT), dtypes);
    }

    /**
     * A pandas float column has no missing value but NaN, and the commercial edition (like
     * {@code pandas_to_apidata}) writes that NaN as JSON null: in a column the envelope declares
     * float, null is NaN. Without dtypes (the open-source server, which writes NaN as a bare
     * token) a null stays a missing cell.
     */
    private static Table nullsAsNaN(Table table, Map<String, String> dtypes) {
        for (Map.Entry<String, String> e : dtypes.entrySet()) {
            ColumnType declared = typeOf(e.getValue());
            if ((declared != ColumnType.FLOAT64 && declared != ColumnType.FLOAT32) || !table.hasColumn(e.getKey())) {
                continue;
            }
            Column c = table.column(e.getKey());
            if (c.nullCount() > 0 && c instanceof Float64Column f) {
                table = table.withColumn(Float64Column.of(f.name(), f.toDoubleArray(), null));
            } else if (c.nullCount() > 0 && c instanceof Float32Column f) {
                table = table.withColumn(Float32Column.of(f.name(), f.toFloatArray(), null));
            }
        }
        return table;
    }

    private static TokenBuffer buffer(JsonParser p) throws IOException {
        TokenBuffer tb = new TokenBuffer(p);
        tb.copyCurrentStructure(p);
        return tb;
    }

    private static void requireObject(JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw new Cells.JsonParseFailure("\"data\" must be an object for this orient, found " + t);
        }
    }

    /** Orient from the shape of {@code data} when the envelope does not say. */
    private static Orient detect(TokenBuffer data) throws IOException {
        try (JsonParser q = data.asParser()) {
            JsonToken t = q.nextToken();
            if (t == JsonToken.START_ARRAY) {
                return Orient.RECORDS;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new Cells.JsonParseFailure("\"data\" must be an object or an array, found " + t);
            }
            boolean columns = false;
            boolean rows = false;
            boolean names = false;
            JsonToken firstValue = null;
            while (q.nextToken() == JsonToken.FIELD_NAME) {
                String f = q.currentName();
                JsonToken v = q.nextToken();
                firstValue = firstValue == null ? v : firstValue;
                columns |= f.equals("columns") && v == JsonToken.START_ARRAY;
                rows |= f.equals("data") && v == JsonToken.START_ARRAY;
                names |= f.equals("index_names");
                q.skipChildren();
            }
            if (columns && rows) {
                return names ? Orient.TIGHT : Orient.SPLIT;
            }
            return firstValue == JsonToken.START_ARRAY ? Orient.LIST : Orient.DICT;
        }
    }

    /** {@code {col: {rowkey: v}}}: values in key order, then placed by position. */
    private static Table dict(JsonParser q, Cursor at, Map<String, ColumnType> types, Index index, TensorReader tensors,
            JsonToken first) throws IOException {
        requireObject(first);
        ColumnSet cols = new ColumnSet(types);
        List<String> names = new ArrayList<>();
        List<List<String>> keys = new ArrayList<>();
        while (q.nextToken() == JsonToken.FIELD_NAME) {
            String col = q.currentName();
            at.column = col;
            if (cols.has(col)) {
                throw new Cells.JsonParseFailure("duplicate column '" + col + "'");
            }
            ColumnBuilder b = cols.get(col);
            if (q.nextToken() != JsonToken.START_OBJECT) {
                throw new Cells.JsonParseFailure("column '" + col + "' must be an object of row keys to values");
            }
            List<String> k = new ArrayList<>();
            while (q.nextToken() == JsonToken.FIELD_NAME) {
                k.add(q.currentName());
                Cells.readCell(q, q.nextToken(), b, tensors);
            }
            names.add(col);
            keys.add(k);
        }
        at.column = null;
        return place(cols.build(0), keys, index);
    }

    /** {@code {rowkey: {col: v}}}. */
    private static Table byIndex(JsonParser q, Cursor at, Map<String, ColumnType> types, Index index, TensorReader tensors,
            JsonToken first) throws IOException {
        requireObject(first);
        ColumnSet cols = new ColumnSet(types);
        List<String> rowKeys = new ArrayList<>();
        int row = 0;
        while (q.nextToken() == JsonToken.FIELD_NAME) {
            rowKeys.add(q.currentName());
            at.row = row;
            if (q.nextToken() != JsonToken.START_OBJECT) {
                throw new Cells.JsonParseFailure("row '" + q.currentName() + "' must be an object");
            }
            while (q.nextToken() == JsonToken.FIELD_NAME) {
                String col = q.currentName();
                at.column = col;
                ColumnBuilder b = cols.get(col);
                if (b.size() > row) {
                    throw new Cells.JsonParseFailure("duplicate column '" + col + "' in one row");
                }
                b.appendNulls(row - b.size());
                Cells.readCell(q, q.nextToken(), b, tensors);
            }
            row++;
        }
        at.row = -1;
        at.column = null;
        List<Column> built = cols.build(row);
        List<List<String>> keys = new ArrayList<>();
        for (int i = 0; i < built.size(); i++) {
            keys.add(rowKeys);
        }
        return place(built, keys, index);
    }

    /** Puts each column's values (in key order) at the row their key names. */
    private static Table place(List<Column> built, List<List<String>> keys, Index index) throws IOException {
        Map<String, Integer> positions = new LinkedHashMap<>();
        int n;
        boolean byPosition = false;
        if (index != null) {
            n = index.size();
            byPosition = keys.stream().flatMap(List::stream).allMatch(k -> isPosition(k, n));
            if (!byPosition) {
                for (int r = 0; r < n; r++) {
                    positions.putIfAbsent(labelKey(index.get(r)), r);
                }
            }
        } else {
            for (List<String> k : keys) {
                for (String key : k) {
                    positions.putIfAbsent(key, positions.size());
                }
            }
            n = positions.size();
        }
        List<Column> placed = new ArrayList<>();
        for (int c = 0; c < built.size(); c++) {
            int[] rows = new int[n];
            Arrays.fill(rows, -1);
            List<String> k = keys.get(c);
            for (int i = 0; i < k.size(); i++) {
                Integer pos = byPosition ? Integer.valueOf(k.get(i)) : positions.get(k.get(i));
                if (pos == null) {
                    throw new Cells.JsonParseFailure("row key '" + k.get(i) + "' of column '" + built.get(c).name()
                            + "' matches no index label");
                }
                if (rows[pos] != -1) {
                    throw new Cells.JsonParseFailure("row key '" + k.get(i) + "' appears twice in column '" + built.get(c).name() + "'");
                }
                rows[pos] = i;
            }
            placed.add(built.get(c).take(rows));
        }
        Table t = placed.isEmpty() ? Table.empty(n) : Table.of(placed);
        if (index != null) {
            return t.withIndex(index);
        }
        boolean numeric = positions.keySet().stream().allMatch(k -> k.matches("-?\\d{1,18}"));
        long[] labels = numeric ? positions.keySet().stream().mapToLong(Long::parseLong).toArray() : null;
        if (numeric) {
            return t.withIndex(Index.ofLongs(labels));
        }
        return t.withIndex(Index.ofStrings(positions.keySet().toArray(new String[0])));
    }

    private static boolean isPosition(String key, int n) {
        if (key.isEmpty() || key.length() > 9 || (key.length() > 1 && key.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(key) < n;
    }

    private static String labelKey(Object label) {
        return String.valueOf(label);
    }

    /** Column type for a numpy/pandas dtype string; null means infer (object, category, unknown). */
    static ColumnType typeOf(String dtype) {
        String d = dtype.toLowerCase(Locale.ROOT).trim();
        if (d.startsWith("datetime64")) {
            return ColumnType.TIMESTAMP;
        }
        return switch (d) {
            case "int64", "int32", "int16", "int8", "uint32", "uint16", "uint8", "int", "long" -> ColumnType.INT64;
            case "float64", "float", "double" -> ColumnType.FLOAT64;
            case "float32" -> ColumnType.FLOAT32;
            case "bool", "boolean" -> ColumnType.BOOL;
            default -> null;
        };
    }

    private static ZoneId zoneOf(String dtype) throws IOException {
        int comma = dtype.indexOf(',');
        if (!dtype.startsWith("datetime64") || comma < 0 || !dtype.endsWith("]")) {
            return null;
        }
        String zone = dtype.substring(comma + 1, dtype.length() - 1).trim();
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new Cells.JsonParseFailure("unknown time zone in dtype '" + dtype + "'");
        }
    }

    // ------------------------------------------------------------------ writing

    /** Writes the envelope (NaN as null, datetimes as ISO-8601); the stream is flushed, not closed. */
    public void write(OutputStream out) {
        write(out, WriteOptions.defaults());
    }

    /** Writes the envelope with these options (their date format is ignored: always ISO-8601). */
    public void write(OutputStream out, WriteOptions options) {
        WriteOptions o = options.withDates(WriteOptions.Dates.ISO).withNesting(null);
        try (JsonGenerator g = Cells.generator(out)) {
            g.writeStartObject();
            g.writeFieldName("data");
            String orientName = orient == null ? "columns" : orient;
            Orient or = orientOf(orientName);
            switch (or) {
                case DICT -> writeDict(g, o);
                case LIST -> writeList(g, o);
                case SPLIT, TIGHT -> PandasSplit.write(table, g, or == Orient.TIGHT, o);
                case RECORDS -> PandasRecords.write(table, g, o);
                case INDEX -> writeByIndex(g, o);
            }
            if (dtypes != null) {
                g.writeObjectFieldStart("dtypes");
                for (Column c : table.columns()) {
                    if (dtypes.containsKey(c.name())) {
                        g.writeStringField(c.name(), dtypes.get(c.name()));
                    }
                }
                g.writeEndObject();
            }
            if (or != Orient.LIST && or != Orient.SPLIT && or != Orient.TIGHT) {
                Index index = table.index().orElse(Index.range(table.rowCount()));
                g.writeObjectFieldStart("index");
                g.writeStringField("type", index.pandasType());
                g.writeFieldName("values");
                PandasSplit.writeLabels(g, index, Cells.WriteStyle.of(o));
                g.writeEndObject();
            }
            g.writeStringField("orient", orientName);
            if (name != null) {
                g.writeStringField("name", name);
            }
            if (append != null) {
                g.writeBooleanField("append", append);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope as bytes. */
    public byte[] toBytes() {
        return toBytes(WriteOptions.defaults());
    }

    /** The envelope as bytes, written with these options (their date format is ignored: always ISO-8601). */
    public byte[] toBytes(WriteOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + table.rowCount() * table.columnCount() * 24);
        write(out, options);
        return out.toByteArray();
    }

    private void writeDict(JsonGenerator g, WriteOptions o) throws IOException {
        g.writeStartObject();
        Cells.WriteStyle style = Cells.WriteStyle.of(o);
        for (Column c : table.columns()) {
            CellWriter w = Cells.writer(c, style);
            g.writeObjectFieldStart(c.name());
            for (int r = 0; r < table.rowCount(); r++) {
                g.writeFieldName(Integer.toString(r));
                w.write(g, r);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void writeList(JsonGenerator g, WriteOptions o) throws IOException {
        g.writeStartObject();
        Cells.WriteStyle style = Cells.WriteStyle.of(o);
        for (Column c : table.columns()) {
            CellWriter w = Cells.writer(c, style);
            g.writeArrayFieldStart(c.name());
            for (int r = 0; r < table.rowCount(); r++) {
                w.write(g, r);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void writeByIndex(JsonGenerator g, WriteOptions o) throws IOException {
        Cells.WriteStyle style = Cells.WriteStyle.of(o);
        List<CellWriter> ws = new ArrayList<>();
        for (Column c : table.columns()) {
            ws.add(Cells.writer(c, style));
        }
        g.writeStartObject();
        for (int r = 0; r < table.rowCount(); r++) {
            g.writeObjectFieldStart(Integer.toString(r));
            for (int c = 0; c < ws.size(); c++) {
                g.writeFieldName(table.column(c).name());
                ws.get(c).write(g, r);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
