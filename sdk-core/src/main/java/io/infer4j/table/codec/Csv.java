package io.infer4j.table.codec;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.internal.Json;
import io.infer4j.table.BoolColumn;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Float32Column;
import io.infer4j.table.Float64Column;
import io.infer4j.table.Int64Column;
import io.infer4j.table.StringColumn;
import io.infer4j.table.Table;
import io.infer4j.table.TimestampColumn;
import io.infer4j.table.internal.Cells;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * CSV per RFC 4180 (quoted fields with {@code ""} escapes and line breaks, CRLF or LF line ends),
 * UTF-8, for {@code text/csv} endpoints. An unquoted empty field is a missing cell; a quoted
 * empty field {@code ""} is an empty string. Floats are written in shortest round-trip form, NaN
 * as {@code NaN}, infinities as {@code inf}/{@code -inf} (as pandas does), timestamps as
 * ISO-8601, tensor and JSON cells as JSON text. Blank lines are skipped.
 */
public final class Csv {
    private Csv() {
    }

    /** Reads with a header and inferred types. */
    public static Table read(byte[] body) {
        return read(body, CsvOptions.defaults());
    }

    /** Reads. @throws DecodeException naming the line, column and offset */
    public static Table read(byte[] body, CsvOptions options) {
        return read(new ByteArrayInputStream(body), options);
    }

