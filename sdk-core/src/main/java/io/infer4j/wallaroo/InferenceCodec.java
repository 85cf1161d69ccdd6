package io.infer4j.wallaroo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.internal.Json;
import io.infer4j.table.Column;
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
        return isLegacy(body) ? legacy(Json.readTree(body, "inference response")) : records(body);
    }

    static InferenceResult records(byte[] body) {
        Table table = PandasRecords.read(body, RECORDS);
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

    static InferenceResult legacy(JsonNode root) {
        if (!root.isArray()) {
            throw new DecodeException("Cannot decode legacy inference result: expected a JSON array");
        }
        Map<String, OutputTensor> outputs = new LinkedHashMap<>();
        List<Table> tables = new ArrayList<>();
        List<JsonNode> headers = new ArrayList<>();
        for (int k = 0; k < root.size(); k++) {
            JsonNode result = root.get(k);
            JsonNode outs = result.path("outputs");
            List<Column> columns = new ArrayList<>();
            int rows = -1;
            for (int i = 0; i < outs.size(); i++) {
                String name = (k == 0 ? "" : "result" + k + ".") + "output_" + i;
                OutputTensor t = legacyOutput(name, outs.get(i), "[" + k + "].outputs[" + i + "]");
                outputs.put(name, t);
                int r = t.shape().length == 0 ? 1 : t.shape()[0];
                if (rows >= 0 && r != rows) {
                    throw new DecodeException("Cannot decode legacy inference result: outputs have " + rows + " and " + r
                            + " rows", "[" + k + "].outputs[" + i + "].dim", -1, null);
                }
                rows = r;
                columns.add(legacyColumn("out." + name.substring(name.lastIndexOf('.') + 1), t, rows));
            }
            rows = Math.max(rows, 0);
            Instant[] times = new Instant[rows];
            Arrays.fill(times, result.hasNonNull("time") ? Instant.ofEpochMilli(result.get("time").asLong()) : null);
            columns.add(0, Column.timestamps("time", times));
            tables.add(Table.of(columns));
            ObjectNode header = ((ObjectNode) result.deepCopy());
            header.remove("outputs");
            headers.add(header);
        }
        Table table = tables.size() == 1 ? tables.get(0) : Table.concat(tables);
        return new InferenceResult(InferenceResult.Format.LEGACY, table, outputs, headers);
    }

    private static OutputTensor legacyOutput(String name, JsonNode output, String where) {
        if (!output.isObject() || output.size() != 1) {
            throw new DecodeException("Cannot decode legacy inference result: " + where
                    + " should be an object with one type key such as Float", where, -1, null);
        }
        String type = output.fieldNames().next();
        JsonNode t = output.get(type);
        JsonNode data = t.path("data");
        int[] dim = new int[t.path("dim").size()];
        long count = 1;
        for (int d = 0; d < dim.length; d++) {
            dim[d] = t.get("dim").get(d).asInt();
            count *= dim[d];
        }
        if (!data.isArray() || data.size() != count) {
            throw new DecodeException("Cannot decode legacy inference result: " + where + "." + type + " has dim "
                    + Arrays.toString(dim) + " but " + data.size() + " values", where + "." + type + ".data", -1, null);
        }
        if ("String".equals(type) || (data.size() > 0 && data.get(0).isTextual())) {
            List<String> s = new ArrayList<>(data.size());
            data.forEach(v -> s.add(v.isNull() ? null : v.asText()));
            return new OutputTensor(name, type, dim, null, s);
        }
        int[] shape = dim.length == 0 ? new int[] {data.size()} : dim;
        if (type.startsWith("Int") || type.startsWith("Uint") || type.startsWith("Bool")) {
            long[] v = new long[data.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode n = data.get(i);
                v[i] = n.isBoolean() ? (n.asBoolean() ? 1 : 0) : n.asLong();
            }
            return new OutputTensor(name, type, shape, Tensor.of(v, shape), null);
        }
        double[] v = new double[data.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode n = data.get(i);
            v[i] = n.isNull() ? Double.NaN : n.asDouble();
        }
        return new OutputTensor(name, type, shape, Tensor.of(v, shape), null);
    }

    /** The output as a column: one row per first dimension. */
    private static Column legacyColumn(String name, OutputTensor t, int rows) {
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
        boolean integral = t.tensor().elementType() == ColumnType.INT64;
        if (integral) {
            long[] all = t.tensor().toLongArray();
            long[][] cells = new long[rows][];
            for (int r = 0; r < rows; r++) {
                cells[r] = Arrays.copyOfRange(all, r * per, (r + 1) * per);
            }
            return Column.tensor(name, cells);
        }
        double[] all = t.tensor().toDoubleArray();
        double[][] cells = new double[rows][];
        for (int r = 0; r < rows; r++) {
            cells[r] = Arrays.copyOfRange(all, r * per, (r + 1) * per);
        }
        return Column.tensor(name, cells);
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
