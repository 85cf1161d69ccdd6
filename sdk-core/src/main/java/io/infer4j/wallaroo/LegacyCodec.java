package io.infer4j.wallaroo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.internal.Json;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.table.codec.WriteOptions.NonFinite;
import io.infer4j.table.internal.Cells;
import io.infer4j.table.internal.Cells.JsonParseFailure;
import io.infer4j.table.internal.Decoding;
import io.infer4j.table.internal.Decoding.Cursor;
import io.infer4j.wallaroo.InferenceResult.LegacyResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wallaroo's legacy InferenceResult body, {@code [{"outputs": [{"Float": {"v": 1, "dim": [1000, 1],
 * "data": [...]}}], "elapsed": ..., ...}]}, read and written in one streaming pass. Output values
 * go from the parser straight into one primitive array per output (a JSON tree of a 25k-row answer
 * held one node per value, several times the size of the numbers). Strict about values: a value
 * that does not fit its output's type is a {@link io.infer4j.core.error.DecodeException} naming
 * the output, never a silent conversion; {@code null} in a float output is NaN (Wallaroo's engine
 * writes NaN as null, and so does {@link #write}). Package-private: not API.
 */
final class LegacyCodec {
    static final String FORMAT = "Wallaroo InferenceResult";
    /** Largest array allocated up front from a {@code dim} (a lying dim must not reserve gigabytes). */
    private static final int MAX_PRESIZE = 1 << 20;

    private LegacyCodec() {
    }

    /** Decodes a legacy body: an array of result objects, or one lone object. */
    static InferenceResult read(byte[] body) {
        return Decoding.decode(FORMAT, body, LegacyCodec::parse);
    }

    private static InferenceResult parse(JsonParser p, Cursor at) throws IOException {
        List<LegacyResult> results = new ArrayList<>();
        if (p.currentToken() == JsonToken.START_OBJECT) {
            results.add(parseResult(p, at, 0));
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    at.column = "[" + results.size() + "]";
                    throw new JsonParseFailure("[" + results.size() + "] should be an object, not " + describe(t));
                }
                results.add(parseResult(p, at, results.size()));
            }
        } else {
            throw new JsonParseFailure("expected an array of inference results but found " + describe(p.currentToken()));
        }
        return assemble(results, at);
    }

    private static LegacyResult parseResult(JsonParser p, Cursor at, int k) throws IOException {
        String modelName = null;
        String modelVersion = null;
        String pipelineName = null;
        List<OutputTensor> outputs = null;
        JsonNode elapsed = null;
        Instant time = null;
        JsonNode checkFailures = null;
        Map<String, List<OutputTensor>> shadow = null;
        JsonNode original = null;
        Map<String, JsonNode> others = new LinkedHashMap<>();
        String prefix = k == 0 ? "" : "result" + k + ".";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            String path = "[" + k + "]." + field;
            at.column = path;
            JsonToken v = p.nextToken();
            switch (field) {
                case "model_name" -> modelName = text(p, v);
                case "model_version" -> modelVersion = text(p, v);
                case "pipeline_name" -> pipelineName = text(p, v);
                case "outputs" -> outputs = outputs(p, v, at, path, prefix);
                case "elapsed" -> elapsed = Cells.readTree(p);
                case "time" -> time = epochMillis(p, v);
                case "check_failures" -> checkFailures = Cells.readTree(p);
                case "original_data" -> original = Cells.readTree(p);
                case "shadow_data" -> shadow = shadowData(p, v, at, path);
                default -> others.put(field, Cells.readTree(p));
            }
        }
        if (outputs == null) {
            at.column = "[" + k + "]";
            throw new JsonParseFailure("inference result [" + k + "] has no \"outputs\"");
        }
        return new LegacyResult(modelName, modelVersion, pipelineName, outputs, elapsed, time, checkFailures, shadow,
                original, others);
    }

    /** The table ({@code time}, then {@code out.output_<i>}) and the outputs by name, over every result object. */
    private static InferenceResult assemble(List<LegacyResult> results, Cursor at) throws JsonParseFailure {
        Map<String, OutputTensor> outputs = new LinkedHashMap<>();
        List<Table> tables = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            LegacyResult r = results.get(k);
            List<Column> columns = new ArrayList<>();
            int rows = -1;
            for (int i = 0; i < r.outputs().size(); i++) {
                OutputTensor o = r.outputs().get(i);
                int[] shape = o.shape();
                int n = shape.length == 0 ? 1 : shape[0];
                if (rows >= 0 && n != rows) {
                    at.column = "[" + k + "].outputs[" + i + "]";
                    throw new JsonParseFailure("outputs have " + rows + " and " + n + " rows");
                }
                rows = n;
                outputs.put(o.name(), o);
                columns.add(o.toColumn("out.output_" + i));
            }
            Instant[] times = new Instant[Math.max(rows, 0)];
            Arrays.fill(times, r.time().orElse(null));
            columns.add(0, Column.timestamps("time", times));
            tables.add(Table.of(columns));
        }
        at.column = null;
        Table table = tables.isEmpty() ? Table.empty(0) : tables.size() == 1 ? tables.get(0) : Table.concat(tables);
        return new InferenceResult(InferenceResult.Format.LEGACY, table, outputs, results);
    }

    private static String text(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            throw new JsonParseFailure("expected a string but found " + describe(v));
        }
        return p.getText();
    }

    private static Instant epochMillis(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new JsonParseFailure("time should be epoch milliseconds but is " + describe(v));
        }
        return Instant.ofEpochMilli(p.getLongValue());
    }

    private static Map<String, List<OutputTensor>> shadowData(JsonParser p, JsonToken v, Cursor at, String path) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.START_OBJECT) {
            throw new JsonParseFailure("shadow_data should be an object, not " + describe(v));
        }
        Map<String, List<OutputTensor>> shadow = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String model = p.currentName();
            shadow.put(model, outputs(p, p.nextToken(), at, path + "." + model, ""));
        }
        return shadow;
    }

    /** An {@code outputs} array; the parser is on {@code v}, its first token. */
    private static List<OutputTensor> outputs(JsonParser p, JsonToken v, Cursor at, String path, String prefix) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new JsonParseFailure("outputs should be an array, not " + describe(v));
        }
        List<OutputTensor> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String where = path + "[" + list.size() + "]";
            at.column = where;
            list.add(output(p, t, at, where, prefix + "output_" + list.size()));
        }
        return list;
    }

    /** One {@code {"<Type>": {"v": 1, "dim": [...], "data": [...]}}}; the parser is on {@code t}, its first token, and ends on its last. */
    private static OutputTensor output(JsonParser p, JsonToken t, Cursor at, String where, String name) throws IOException {
        if (t != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME) {
            throw new JsonParseFailure("an output should be an object with one type key such as Float, not " + describe(t));
        }
        String type = p.currentName();
        at.column = where + "." + type;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new JsonParseFailure("an output's body should be an object {v, dim, data}, not " + describe(p.currentToken()));
        }
        int version = 1;
        int[] dim = null;
        Values data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "v" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                        throw new JsonParseFailure("v should be an integer, not " + describe(value));
                    }
                    version = p.getIntValue();
                }
                case "dim" -> dim = dims(p, value);
                case "data" -> data = Values.read(p, value, elementTypeOf(type), dim);
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw new JsonParseFailure("an output object must hold exactly one type key, found another: " + p.currentName());
        }
        if (dim == null || data == null) {
            throw new JsonParseFailure("output without " + (dim == null ? "dim" : "data"));
        }
        long count = 1;
        for (int d : dim) {
            count = Math.multiplyExact(count, d);
        }
        if (count != data.size) {
            throw new JsonParseFailure("dim " + Arrays.toString(dim) + " needs " + count + " values but data has " + data.size);
        }
        return new OutputTensor(name, type, dim, data.type, data.trimmed(), version);
    }

    /**
     * The element type holding values of wire type {@code type}, or null for a type name infer4j
     * does not know (only {@code Float}, {@code Int64} and {@code String} have been seen; the
     * values then decide).
     */
    static ColumnType elementTypeOf(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "float", "float32" -> ColumnType.FLOAT32;
            case "double", "float64" -> ColumnType.FLOAT64;
            case "int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8" -> ColumnType.INT64;
            case "string", "utf8" -> ColumnType.STRING;
            case "bool", "boolean" -> ColumnType.BOOL;
            default -> null;
        };
    }

    /** A {@code dim} array of non-negative integers; the parser is on {@code t}, its start. */
    private static int[] dims(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new JsonParseFailure("dim should be an array of sizes, not " + describe(t));
        }
        int[] dim = new int[4];
        int n = 0;
        for (JsonToken d = p.nextToken(); d != JsonToken.END_ARRAY; d = p.nextToken()) {
            if (d != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0) {
                throw new JsonParseFailure("dim[" + n + "] should be a size, not " + describe(d));
            }
            if (n == dim.length) {
                dim = Arrays.copyOf(dim, n * 2);
            }
            dim[n++] = p.getIntValue();
        }
        return Arrays.copyOf(dim, n);
    }

    /** The values of one {@code data} array in one primitive array of the output's element type. */
    private static final class Values {
        final ColumnType type;
        final Object array;
        final int size;

        private Values(ColumnType type, Object array, int size) {
            this.type = type;
            this.array = array;
            this.size = size;
        }

        /** The array, cut to the values read (no copy when {@code dim} came first and was right). */
        Object trimmed() {
            if (java.lang.reflect.Array.getLength(array) == size) {
                return array;
            }
            return switch (type) {
                case FLOAT32 -> Arrays.copyOf((float[]) array, size);
                case FLOAT64 -> Arrays.copyOf((double[]) array, size);
                case INT64 -> Arrays.copyOf((long[]) array, size);
                case BOOL -> Arrays.copyOf((boolean[]) array, size);
                default -> Arrays.copyOf((String[]) array, size);
            };
        }

        /** Reads the array the parser is on ({@code t}); {@code type} null: decided by the first value. */
        static Values read(JsonParser p, JsonToken t, ColumnType type, int[] dim) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                throw new JsonParseFailure("data should be an array, not " + describe(t));
            }
            long expected = 1;
            for (int i = 0; dim != null && i < dim.length && expected <= MAX_PRESIZE; i++) {
                expected *= dim[i];
            }
            // dim usually comes first (Wallaroo's engine); then the array has its final size from the start
            int capacity = dim != null && expected <= MAX_PRESIZE ? (int) expected : 16;
            JsonToken v = p.nextToken();
            if (type == null) {
                type = v == JsonToken.VALUE_STRING ? ColumnType.STRING
                        : v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE ? ColumnType.BOOL : ColumnType.FLOAT64;
            }
            int n = 0;
            switch (type) {
                case FLOAT32 -> {
                    float[] a = new float[capacity];
                    for (; v != JsonToken.END_ARRAY; v = p.nextToken()) {
                        if (n == a.length) {
                            a = Arrays.copyOf(a, grow(n));
                        }
                        if (isNumber(v)) {
                            // via double: Jackson's float path is ~7 % slower, and Wallaroo writes each float
                            // widened to double, so the double is the float exactly and the cast is exact
                            a[n++] = (float) p.getDoubleValue();
                        } else if (v == JsonToken.VALUE_NULL) {
                            a[n++] = Float.NaN;
                        } else {
                            throw bad(v, n, "a number");
                        }
                    }
                    return new Values(type, a, n);
                }
                case FLOAT64 -> {
                    double[] a = new double[capacity];
                    for (; v != JsonToken.END_ARRAY; v = p.nextToken()) {
                        if (n == a.length) {
                            a = Arrays.copyOf(a, grow(n));
                        }
                        if (isNumber(v)) {
                            a[n++] = p.getDoubleValue();
                        } else if (v == JsonToken.VALUE_NULL) {
                            a[n++] = Double.NaN;
                        } else {
                            throw bad(v, n, "a number");
                        }
                    }
                    return new Values(type, a, n);
                }
                case INT64 -> {
                    long[] a = new long[capacity];
                    for (; v != JsonToken.END_ARRAY; v = p.nextToken()) {
                        if (n == a.length) {
                            a = Arrays.copyOf(a, grow(n));
                        }
                        a[n] = int64(p, v, n);
                        n++;
                    }
                    return new Values(type, a, n);
                }
                case BOOL -> {
                    boolean[] a = new boolean[capacity];
                    for (; v != JsonToken.END_ARRAY; v = p.nextToken()) {
                        if (n == a.length) {
                            a = Arrays.copyOf(a, grow(n));
                        }
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                            throw bad(v, n, "a boolean");
                        }
                        a[n++] = v == JsonToken.VALUE_TRUE;
                    }
                    return new Values(type, a, n);
                }
                default -> {
                    String[] a = new String[capacity];
                    for (; v != JsonToken.END_ARRAY; v = p.nextToken()) {
                        if (n == a.length) {
                            a = Arrays.copyOf(a, grow(n));
                        }
                        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                            throw bad(v, n, "a string");
                        }
                        a[n++] = v == JsonToken.VALUE_NULL ? null : p.getText();
                    }
                    return new Values(type, a, n);
                }
            }
        }

        private static boolean isNumber(JsonToken v) {
            return v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT;
        }

        /** An int64 value; a float must be a whole number in range ({@code 3.0}), never truncated. */
        private static long int64(JsonParser p, JsonToken v, int i) throws IOException {
            if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return p.getLongValue();
            }
            if (v == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
                    return (long) d;
                }
            }
            if (isNumber(v)) {
                throw new JsonParseFailure("data[" + i + "] = " + p.getText() + " is not an int64");
            }
            throw bad(v, i, "an integer");
        }

        private static int grow(int n) {
            if (n >= Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("an output of more than " + n + " values");
            }
            return Math.max(16, n * 2);
        }

        private static JsonParseFailure bad(JsonToken v, int i, String expected) {
            return new JsonParseFailure("data[" + i + "] should be " + expected + ", not " + describe(v));
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    // ------------------------------------------------------------------ writing

    /** Writes the results as the legacy array, fields in Wallaroo's (alphabetical) order; absent ones are left out. */
    static void write(List<LegacyResult> results, OutputStream out) {
        try (JsonGenerator g = Cells.generator(out)) {
            g.writeStartArray();
            for (LegacyResult r : results) {
                writeResult(g, r);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeResult(JsonGenerator g, LegacyResult r) throws IOException {
        g.writeStartObject();
        tree(g, "check_failures", r.checkFailures().orElse(null));
        tree(g, "elapsed", r.elapsed().orElse(null));
        text(g, "model_name", r.modelName().orElse(null));
        text(g, "model_version", r.modelVersion().orElse(null));
        tree(g, "original_data", r.originalData().orElse(null));
        g.writeFieldName("outputs");
        writeOutputs(g, r.outputs());
        text(g, "pipeline_name", r.pipelineName().orElse(null));
        if (r.hasShadowData()) {
            g.writeObjectFieldStart("shadow_data");
            for (Map.Entry<String, List<OutputTensor>> e : r.shadowData().entrySet()) {
                g.writeFieldName(e.getKey());
                writeOutputs(g, e.getValue());
            }
            g.writeEndObject();
        }
        if (r.time().isPresent()) {
            g.writeNumberField("time", r.time().get().toEpochMilli());
        }
        for (Map.Entry<String, JsonNode> e : r.additionalProperties().entrySet()) {
            tree(g, e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void tree(JsonGenerator g, String name, JsonNode n) throws IOException {
        if (n != null) {
            g.writeFieldName(name);
            Json.mapper().writeTree(g, n);
        }
    }

    private static void writeOutputs(JsonGenerator g, List<OutputTensor> outputs) throws IOException {
        g.writeStartArray();
        for (OutputTensor o : outputs) {
            g.writeStartObject();
            g.writeObjectFieldStart(o.type());
            g.writeArrayFieldStart("data");
            writeValues(g, o);
            g.writeEndArray();
            int[] dim = o.shape();
            g.writeFieldName("dim");
            g.writeArray(dim, 0, dim.length);
            g.writeNumberField("v", o.version());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Float32 values widened to double, as Wallaroo writes them (they read back to the same float); NaN as null. */
    private static void writeValues(JsonGenerator g, OutputTensor o) throws IOException {
        switch (o.elementType()) {
            case FLOAT32 -> {
                for (float v : (float[]) o.values()) {
                    Cells.writeDouble(g, v, NonFinite.NULL);
                }
            }
            case FLOAT64 -> {
                for (double v : (double[]) o.values()) {
                    Cells.writeDouble(g, v, NonFinite.NULL);
                }
            }
            case INT64 -> {
                for (long v : (long[]) o.values()) {
                    g.writeNumber(v);
                }
            }
            case BOOL -> {
                for (boolean v : (boolean[]) o.values()) {
                    g.writeBoolean(v);
                }
            }
            default -> {
                for (String v : (String[]) o.values()) {
                    g.writeString(v);
                }
            }
        }
    }
}