    /** Reads from a stream (not closed). */
    public static Table read(InputStream in, CsvOptions options) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        Parser p = new Parser(reader, options.delimiter());
        try {
            List<String> names = options.columnNames();
            List<String[]> rows = new ArrayList<>();
            List<BitSet> quoted = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            Record rec;
            boolean first = true;
            while ((rec = p.next()) != null) {
                if (rec.blank && (names == null || names.size() != 1)) {
                    continue; // blank lines are skipped, except as a missing cell of a one-column table
                }
                if (first && options.header()) {
                    first = false;
                    if (names == null) {
                        names = List.of(rec.fields);
                    }
                    continue;
                }
                first = false;
                rows.add(rec.fields);
                quoted.add(rec.quoted);
                lines.add(p.recordLines.get(p.recordLines.size() - 1));
            }
            if (names == null) {
                List<String> generated = new ArrayList<>();
                int n = rows.isEmpty() ? 0 : rows.get(0).length;
                for (int i = 0; i < n; i++) {
                    generated.add("column_" + i);
                }
                names = generated;
            }
            for (int r = 0; r < rows.size(); r++) {
                if (rows.get(r).length != names.size()) {
                    throw p.fail("record has " + rows.get(r).length + " fields, expected " + names.size(), lines.get(r), null, null);
                }
            }
            for (int c = 0; c < names.size(); c++) {
                if (names.get(c) == null || names.get(c).isEmpty()) {
                    // pandas would invent "Unnamed: c"; we refuse rather than make a name up.
                    throw new DecodeException("Cannot decode CSV: header column " + c + " has an empty name",
                            "header, column " + c, 0, null);
                }
            }
            List<Column> cols = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                cols.add(column(names.get(c), c, rows, quoted, lines, options, p));
            }
            try {
                return cols.isEmpty() ? Table.empty(rows.size()) : Table.of(cols);
            } catch (IllegalArgumentException e) {
                throw new DecodeException("Cannot decode CSV: " + e.getMessage(), "header", 0, e);
            }
        } catch (CharacterCodingException e) {
            throw p.fail("input is not valid UTF-8", p.line, null, e);
        } catch (IOException e) {
            throw p.fail(e.getMessage(), p.line, null, e);
        }
    }

    private static Column column(String name, int c, List<String[]> rows, List<BitSet> quoted, List<Integer> lines,
            CsvOptions o, Parser p) {
        ColumnType type = o.types().get(name);
        if (type == null) {
            type = infer(c, rows, quoted);
        }
        ColumnBuilder b = ColumnBuilder.of(name, type);
        for (int r = 0; r < rows.size(); r++) {
            String[] fields = rows.get(r);
            String v = c < fields.length ? fields[c] : null;
            try {
                if (v == null || v.isEmpty() && (!quoted.get(r).get(c) || type != ColumnType.STRING)) {
                    b.appendNull();
                    continue;
                }
                switch (type) {
                    case INT64 -> b.appendLong(Long.parseLong(v.trim()));
                    case FLOAT64, FLOAT32 -> {
                        Double d = parseDouble(v);
                        if (d == null) {
                            throw new IllegalArgumentException("\"" + v + "\" is not a number");
                        }
                        b.appendDouble(d);
                    }
                    case BOOL -> {
                        Boolean bool = parseBool(v);
                        if (bool == null) {
                            throw new IllegalArgumentException("\"" + v + "\" is not a boolean");
                        }
                        b.appendBool(bool);
                    }
                    case TENSOR, JSON -> b.appendJson(Json.mapper().readTree(v));
                    default -> b.appendString(v);
                }
            } catch (IOException | IllegalArgumentException e) {
                String msg = e instanceof NumberFormatException ? "\"" + v + "\" is not an int64" : e.getMessage();
                throw p.fail(msg, lines.get(r), name, e);
            }
        }
        return b.build();
    }

    private static ColumnType infer(int c, List<String[]> rows, List<BitSet> quoted) {
        boolean ints = true;
        boolean doubles = true;
        boolean bools = true;
        boolean any = false;
        for (int r = 0; r < rows.size(); r++) {
            String[] f = rows.get(r);
            if (c >= f.length) {
                continue;
            }
            String v = f[c];
            if (v.isEmpty() && !quoted.get(r).get(c)) {
                continue;
            }
            any = true;
            if (ints && !isLong(v)) {
                ints = false;
                if (looksIntegral(v)) {
                    return ColumnType.STRING; // beyond int64: keep the digits exactly
                }
            }
            doubles = doubles && parseDouble(v) != null;
            bools = bools && parseBool(v) != null;
            if (!ints && !doubles && !bools) {
                return ColumnType.STRING;
            }
        }
        return !any ? ColumnType.STRING : ints ? ColumnType.INT64 : doubles ? ColumnType.FLOAT64 : bools ? ColumnType.BOOL : ColumnType.STRING;
    }

    private static boolean looksIntegral(String v) {
        return v.trim().matches("[+-]?\\d+");
    }

    private static boolean isLong(String v) {
        if (!looksIntegral(v)) {
            return false;
        }
        try {
            Long.parseLong(v.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** A decimal number, NaN or an infinity (pandas and Java spellings); null otherwise. */
    static Double parseDouble(String raw) {
        String v = raw.trim();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                return DECIMAL.matcher(v).matches() ? Double.parseDouble(v) : null;
            }
        }
    }

    private static Boolean parseBool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private record Record(String[] fields, BitSet quoted, boolean blank) {
    }

    /** The RFC 4180 state machine. */
    private static final class Parser {
        private final Reader in;
        private final char delimiter;
        private final char[] buf = new char[8192];
        private int len;
        private int pos;
        private long offset;
        int line = 1;
        final List<Integer> recordLines = new ArrayList<>();
        private int pushback = -1;

        Parser(Reader in, char delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        private int read() throws IOException {
            if (pushback >= 0) {
                int c = pushback;
                pushback = -1;
                return c;
            }
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return -1;
                }
            }
            offset++;
            return buf[pos++];
        }

        Record next() throws IOException {
            while (true) {
                int startLine = line;
                List<String> fields = new ArrayList<>();
                BitSet quoted = new BitSet();
                StringBuilder sb = new StringBuilder();
                int c = read();
                if (c == -1) {
                    return null;
                }
                boolean inQuotes = false;
                boolean wasQuoted = false;
                boolean afterQuote = false;
                while (true) {
                    if (inQuotes) {
                        if (c == -1) {
                            throw fail("unterminated quoted field", startLine, null, null);
                        }
                        if (c == '"') {
                            int d = read();
                            if (d == '"') {
                                sb.append('"');
                            } else {
                                inQuotes = false;
                                afterQuote = true;
                                c = d;
                                continue;
                            }
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            sb.append((char) c);
                        }
                        c = read();
                        continue;
                    }
                    if (c == delimiter || c == '\n' || c == '\r' || c == -1) {
                        if (wasQuoted) {
                            quoted.set(fields.size());
                        }
                        fields.add(sb.toString());
                        sb.setLength(0);
                        wasQuoted = false;
                        afterQuote = false;
                        if (c == delimiter) {
                            c = read();
                            continue;
                        }
                        if (c == '\r') {
                            int d = read();
                            if (d != '\n') {
                                pushback = d;
                            }
                        }
                        if (c != -1) {
                            line++;
                        }
                        break;
                    }
                    if (afterQuote) {
                        throw fail("unexpected character '" + (char) c + "' after a closing quote", line, null, null);
                    }
                    if (c == '"') {
                        if (sb.length() > 0) {
                            throw fail("quote inside an unquoted field", line, null, null);
                        }
                        inQuotes = true;
                        wasQuoted = true;
                    } else {
                        sb.append((char) c);
                    }
                    c = read();
                }
                recordLines.add(startLine);
                boolean blank = fields.size() == 1 && fields.get(0).isEmpty() && !quoted.get(0);
                return new Record(fields.toArray(new String[0]), quoted, blank);
            }
        }

        DecodeException fail(String what, int atLine, String column, Exception cause) {
            String where = "line " + atLine + (column == null ? "" : ", column '" + column + "'");
            return new DecodeException("Cannot decode CSV: " + what + " at " + where + " (offset " + offset + ")", where,
                    offset, cause);
        }
    }

    // ------------------------------------------------------------------ writing

    /** Writes with a header. */
    public static void write(Table table, OutputStream out) {
        write(table, out, CsvOptions.defaults());
    }

    /** Writes CRLF-terminated records (the stream is flushed, not closed). */
    public static void write(Table table, OutputStream out, CsvOptions options) {
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 14);
            char d = options.delimiter();
            if (options.header()) {
                List<String> names = options.columnNames() != null ? options.columnNames() : table.columnNames();
                for (int c = 0; c < names.size(); c++) {
                    if (c > 0) {
                        w.write(d);
                    }
                    writeText(w, names.get(c), d);
                }
                w.write("\r\n");
            }
            for (int r = 0; r < table.rowCount(); r++) {
                for (int c = 0; c < table.columnCount(); c++) {
                    if (c > 0) {
                        w.write(d);
                    }
                    writeCell(w, table.column(c), r, d);
                }
                w.write("\r\n");
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes to bytes. */
    public static byte[] toBytes(Table table, CsvOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(table, out, options);
        return out.toByteArray();
    }

    private static void writeCell(Writer w, Column c, int r, char d) throws IOException {
        if (c.isNull(r)) {
            return;
        }
        switch (c.type()) {
            case INT64 -> w.write(Long.toString(((Int64Column) c).getLong(r)));
            case FLOAT64 -> w.write(number(((Float64Column) c).getDouble(r)));
            case FLOAT32 -> {
                float f = ((Float32Column) c).getFloat(r);
                w.write(Float.isFinite(f) ? NumberOutput.toString(f, true) : number(f));
            }
            case BOOL -> w.write(((BoolColumn) c).getBool(r) ? "true" : "false");
            case STRING -> writeText(w, ((StringColumn) c).getString(r), d);
            case TIMESTAMP -> {
                TimestampColumn t = (TimestampColumn) c;
                w.write(Cells.iso(t.getInstant(r), t.zone().orElse(null)));
            }
            default -> writeText(w, jsonText(c, r), d);
        }
    }

    /** A tensor or JSON cell as JSON text, with NaN/Infinity as bare tokens (as CSV writes them elsewhere). */
    private static String jsonText(Column c, int r) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator g = Cells.generator(buf)) {
            Cells.writer(c, NON_FINITE_TOKENS).write(g, r);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static final Cells.WriteStyle NON_FINITE_TOKENS =
            new Cells.WriteStyle(WriteOptions.NonFinite.TOKENS, WriteOptions.Dates.ISO);

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return NumberOutput.toString(v, true);
    }

    private static void writeText(Writer w, String s, char d) throws IOException {
        boolean quote = s.isEmpty() || s.indexOf(d) >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1));
        if (!quote) {
            w.write(s);
            return;
        }
        w.write('"');
        w.write(s.replace("\"", "\"\""));
        w.write('"');
    }
}
