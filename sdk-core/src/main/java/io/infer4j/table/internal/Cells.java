package io.infer4j.table.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.internal.Json;
import io.infer4j.table.BoolColumn;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Float32Column;
import io.infer4j.table.Float64Column;
import io.infer4j.table.Int64Column;
import io.infer4j.table.JsonColumn;
import io.infer4j.table.StringColumn;
import io.infer4j.table.TensorColumn;
import io.infer4j.table.TimestampColumn;
import io.infer4j.table.codec.WriteOptions;
import io.infer4j.table.codec.WriteOptions.Dates;
import io.infer4j.table.codec.WriteOptions.NonFinite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Shared plumbing of the JSON codecs: opening parsers/generators on infer4j's own factory,
 * reading one JSON value into a {@link ColumnBuilder}, writing one cell, and turning failures
 * into {@link DecodeException}s that say where.
 */
public final class Cells {
    /** Trees for JSON cells: small integers as int/long nodes, not BigInteger (Json's mapper setting is for databind). */
    private static final ObjectReader TREES = Json.mapper().reader().without(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private Cells() {
    }

    /** A parser over {@code body} with the fast double parser. */
    @SuppressWarnings("deprecation")
    public static JsonParser parser(byte[] body) throws IOException {
        JsonParser p = Json.factory().createParser(body);
        p.enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER);
        return p;
    }

