package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few pandas behaviours omega-ml's dataset API exposes: {@code DataFrame(data, orient=...)},
 * {@code astype}, {@code append}, filter queries and {@code to_dict(orient)}, on JSON cells. It
 * knows nothing of HTTP: a failure is an {@link IllegalArgumentException} whose message is the
 * repr of the exception pandas raises (e.g. {@code KeyError('x')}), which the routes put in the
 * edition's error body.
 */
final class Pandas {
    private Pandas() {
    }

    /** A stored DataFrame: columns in order, values by column, dtypes, and index labels. */
    static final class Frame {
        final List<String> columns = new ArrayList<>();
        final Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        final Map<String, String> dtypes = new LinkedHashMap<>();
        final List<JsonNode> index = new ArrayList<>();

        int rows() {
            return index.size();
        }
    }

    /**
     * {@code DataFrame.from_dict(data, orient)}; {@code index}, when an array of the right length,
     * labels the rows of a columns-orient frame (the commercial edition sends it beside the data).
     */
    static Frame parse(JsonNode data, String orient, JsonNode index) {
        Frame f = new Frame();
        switch (orient) {
            case "dict":
            case "columns": {
                List<String> labels = null;
                for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> col = it.next();
                    List<JsonNode> vals = new ArrayList<>();
                    if (col.getValue().isArray()) {
                        col.getValue().forEach(vals::add);
                    } else if (col.getValue().isObject()) {
                        List<String> keys = new ArrayList<>();
                        col.getValue().fields().forEachRemaining(e -> {
                            keys.add(e.getKey());
                            vals.add(e.getValue());
                        });
                        labels = labels == null ? keys : labels;
                    } else {
                        throw new IllegalArgumentException("ValueError('If using all scalar values, you must pass an index')");
                    }
                    addColumn(f, col.getKey(), vals);
                }
                int n = f.columns.isEmpty() ? 0 : f.values.get(f.columns.get(0)).size();
                if (index.isArray() && index.size() == n) {
                    index.forEach(f.index::add);
                } else if (labels != null) {
                    labels.forEach(l -> f.index.add(JsonNodeFactory.instance.textNode(l)));
                } else {
                    for (int i = 0; i < n; i++) {
                        f.index.add(JsonNodeFactory.instance.numberNode(i));
                    }
                }
                break;
            }
            case "index": {
                Map<String, List<JsonNode>> cols = new LinkedHashMap<>();
                int row = 0;
                for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); row++) {
                    Map.Entry<String, JsonNode> e = it.next();
                    f.index.add(JsonNodeFactory.instance.textNode(e.getKey()));
                    final int at = row;
                    e.getValue().fields().forEachRemaining(c -> {
                        List<JsonNode> v = cols.computeIfAbsent(c.getKey(), k -> new ArrayList<>());
                        while (v.size() < at) {
                            v.add(JsonNodeFactory.instance.nullNode());
                        }
                        v.add(c.getValue());
                    });
                }
                int n = row;
                cols.forEach((k, v) -> {
                    while (v.size() < n) {
                        v.add(JsonNodeFactory.instance.nullNode());
                    }
                    addColumn(f, k, v);
                });
                break;
            }
            case "tight":
            case "split": {
                JsonNode columns = data.path("columns");
                JsonNode rows = data.path("data");
                if (!columns.isArray() || !rows.isArray()) {
                    throw new IllegalArgumentException("ValueError('" + orient + " orient needs \"columns\" and \"data\"')");
                }
                for (int c = 0; c < columns.size(); c++) {
                    List<JsonNode> v = new ArrayList<>();
                    for (JsonNode row : rows) {
                        v.add(row.path(c).isMissingNode() ? JsonNodeFactory.instance.nullNode() : row.get(c));
                    }
                    addColumn(f, columns.get(c).asText(), v);
                }
                JsonNode idx = data.path("index");
                for (int i = 0; i < rows.size(); i++) {
                    f.index.add(idx.has(i) ? idx.get(i) : JsonNodeFactory.instance.numberNode(i));
                }
                break;
            }
            default:
                throw new IllegalArgumentException("ValueError(\"Expected 'index', 'columns' or 'tight' for orient parameter. Got '" + orient + "' instead\")");
        }
        return f;
    }

    private static void addColumn(Frame f, String name, List<JsonNode> values) {
        if (!f.columns.isEmpty() && f.values.get(f.columns.get(0)).size() != values.size()) {
            throw new IllegalArgumentException("ValueError('All arrays must be of the same length')");
        }
        f.columns.add(name);
        f.values.put(name, values);
    }

    /**
     * {@code astype(dtypes)}: a column without a dtype gets the one pandas infers, or float64 when
     * {@code dtypes} is absent and {@code float64WithoutDtypes} (the open-source server casts so).
     */
    static void applyDtypes(Frame f, JsonNode dtypes, boolean float64WithoutDtypes) {
        for (String c : f.columns) {
            String dtype = dtypes != null && dtypes.has(c) ? dtypes.get(c).asText()
                    : dtypes == null && float64WithoutDtypes ? "float64" : infer(f.values.get(c));
            f.dtypes.put(c, normalise(dtype));
            List<JsonNode> vals = f.values.get(c);
            for (int i = 0; i < vals.size(); i++) {
                vals.set(i, cast(vals.get(i), f.dtypes.get(c)));
            }
        }
    }

    private static String normalise(String dtype) {
        switch (dtype) {
            case "int64": case "int32": case "int": return "int64";
            case "float64": case "float32": case "float": return "float64";
            case "str": case "object": return "object";
            case "bool": return "bool";
            case "datetime64[ns]": return "datetime64[ns]";
            default: throw new IllegalArgumentException("TypeError(\"data type '" + dtype + "' not understood\")");
        }
    }

    private static String infer(List<JsonNode> vals) {
        boolean allInt = true;
        boolean allNum = true;
        boolean allBool = true;
        for (JsonNode v : vals) {
            if (v.isNull()) {
                allInt = false;
                continue;
            }
            allInt &= v.isIntegralNumber();
            allNum &= v.isNumber();
            allBool &= v.isBoolean();
        }
        return vals.isEmpty() ? "object" : allBool && !vals.get(0).isNull() ? "bool" : allInt ? "int64" : allNum ? "float64" : "object";
    }

    private static JsonNode cast(JsonNode v, String dtype) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        switch (dtype) {
            case "int64":
                if (v.isNull()) {
                    throw new IllegalArgumentException("IntCastingNaNError('Cannot convert non-finite values (NA or inf) to integer')");
                }
                if (v.isNumber()) {
                    return n.numberNode(v.asLong());
                }
                try {
                    return n.numberNode(Long.parseLong(v.asText().trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("ValueError(\"invalid literal for int() with base 10: '" + v.asText() + "'\")");
                }
            case "float64":
                if (v.isNull()) {
                    return n.numberNode(Double.NaN);
                }
                if (v.isNumber()) {
                    return n.numberNode(v.asDouble());
                }
                try {
                    return n.numberNode(Double.parseDouble(v.asText().trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("ValueError(\"could not convert string to float: '" + v.asText() + "'\")");
                }
            case "bool":
                return v.isNull() ? n.booleanNode(false) : v.isBoolean() ? v : n.booleanNode(!v.asText().isEmpty() && !v.asText().equals("0"));
            default:
                return v;
        }
    }

    /** Appends {@code incoming}'s rows; a column only one side has is null on the other side's rows. */
    static void append(Frame existing, Frame incoming) {
        int before = existing.rows();
        for (String c : incoming.columns) {
            if (!existing.values.containsKey(c)) {
                existing.columns.add(c);
                existing.dtypes.put(c, incoming.dtypes.get(c));
                List<JsonNode> pad = new ArrayList<>();
                for (int i = 0; i < before; i++) {
                    pad.add(JsonNodeFactory.instance.nullNode());
                }
                existing.values.put(c, pad);
            }
        }
        for (String c : existing.columns) {
            List<JsonNode> add = incoming.values.get(c);
            for (int i = 0; i < incoming.rows(); i++) {
                existing.values.get(c).add(add == null ? JsonNodeFactory.instance.nullNode() : add.get(i));
            }
        }
        existing.index.addAll(incoming.index);
    }

    /** {@code to_dict(orient)}; rows are keyed 0..n-1 whatever the index labels (those are answered beside). */
    static JsonNode toDict(Frame f, String orient) {
        ObjectNode out = Json.mapper().createObjectNode();
        int n = f.rows();
        switch (orient) {
            case "dict": {
                for (String c : f.columns) {
                    // (the commercial edition's serializer then sorts these keys as strings: "0", "1", "10", ...)
                    ObjectNode col = out.putObject(c);
                    for (int i = 0; i < n; i++) {
                        col.set(Integer.toString(i), f.values.get(c).get(i));
                    }
                }
                return out;
            }
            case "list":
            case "series":
                for (String c : f.columns) {
                    ArrayNode a = out.putArray(c);
                    f.values.get(c).forEach(a::add);
                }
                return out;
            case "records": {
                ArrayNode a = Json.mapper().createArrayNode();
                for (int i = 0; i < n; i++) {
                    ObjectNode row = a.addObject();
                    for (String c : f.columns) {
                        row.set(c, f.values.get(c).get(i));
                    }
                }
                return a;
            }
            case "index":
                for (int i = 0; i < n; i++) {
                    ObjectNode row = out.putObject(Integer.toString(i));
                    for (String c : f.columns) {
                        row.set(c, f.values.get(c).get(i));
                    }
                }
                return out;
            case "split":
            case "tight": {
                ArrayNode idx = out.putArray("index");
                for (int i = 0; i < n; i++) {
                    idx.add(i);
                }
                ArrayNode cols = out.putArray("columns");
                f.columns.forEach(cols::add);
                ArrayNode data = out.putArray("data");
                for (int i = 0; i < n; i++) {
                    ArrayNode row = data.addArray();
                    for (String c : f.columns) {
                        row.add(f.values.get(c).get(i));
                    }
                }
                if (orient.equals("tight")) {
                    out.putArray("index_names").addNull();
                    out.putArray("column_names").addNull();
                }
                return out;
            }
            default:
                throw new IllegalArgumentException("ValueError(\"orient '" + orient + "' not understood\")");
        }
    }

    /**
     * The rows that pass every filter, {@code col=value} or {@code col__op=value} (ops eq, ne, lt,
     * lte, gt, gte, in, isnull, and contains/startswith/endswith on text), values cast by the
     * column's dtype. No filters: {@code f} itself.
     */
    static Frame filter(Frame f, Map<String, String> filters) {
        if (filters.isEmpty()) {
            return f;
        }
        boolean[] rows = new boolean[f.rows()];
        Arrays.fill(rows, true);
        for (Map.Entry<String, String> q : filters.entrySet()) {
            String[] parts = q.getKey().split("__", 2);
            String col = parts[0];
            String op = parts.length > 1 ? parts[1] : "eq";
            if (!f.values.containsKey(col)) {
                throw new IllegalArgumentException("KeyError('" + col + "')");
            }
            String raw = q.getValue();
            for (int i = 0; i < f.rows(); i++) {
                rows[i] &= test(f.values.get(col).get(i), op, raw, f.dtypes.get(col));
            }
        }
        Frame out = new Frame();
        out.dtypes.putAll(f.dtypes);
        for (String c : f.columns) {
            out.columns.add(c);
            out.values.put(c, new ArrayList<>());
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i]) {
                for (String c : f.columns) {
                    out.values.get(c).add(f.values.get(c).get(i));
                }
                out.index.add(f.index.get(i));
            }
        }
        return out;
    }

    private static boolean test(JsonNode v, String op, String raw, String dtype) {
        if (op.equals("isnull")) {
            return v.isNull() || (v.isDouble() && Double.isNaN(v.asDouble()));
        }
        int cmp;
        if (dtype.equals("int64") || dtype.equals("float64")) {
            double x;
            try {
                x = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ValueError(\"could not convert string to float: '" + raw + "'\")");
            }
            if (op.equals("in")) {
                for (String s : raw.split(",")) {
                    if (Double.parseDouble(s) == v.asDouble()) {
                        return true;
                    }
                }
                return false;
            }
            cmp = Double.compare(v.asDouble(), x);
        } else {
            String s = v.asText();
            switch (op) {
                case "contains": return s.contains(raw);
                case "startswith": return s.startsWith(raw);
                case "endswith": return s.endsWith(raw);
                case "in": return List.of(raw.split(",")).contains(s);
                default: cmp = s.compareTo(raw);
            }
        }
        switch (op) {
            case "eq": return cmp == 0;
            case "ne": return cmp != 0;
            case "lt": return cmp < 0;
            case "lte": return cmp <= 0;
            case "gt": return cmp > 0;
            case "gte": return cmp >= 0;
            default: throw new IllegalArgumentException("ValueError('unsupported filter operator " + op + "')");
        }
    }
}
