package io.infer4j.wallaroo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.internal.Json;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Float32Column;
import io.infer4j.table.Float64Column;
import io.infer4j.table.Int64Column;
import io.infer4j.table.StringColumn;
import io.infer4j.table.Table;
import io.infer4j.table.Tensor;
import io.infer4j.table.TensorColumn;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.ReadOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decodes inference response bodies into {@link InferenceResult}. Package-private: not API. */
final class InferenceCodec {
    private static final Set<String> LEGACY_KEYS = Set.of("outputs", "model_name", "shadow_data");
    private static final ReadOptions RECORDS = ReadOptions.defaults().withType("time", ColumnType.TIMESTAMP);

    private InferenceCodec() {
    }

    /** Decodes a pandas-records or legacy InferenceResult body (detected from the first record's keys). */
    static InferenceResult decode(byte[] body) {
        return isLegacy(body) ? legacy(body) : records(body);
    }

    static InferenceResult records(byte[] body) {
        Table table = canonicalOrder(PandasRecords.read(body, RECORDS));
        Map<String, OutputTensor> outputs = new LinkedHashMap<>();
        for (Column c : table.columns()) {
            if (c.name().startsWith("out.")) {
                OutputTensor t = outputOf(c.name().substring(4), c, table.rowCount());
                if (t != null) {
                    outputs.put(t.name(), t);
                }
            }
        }
        return new InferenceResult(InferenceResult.Format.PANDAS_RECORDS, table, outputs, List.of());
    }

    /**
     * The columns in one order whether the answer was nested or flattened: {@code time}, then
     * {@code in.*}, {@code out.*}, shadow {@code out_<model>.*}, {@code check_failures},
     * {@code anomaly.*} and {@code metadata.*}, then anything else as it came. That is the nested
     * answer's order and the column order of the Python SDK's DataFrames; a flattened answer comes
     * with its keys sorted, so without this {@code metadata.dropped} would lead
     * {@code metadata.last_model} and {@code anomaly.count} would lead {@code time}. Inside
     * {@code in}, {@code out} and shadow outputs names sort as both shapes send them; metadata keeps
     * the nested field order and {@code anomaly.count} leads the named validations.
     */
    static Table canonicalOrder(Table table) {
        List<String> names = new ArrayList<>(table.columnNames());
        List<String> arrival = List.copyOf(names);
        names.sort(Comparator.comparingInt(InferenceCodec::section)
                .thenComparingInt(n -> section(n) == OTHER ? arrival.indexOf(n) : rankInSection(n))
                .thenComparing(Comparator.naturalOrder()));
        return names.equals(arrival) ? table : table.select(names.toArray(new String[0]));
    }

    private static final int OTHER = 7;
    /** Fields of {@code metadata} in the order of the nested answer (2023.1 had only last_model). */
    private static final List<String> METADATA = List.of("last_model", "pipeline_version", "elapsed", "dropped", "partition");

    private static int section(String name) {
        if (name.equals("time")) {
            return 0;
        }
        if (name.startsWith("in.")) {
            return 1;
        }
        if (name.startsWith("out.")) {
            return 2;
        }
        if (name.startsWith("out_")) {
            return 3;
        }
        if (name.equals("check_failures") || name.startsWith("check_failures.")) {
            return 4;
        }
        if (name.startsWith("anomaly.")) {
            return 5;
        }
        return name.startsWith("metadata.") ? 6 : OTHER;
    }

    /** 0 for every name that sorts by name; metadata's known fields and anomaly.count come first. */
    private static int rankInSection(String name) {
        if (name.startsWith("metadata.")) {
            int i = METADATA.indexOf(name.substring("metadata.".length()));
            return i < 0 ? METADATA.size() : i;
        }
        return name.equals("anomaly.count") ? -1 : 0;
    }

    /** A whole output column as one tensor (rows first); null for ragged or JSON columns. */
    private static OutputTensor outputOf(String name, Column c, int rows) {
        if (c instanceof TensorColumn) {
            TensorColumn tc = (TensorColumn) c;
            if (tc.nullCount() > 0 || tc.fixedShape().isEmpty()) {
                return null;
            }
            int[] inner = tc.fixedShape().get();
            int[] shape = new int[inner.length + 1];
            shape[0] = rows;
            System.arraycopy(inner, 0, shape, 1, inner.length);
            Tensor t = tc.elementType() == ColumnType.INT64 ? Tensor.of(tc.toLongArray(), shape)
                    : Tensor.of(tc.toDoubleArray(), shape);
            return new OutputTensor(name, tc.elementType().name(), shape, t, null);
        }
        if (c.nullCount() > 0) {
            return null;
        }
        if (c instanceof Float64Column) {
            return new OutputTensor(name, "FLOAT64", new int[] {rows}, Tensor.of(((Float64Column) c).toDoubleArray(), rows), null);
        }
        if (c instanceof Float32Column) {
            return new OutputTensor(name, "FLOAT32", new int[] {rows}, Tensor.of(((Float32Column) c).toFloatArray(), rows), null);
        }
        if (c instanceof Int64Column) {
            return new OutputTensor(name, "INT64", new int[] {rows}, Tensor.of(((Int64Column) c).toLongArray(), rows), null);
        }
        if (c instanceof StringColumn) {
            return new OutputTensor(name, "STRING", new int[] {rows}, null, Arrays.asList(((StringColumn) c).toArray()));
        }
        return null;
    }

