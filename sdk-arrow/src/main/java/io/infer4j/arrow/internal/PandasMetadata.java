package io.infer4j.arrow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.table.Column;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.TensorColumn;
import io.infer4j.table.TimestampColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code pandas} schema metadata pyarrow writes and reads ({@code pyarrow/pandas_compat.py}):
 * which fields are the index, the index's names, and a pandas dtype per column. Written only for
 * a table with a non-default index, since without it pandas' default RangeIndex is what
 * {@code to_pandas()} gives anyway; read to restore the index.
 */
final class PandasMetadata {
    static final String KEY = "pandas";

    private PandasMetadata() {
    }

    /** Schema metadata for {@code table} with its index written as {@code levels} (empty map: none needed). */
    static Map<String, String> write(Table table, List<Column> levels) {
        Index index = table.index().orElse(null);
        if (index == null || index.isDefaultRange()) {
            return Map.of();
        }
        ObjectNode root = JsonText.MAPPER.createObjectNode();
        ArrayNode indexColumns = root.putArray("index_columns");
        if (index.kind() == Index.Kind.RANGE) {
            ObjectNode r = indexColumns.addObject();
            r.put("kind", "range");
            putName(r, index.names().isEmpty() ? null : index.names().get(0));
            r.put("start", index.rangeStart());
            r.put("stop", index.rangeStart() + index.rangeStep() * index.size());
            r.put("step", index.rangeStep());
        } else {
            for (int i = 0; i < levels.size(); i++) {
                indexColumns.add(ToArrow.indexField(i));
            }
        }
        ObjectNode ci = root.putArray("column_indexes").addObject();
        ci.putNull("name");
        ci.putNull("field_name");
        ci.put("pandas_type", "unicode");
        ci.put("numpy_type", "object");
        ci.putObject("metadata").put("encoding", "UTF-8");
        ArrayNode columns = root.putArray("columns");
        for (Column c : table.columns()) {
            describe(columns.addObject(), c.name(), c.name(), c);
        }
        for (int i = 0; i < levels.size(); i++) {
            String name = i < index.names().size() ? index.names().get(i) : null;
            describe(columns.addObject(), name, ToArrow.indexField(i), levels.get(i));
        }
        root.putObject("creator").put("library", "infer4j").put("version", version());
        root.put("pandas_version", "2.2.0");
        try {
            return Map.of(KEY, JsonText.MAPPER.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new Infer4jException("cannot write pandas metadata", e);
        }
    }

    private static String version() {
        String v = PandasMetadata.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static void putName(ObjectNode o, String name) {
        if (name == null) {
            o.putNull("name");
        } else {
            o.put("name", name);
        }
    }

    private static void describe(ObjectNode o, String name, String field, Column c) {
        putName(o, name);
        o.put("field_name", field);
        String[] types = switch (c.type()) {
            case INT64 -> new String[] {"int64", "int64"};
            case FLOAT64 -> new String[] {"float64", "float64"};
            case FLOAT32 -> new String[] {"float32", "float32"};
            case BOOL -> new String[] {"bool", "bool"};
            case STRING, JSON -> new String[] {"unicode", "object"};
            case TIMESTAMP -> new String[] {((TimestampColumn) c).zone().isPresent() ? "datetimetz" : "datetime", "datetime64[ns]"};
            case TENSOR -> new String[] {"list[" + switch (((TensorColumn) c).elementType()) {
                case INT64 -> "int64";
                case FLOAT32 -> "float32";
                default -> "float64";
            } + "]", "object"};
        };
        o.put("pandas_type", types[0]);
        o.put("numpy_type", types[1]);
        if (c instanceof TimestampColumn t && t.zone().isPresent()) {
            o.putObject("metadata").put("timezone", ToArrow.zoneName(t.zone().get()));
        } else {
            o.putNull("metadata");
        }
    }

    /** What the metadata says about the index: the fields holding its levels, or a range. */
    record IndexSpec(List<String> fields, List<String> names, Index range) {
    }

    /** The index described by {@code json} for a table of {@code rows}, or null for none or the default range. */
    static IndexSpec read(String json, int rows) {
        JsonNode root;
        try {
            root = JsonText.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DecodeException("the schema's pandas metadata is not JSON", "schema metadata 'pandas'", -1, e);
        }
        JsonNode indexColumns = root == null ? null : root.get("index_columns");
        if (indexColumns == null || !indexColumns.isArray() || indexColumns.isEmpty()) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode ic : indexColumns) {
            if (ic.isTextual()) {
                fields.add(ic.asText());
                names.add(nameOf(root, ic.asText()));
            } else if (ic.isObject() && "range".equals(ic.path("kind").asText())) {
                if (indexColumns.size() != 1) {
                    throw new DecodeException("a range index level inside a multi-level index", "schema metadata 'pandas'", -1, null);
                }
                long start = ic.path("start").asLong(0);
                long step = ic.path("step").asLong(1);
                if (step == 0) {
                    throw new DecodeException("range index with step 0", "schema metadata 'pandas'", -1, null);
                }
                String name = ic.path("name").isTextual() ? ic.path("name").asText() : null;
                if (start == 0 && step == 1 && name == null) {
                    return null;
                }
                Index range = Index.range(start, step, rows);
                return new IndexSpec(List.of(), List.of(), name == null ? range : range.withNames(List.of(name)));
            } else {
                throw new DecodeException("index_columns entry " + ic + " is neither a field name nor a range",
                        "schema metadata 'pandas'", -1, null);
            }
        }
        return new IndexSpec(fields, names, null);
    }

    private static String nameOf(JsonNode root, String field) {
        for (JsonNode c : root.path("columns")) {
            if (field.equals(c.path("field_name").asText(null))) {
                return c.path("name").isTextual() ? c.path("name").asText() : null;
            }
        }
        return field.startsWith("__index_level_") ? null : field;
    }
}
