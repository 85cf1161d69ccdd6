package io.infer4j.table.internal;

import com.fasterxml.jackson.core.JsonParser;
import io.infer4j.core.error.DecodeException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frame every JSON decoder runs in: opens the parser, tracks where it is (row, column) and
 * maps every failure (Jackson's, a builder's IllegalArgumentException, our own structural
 * checks) to one {@link DecodeException} that names the format, row, column and offset.
 */
public final class Decoding {
    /** Where the decoder is; updated by the parse function as it goes. */
    public static final class Cursor {
        /** Current row, or -1. */
        public int row = -1;
        /** Current column, or null. */
        public String column;
    }

    /** The body of a decoder. */
    @FunctionalInterface
    public interface Body<T> {
        /** Parses {@code p} (positioned before the first token). */
        T parse(JsonParser p, Cursor at) throws IOException;
    }

    private Decoding() {
    }

    /** Decodes {@code body} as {@code format}. */
    public static <T> T decode(String format, byte[] body, Body<T> fn) {
        if (body == null || body.length == 0) {
            throw new DecodeException("Cannot decode " + format + ": empty body");
        }
        try (JsonParser p = Cells.parser(body)) {
            return run(format, p, fn, body);
        } catch (IOException e) {
            throw Cells.fail(format, null, null, e, body);
        }
    }

    /** Decodes {@code in} as {@code format} (the stream is not closed). */
    public static <T> T decode(String format, InputStream in, Body<T> fn) {
        try (JsonParser p = Cells.parser(in)) {
            return run(format, p, fn, null);
        } catch (IOException e) {
            throw Cells.fail(format, null, null, e, null);
        }
    }

    private static <T> T run(String format, JsonParser p, Body<T> fn, byte[] body) {
        Cursor at = new Cursor();
        try {
            if (p.nextToken() == null) {
                throw new Cells.JsonParseFailure("empty body");
            }
            T result = fn.parse(p, at);
            if (p.nextToken() != null) {
                at.row = -1;
                at.column = null;
                throw new Cells.JsonParseFailure("trailing content after the document");
            }
            return result;
        } catch (IOException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw Cells.fail(format, Cells.where(at.row, at.column), p, e, body);
        } catch (UncheckedIOException e) {
            throw Cells.fail(format, Cells.where(at.row, at.column), p, e.getCause(), body);
        }
    }

    /** Column builders by name in first-seen order, typed from the read options, padded with nulls. */
    public static final class ColumnSet {
        private final Map<String, ColumnBuilder> builders = new LinkedHashMap<>();
        private final Map<String, ColumnType> types;

        /** A set that types the named columns. */
        public ColumnSet(Map<String, ColumnType> types) {
            this.types = types;
        }

        /** The builder of {@code name}, created on first use. */
        public ColumnBuilder get(String name) throws Cells.JsonParseFailure {
            ColumnBuilder b = builders.get(name);
            if (b == null) {
                if (name == null || name.isEmpty()) {
                    throw new Cells.JsonParseFailure("empty column name");
                }
                ColumnType t = types.get(name);
                b = t == null ? ColumnBuilder.of(name) : ColumnBuilder.of(name, t);
                builders.put(name, b);
            }
            return b;
        }

        /** Whether a column of this name was seen. */
        public boolean has(String name) {
            return builders.containsKey(name);
        }

        /** Builds the columns, padded to {@code rows}. */
        public List<Column> build(int rows) {
            List<Column> cols = new ArrayList<>(builders.size());
            for (ColumnBuilder b : builders.values()) {
                b.appendNulls(rows - b.size());
                cols.add(b.build());
            }
            return cols;
        }

        /** Builds a table of {@code rows} rows. */
        public Table table(int rows) {
            List<Column> cols = build(rows);
            return cols.isEmpty() ? Table.empty(rows) : Table.of(cols);
        }
    }
}
