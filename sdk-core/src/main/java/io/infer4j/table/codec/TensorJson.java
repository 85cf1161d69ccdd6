package io.infer4j.table.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
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
import java.util.Map;

/**
 * Wallaroo's legacy tensor JSON: one object whose keys are the model's input names and whose
 * values hold one entry per row, usually a row array ({@code {"text_input": [[0, 0, 28], ...]}}
 * as in {@code data-1k.json}). Each key becomes a column: row arrays become a tensor column,
 * plain values a scalar column. All inputs must have the same number of rows.
 */
public final class TensorJson {
    private static final String FORMAT = "tensor JSON";

    private TensorJson() {
    }

    /** Reads with inferred types. */
    public static Table read(byte[] body) {
        return read(body, ReadOptions.defaults());
    }

    /** Reads. @throws io.infer4j.core.error.DecodeException naming the input, row and offset */
    public static Table read(byte[] body, ReadOptions options) {
        return Decoding.decode(FORMAT, body, (p, at) -> parse(p, at, options));
    }

    /** Reads from a stream (not closed). */
    public static Table read(InputStream in, ReadOptions options) {
        return Decoding.decode(FORMAT, in, (p, at) -> parse(p, at, options));
    }

    private static Table parse(JsonParser p, Cursor at, ReadOptions options) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new Cells.JsonParseFailure("expected an object of inputs but found " + p.currentToken());
        }
        return columnsOfArrays(p, at, options.types(), new TensorReader());
    }

    /** {@code {"col": [cell, ...], ...}} with equal lengths (also omega-ml's {@code list} orient). */
    static Table columnsOfArrays(JsonParser p, Cursor at, Map<String, ColumnType> types, TensorReader tensors) throws IOException {
        ColumnSet cols = new ColumnSet(types);
        int rows = -1;
        String first = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            at.column = name;
            at.row = -1;
            if (cols.has(name)) {
                throw new Cells.JsonParseFailure("duplicate input '" + name + "'");
            }
            ColumnBuilder b = cols.get(name);
            Cells.expect(p, JsonToken.START_ARRAY, "an array of rows");
            JsonToken t;
            int r = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                at.row = r++;
                Cells.readCell(p, t, b, tensors);
            }
            if (rows >= 0 && r != rows) {
                at.row = -1;
                throw new Cells.JsonParseFailure("input '" + name + "' has " + r + " rows but '" + first + "' has " + rows);
            }
            rows = r;
            first = first == null ? name : first;
        }
        at.column = null;
        at.row = -1;
        return cols.table(Math.max(rows, 0));
    }

    /** Writes with the default options (NaN as null). */
    public static void write(Table table, OutputStream out) {
        write(table, out, WriteOptions.defaults());
    }

    /** Writes {@code {"<column>": [cell, ...], ...}} (the stream is flushed, not closed). */
    public static void write(Table table, OutputStream out, WriteOptions options) {
        Cells.WriteStyle style = Cells.WriteStyle.of(options);
        try (JsonGenerator g = Cells.generator(out)) {
            g.writeStartObject();
            for (Column c : table.columns()) {
                CellWriter w = Cells.writer(c, style);
                g.writeFieldName(c.name());
                g.writeStartArray();
                for (int r = 0; r < table.rowCount(); r++) {
                    w.write(g, r);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes to bytes (NaN as null). */
    public static byte[] toBytes(Table table) {
        return toBytes(table, WriteOptions.defaults());
    }

    /** Writes to bytes. */
    public static byte[] toBytes(Table table, WriteOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + table.rowCount() * table.columnCount() * 16);
        write(table, out, options);
        return out.toByteArray();
    }
}