    /** A parser over {@code in} (not closed by the parser... the caller owns the stream). */
    @SuppressWarnings("deprecation")
    public static JsonParser parser(InputStream in) throws IOException {
        JsonParser p = Json.factory().createParser(in);
        p.enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER);
        p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        return p;
    }

    /** A generator writing shortest round-trip floats; it does not close {@code out}. */
    @SuppressWarnings("deprecation")
    public static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = Json.factory().createGenerator(out);
        g.enable(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    /** Reads the value at the parser's current token as a tree (ints as int/long nodes). */
    public static JsonNode readTree(JsonParser p) throws IOException {
        JsonNode n = TREES.readTree(p);
        return n;
    }

    /** Reads the value at the current token {@code t} into {@code b}. */
    public static void readCell(JsonParser p, JsonToken t, ColumnBuilder b, TensorReader tensors) throws IOException {
        switch (t) {
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    b.appendBigInteger(p.getBigIntegerValue());
                } else {
                    b.appendLong(p.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                if (b.currentType() == ColumnType.FLOAT32) {
                    b.appendFloat(p.getFloatValue());
                } else {
                    b.appendDouble(p.getDoubleValue());
                }
            }
            case VALUE_STRING -> b.appendString(p.getText());
            case VALUE_TRUE -> b.appendBool(true);
            case VALUE_FALSE -> b.appendBool(false);
            case VALUE_NULL -> b.appendNull();
            case START_ARRAY -> {
                if (b.currentType() == ColumnType.JSON) {
                    b.appendJson(readTree(p));
                } else if (tensors.read(p)) {
                    tensors.appendTo(b);
                } else {
                    b.appendJson(tensors.fallback());
                }
            }
            case START_OBJECT -> b.appendJson(readTree(p));
            default -> throw new JsonParseFailure("unexpected " + t);
        }
    }

    /** A structural problem found by a codec (not by Jackson). */
    public static final class JsonParseFailure extends IOException {
        private static final long serialVersionUID = 1L;

        /** Creates it. */
        public JsonParseFailure(String message) {
            super(message);
        }
    }

    /**
     * A DecodeException for {@code format} at {@code where} ("row 3, column 'x'"; may be null),
     * at the parser's position, with a snippet of {@code body} when known.
     */
    public static DecodeException fail(String format, String where, JsonParser p, Exception cause, byte[] body) {
        long offset = -1;
        if (cause instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            offset = jpe.getLocation().getCharOffset() >= 0 ? jpe.getLocation().getCharOffset() : jpe.getLocation().getByteOffset();
        } else if (p != null) {
            offset = p.currentLocation().getCharOffset() >= 0 ? p.currentLocation().getCharOffset() : p.currentLocation().getByteOffset();
        }
        String detail = cause instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : cause.getMessage();
        StringBuilder msg = new StringBuilder("Cannot decode ").append(format).append(": ").append(detail);
        if (where != null) {
            msg.append(" at ").append(where);
        }
        if (offset >= 0) {
            msg.append(" (offset ").append(offset).append(')');
        }
        if (body != null) {
            msg.append("; input near: ").append(Json.snippet(body, offset));
        }
        return new DecodeException(msg.toString(), where, offset, cause);
    }

    /** "row r, column 'c'" (either part may be absent). */
    public static String where(int row, String column) {
        if (row < 0) {
            return column == null ? null : "column '" + column + "'";
        }
        return column == null ? "row " + row : "row " + row + ", column '" + column + "'";
    }

    /** Expects {@code expected} as the next token, else a structural failure naming {@code what}. */
    public static void expect(JsonParser p, JsonToken expected, String what) throws IOException {
        JsonToken t = p.nextToken();
        if (t != expected) {
            throw new JsonParseFailure("expected " + what + " but found " + (t == null ? "end of input" : t.asString() == null ? t : t.asString()));
        }
    }

    // ------------------------------------------------------------------ writing

    /** Writes cell {@code row} of one column. */
    public interface CellWriter {
        /** Writes the cell (JSON null when missing). */
        void write(JsonGenerator g, int row) throws IOException;
    }

    /** Options that change how cells are written. */
    public record WriteStyle(NonFinite nonFinite, Dates dates) {
        /** The style of these options. */
        public static WriteStyle of(WriteOptions o) {
            return new WriteStyle(o.nonFinite(), o.dates());
        }
    }

    /** A writer for the cells of {@code c}. */
    public static CellWriter writer(Column c, WriteStyle style) {
        CellWriter w = switch (c.type()) {
            case INT64 -> {
                Int64Column col = (Int64Column) c;
                yield (g, r) -> g.writeNumber(col.getLong(r));
            }
            case FLOAT64 -> {
                Float64Column col = (Float64Column) c;
                yield (g, r) -> writeDouble(g, col.getDouble(r), style.nonFinite());
            }
            case FLOAT32 -> {
                Float32Column col = (Float32Column) c;
                yield (g, r) -> writeFloat(g, col.getFloat(r), style);
            }
            case BOOL -> {
                BoolColumn col = (BoolColumn) c;
                yield (g, r) -> g.writeBoolean(col.getBool(r));
            }
            case STRING -> {
                StringColumn col = (StringColumn) c;
                yield (g, r) -> g.writeString(col.getString(r));
            }
            case TIMESTAMP -> {
                TimestampColumn col = (TimestampColumn) c;
                ZoneId zone = col.zone().orElse(null);
                yield style.dates() == Dates.EPOCH_MILLIS
                        ? (g, r) -> g.writeNumber(Math.floorDiv(col.getEpochNanos(r), 1_000_000L))
                        : (g, r) -> g.writeString(iso(col.getInstant(r), zone));
            }
            case TENSOR -> {
                TensorColumn col = (TensorColumn) c;
                yield (g, r) -> writeTensor(g, col, r, style);
            }
            case JSON -> {
                JsonColumn col = (JsonColumn) c;
                yield (g, r) -> Json.mapper().writeTree(g, col.getNode(r));
            }
        };
        if (c.nullCount() == 0) {
            return w;
        }
        return (g, r) -> {
            if (c.isNull(r)) {
                g.writeNull();
            } else {
                w.write(g, r);
            }
        };
    }

    /** ISO-8601: naive columns without offset (pandas {@code datetime64[ns]}), zoned ones with their offset. */
    public static String iso(Instant t, ZoneId zone) {
        if (zone == null) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(t, zone));
    }

    /** Writes a double, non-finite values per the policy. */
    public static void writeDouble(JsonGenerator g, double v, NonFinite nonFinite) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            writeNonFinite(g, v, nonFinite);
        }
    }

    private static void writeFloat(JsonGenerator g, float v, WriteStyle style) throws IOException {
        if (!Float.isFinite(v)) {
            writeNonFinite(g, v, style.nonFinite());
        } else {
            g.writeNumber(v);
        }
    }

    private static void writeNonFinite(JsonGenerator g, double v, NonFinite nonFinite) throws IOException {
        String token = Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
        switch (nonFinite) {
            case NULL -> g.writeNull();
            case TOKENS -> g.writeRawValue(token);
            case STRINGS -> g.writeString(token);
        }
    }

    private static void writeTensor(JsonGenerator g, TensorColumn col, int row, WriteStyle style) throws IOException {
        int[] shape = col.shape(row);
        int from = col.rowStart(row);
        if (shape.length == 0) {
            writeElement(g, col, from, style);
            return;
        }
        writeDim(g, col, shape, 0, from, style);
    }

    private static int writeDim(JsonGenerator g, TensorColumn col, int[] shape, int dim, int pos, WriteStyle style) throws IOException {
        g.writeStartArray();
        int n = shape[dim];
        if (dim == shape.length - 1) {
            switch (col.elementType()) {
                case INT64 -> {
                    for (int i = 0; i < n; i++) {
                        g.writeNumber(col.int64At(pos + i));
                    }
                }
                case FLOAT64 -> {
                    for (int i = 0; i < n; i++) {
                        writeDouble(g, col.float64At(pos + i), style.nonFinite());
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        writeFloat(g, col.float32At(pos + i), style);
                    }
                }
            }
            pos += n;
        } else {
            for (int i = 0; i < n; i++) {
                pos = writeDim(g, col, shape, dim + 1, pos, style);
            }
        }
        g.writeEndArray();
        return pos;
    }

    private static void writeElement(JsonGenerator g, TensorColumn col, int i, WriteStyle style) throws IOException {
        switch (col.elementType()) {
            case INT64 -> g.writeNumber(col.int64At(i));
            case FLOAT64 -> writeDouble(g, col.float64At(i), style.nonFinite());
            default -> writeFloat(g, col.float32At(i), style);
        }
    }
}