    /**
     * Decodes a legacy body in one streaming pass: output values go straight from the parser into
     * primitive arrays (a JSON tree of a 25k-row answer held one node per value, several times the
     * size of the numbers); everything but {@code outputs} becomes the result's header tree.
     */
    static InferenceResult legacy(byte[] body) {
        try (JsonParser p = Json.factory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new DecodeException("Cannot decode legacy inference result: expected a JSON array");
            }
            Map<String, OutputTensor> outputs = new LinkedHashMap<>();
            List<Table> tables = new ArrayList<>();
            List<JsonNode> headers = new ArrayList<>();
            for (int k = 0; p.nextToken() != JsonToken.END_ARRAY; k++) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw new DecodeException("Cannot decode legacy inference result: [" + k + "] should be an object",
                            "[" + k + "]", -1, null);
                }
                ObjectNode header = Json.mapper().createObjectNode();
                List<LegacyOutput> outs = List.of();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("outputs")) {
                        outs = legacyOutputs(p, k);
                    } else {
                        header.set(field, Json.mapper().readTree(p));
                    }
                }
                List<Column> columns = new ArrayList<>();
                int rows = -1;
                for (int i = 0; i < outs.size(); i++) {
                    OutputTensor t = outs.get(i).tensor();
                    outputs.put(t.name(), t);
                    int r = t.shape().length == 0 ? 1 : t.shape()[0];
                    if (rows >= 0 && r != rows) {
                        throw new DecodeException("Cannot decode legacy inference result: outputs have " + rows + " and " + r
                                + " rows", "[" + k + "].outputs[" + i + "].dim", -1, null);
                    }
                    rows = r;
                    columns.add(legacyColumn("out.output_" + i, outs.get(i), rows));
                }
                rows = Math.max(rows, 0);
                Instant[] times = new Instant[rows];
                Arrays.fill(times, header.hasNonNull("time") ? Instant.ofEpochMilli(header.get("time").asLong()) : null);
                columns.add(0, Column.timestamps("time", times));
                tables.add(Table.of(columns));
                headers.add(header);
            }
            Table table = tables.size() == 1 ? tables.get(0) : Table.concat(tables);
            return new InferenceResult(InferenceResult.Format.LEGACY, table, outputs, headers);
        } catch (IOException e) {
            throw Json.decodeFailure("inference response", e, body);
        }
    }

    /** The {@code outputs} array of result {@code k}; the parser is on its first token. */
    private static List<LegacyOutput> legacyOutputs(JsonParser p, int k) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new DecodeException("Cannot decode legacy inference result: [" + k + "].outputs should be an array",
                    "[" + k + "].outputs", -1, null);
        }
        List<LegacyOutput> outs = new ArrayList<>();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            String name = (k == 0 ? "" : "result" + k + ".") + "output_" + i;
            outs.add(legacyOutput(name, p, "[" + k + "].outputs[" + i + "]"));
        }
        return outs;
    }

    /** A decoded legacy output and the array behind its tensor ({@code long[]}, {@code double[]} or strings). */
    private record LegacyOutput(OutputTensor tensor, Object values) {
    }

    /** One {@code {"<Type>": {"dim": [...], "data": [...]}}}; the parser is on its first token and ends on its last. */
    private static LegacyOutput legacyOutput(String name, JsonParser p, String where) throws IOException {
        String type = p.currentToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
        if (type == null) {
            throw new DecodeException("Cannot decode legacy inference result: " + where
                    + " should be an object with one type key such as Float", where, -1, null);
        }
        int[] dim = new int[0];
        Values data = null;
        if (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("dim") && value == JsonToken.START_ARRAY) {
                    dim = dims(p);
                } else if (field.equals("data") && value == JsonToken.START_ARRAY) {
                    data = Values.read(p, type, dim);
                } else {
                    p.skipChildren();
                }
            }
        } else {
            p.skipChildren();
        }
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw new DecodeException("Cannot decode legacy inference result: " + where
                    + " should be an object with one type key such as Float", where, -1, null);
        }
        long count = 1;
        for (int d : dim) {
            count *= d;
        }
        int n = data == null ? 0 : data.size;
        if (data == null || n != count) {
            throw new DecodeException("Cannot decode legacy inference result: " + where + "." + type + " has dim "
                    + Arrays.toString(dim) + " but " + n + " values", where + "." + type + ".data", -1, null);
        }
        if (data.strings != null) {
            return new LegacyOutput(new OutputTensor(name, type, dim, null, data.strings), data.strings);
        }
        int[] shape = dim.length == 0 ? new int[] {n} : dim;
        if (data.longs != null) {
            return new LegacyOutput(new OutputTensor(name, type, shape, Tensor.of(data.longs, shape), null), data.longs);
        }
        return new LegacyOutput(new OutputTensor(name, type, shape, Tensor.of(data.doubles, shape), null), data.doubles);
    }

    /** A {@code dim} array, each value converted as {@code JsonNode.asInt} would; the parser is on its start. */
    private static int[] dims(JsonParser p) throws IOException {
        int[] dim = new int[4];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (n == dim.length) {
                dim = Arrays.copyOf(dim, n * 2);
            }
            dim[n++] = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? p.getNumberValue().intValue()
                    : Values.node(p).asInt();
        }
        return Arrays.copyOf(dim, n);
    }

    /**
     * The values of one {@code data} array, read as strings ({@code String} outputs, or any whose
     * first value is text), int64 ({@code Int*}, {@code Uint*}, {@code Bool}) or float64, with the
     * conversions of Jackson's {@code asText}/{@code asLong}/{@code asDouble}; null is NaN for floats.
     */
    private static final class Values {
        List<String> strings;
        long[] longs;
        double[] doubles;
        int size;

        static Values read(JsonParser p, String type, int[] dim) throws IOException {
            long expected = 1;
            for (int d : dim) {
                expected *= d;
            }
            // dim usually comes first: then the arrays have their final size from the start
            int capacity = dim.length > 0 && expected >= 0 && expected <= 1 << 24 ? (int) expected : 16;
            Values v = new Values();
            JsonToken t = p.nextToken();
            if ("String".equals(type) || t == JsonToken.VALUE_STRING) {
                v.strings = new ArrayList<>(capacity);
            } else if (type.startsWith("Int") || type.startsWith("Uint") || type.startsWith("Bool")) {
                v.longs = new long[capacity];
            } else {
                v.doubles = new double[capacity];
            }
            for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
                v.add(p, t);
            }
            if (v.longs != null && v.longs.length != v.size) {
                v.longs = Arrays.copyOf(v.longs, v.size);
            }
            if (v.doubles != null && v.doubles.length != v.size) {
                v.doubles = Arrays.copyOf(v.doubles, v.size);
            }
            return v;
        }

        private void add(JsonParser p, JsonToken t) throws IOException {
            if (strings != null) {
                strings.add(t == JsonToken.VALUE_NULL ? null : node(p).asText());
            } else if (longs != null) {
                if (size == longs.length) {
                    longs = Arrays.copyOf(longs, Math.max(16, size * 2));
                }
                longs[size] = t == JsonToken.VALUE_NUMBER_INT ? (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue().longValue() : p.getLongValue())
                        : t == JsonToken.VALUE_NUMBER_FLOAT ? (long) p.getDoubleValue()
                        : t == JsonToken.VALUE_TRUE ? 1 : t == JsonToken.VALUE_FALSE ? 0 : node(p).asLong();
            } else {
                if (size == doubles.length) {
                    doubles = Arrays.copyOf(doubles, Math.max(16, size * 2));
                }
                doubles[size] = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue()
                        : t == JsonToken.VALUE_NULL ? Double.NaN : node(p).asDouble();
            }
            size++;
        }

        /** Anything unusual (text in a numeric output, nested arrays) converts as its JSON node would. */
        private static JsonNode node(JsonParser p) throws IOException {
            return Json.mapper().readTree(p);
        }
    }

    /** The output as a column: one row per first dimension, read straight from the decoded values. */
    private static Column legacyColumn(String name, LegacyOutput o, int rows) {
        OutputTensor t = o.tensor();
        int per = rows == 0 ? 0 : (t.tensor() != null ? t.tensor().size() : t.strings().size()) / rows;
        if (t.strings() != null) {
            if (per == 1) {
                return Column.strings(name, t.strings().toArray(new String[0]));
            }
            JsonNode[] cells = new JsonNode[rows];
            for (int r = 0; r < rows; r++) {
                cells[r] = Json.mapper().valueToTree(t.strings().subList(r * per, (r + 1) * per));
            }
            return Column.json(name, cells);
        }
        int[] cell = {per};
        if (o.values() instanceof long[]) {
            long[] all = (long[]) o.values();
            ColumnBuilder b = ColumnBuilder.tensor(name, ColumnType.INT64, true);
            for (int r = 0; r < rows; r++) {
                b.appendTensor(cell, all, r * per);
            }
            return b.build();
        }
        double[] all = (double[]) o.values();
        ColumnBuilder b = ColumnBuilder.tensor(name, ColumnType.FLOAT64, true);
        for (int r = 0; r < rows; r++) {
            b.appendTensor(cell, all, r * per);
        }
        return b.build();
    }

    /** Whether the first element of the top-level array has a legacy InferenceResult key. */
    static boolean isLegacy(byte[] body) {
        try (JsonParser p = Json.factory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (LEGACY_KEYS.contains(p.currentName())) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            throw Json.decodeFailure("inference response", e, body);
        }
    }
}
