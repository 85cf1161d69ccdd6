package io.infer4j.omegaml.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.table.Table;
import io.infer4j.table.codec.OmegaDataset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model action works on: names of stored datasets ({@code datax}, {@code datay}, sent as
 * query parameters; column projections such as {@code sample[x]} and versions such as
 * {@code name@tag} are passed through), an inline {@link Table} of features (predict), or an
 * inline JSON body, plus any extra query parameters. Immutable.
 *
 * <pre>{@code
 * ModelInput.datasets("datax", "datay")                    // fit, score
 * ModelInput.datasets("datax")                             // predict, transform
 * ModelInput.table(features)                               // predict on rows sent inline
 * ModelInput.json(Map.of("columns", List.of("v"), "data", Map.of("v", List.of(5))))
 * }</pre>
 */
public final class ModelInput {
    private final String datax;
    private final String datay;
    private final Object body;
    private final Table table;
    private final Map<String, String> params;

    private ModelInput(String datax, String datay, Object body, Table table, Map<String, String> params) {
        this.datax = datax;
        this.datay = datay;
        this.body = body;
        this.table = table;
        this.params = Map.copyOf(params);
    }

    /** Features from a stored dataset. */
    public static ModelInput datasets(String datax) {
        return new ModelInput(requireName(datax, "datax"), null, null, null, Map.of());
    }

    /** Features and target from stored datasets. */
    public static ModelInput datasets(String datax, String datay) {
        return new ModelInput(requireName(datax, "datax"), requireName(datay, "datay"), null, null, Map.of());
    }

    /**
     * An inline JSON body (a {@code Map}, {@code List}, {@code JsonNode} or any Jackson-serialisable
     * value), e.g. {@code {"columns": [...], "data": {...}}} for predict, {@code {"prompt": ...}}
     * for complete.
     */
    public static ModelInput json(Object body) {
        return new ModelInput(null, null, Objects.requireNonNull(body, "body"), null, Map.of());
    }

    /**
     * Features sent inline as {@code {"columns": [...], "data": {col: [values]}}}: the body the
     * servers' {@code predict} reads (timestamps as ISO-8601 strings, NaN as null; the index is not
     * sent). Only {@code predict} reads inline rows; the other actions, and the target of
     * {@code fit}/{@code score}, read stored datasets only, so write those with
     * {@code datasets().put} and name them with {@link #datasets(String, String)}.
     */
    public static ModelInput table(Table features) {
        return new ModelInput(null, null, inlineBody(requireColumns(features), null), features, Map.of());
    }

    /**
     * Features of one tensor column, each cell reshaped by the server to {@code shape} and the
     * cells stacked into one array ({@code "shape"} in the body; image models).
     */
    public static ModelInput table(Table features, int... shape) {
        if (requireColumns(features).columnCount() != 1) {
            throw new IllegalArgumentException("a shape needs exactly one column, got " + features.columnNames());
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException("shape must have at least one dimension");
        }
        return new ModelInput(null, null, inlineBody(features, shape), features, Map.of());
    }

    private static Table requireColumns(Table features) {
        if (Objects.requireNonNull(features, "features").columnCount() == 0) {
            throw new IllegalArgumentException("features must have at least one column");
        }
        return features;
    }

    private static JsonNode inlineBody(Table features, int[] shape) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode columns = body.putArray("columns");
        features.columnNames().forEach(columns::add);
        // The envelope codec's dict-of-lists layout is exactly the "data" predict expects.
        body.set("data", Json.readTree(OmegaDataset.of(features).withOrient("list").toBytes(), "inline features").get("data"));
        if (shape != null) {
            ArrayNode dims = body.putArray("shape");
            for (int d : shape) {
                dims.add(d);
            }
        }
        return body;
    }

    /** This input plus one more query parameter (passed to the model as a keyword argument). */
    public ModelInput param(String name, String value) {
        if (name == null || name.isBlank() || value == null) {
            throw new IllegalArgumentException("parameter name and value must not be null or blank");
        }
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(name, value);
        return new ModelInput(datax, datay, body, table, p);
    }

    /** The features dataset name, if any. */
    public Optional<String> datax() {
        return Optional.ofNullable(datax);
    }

    /** The target dataset name, if any. */
    public Optional<String> datay() {
        return Optional.ofNullable(datay);
    }

    /** The inline body, if any. */
    public Optional<Object> body() {
        return Optional.ofNullable(body);
    }

    /** The inline features table, if any. */
    public Optional<Table> table() {
        return Optional.ofNullable(table);
    }

    /** Extra query parameters. */
    public Map<String, String> params() {
        return params;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must name a dataset, was " + (name == null ? "null" : "blank"));
        }
        return name;
    }

    @Override
    public String toString() {
        return "ModelInput[" + (datax != null ? "datax=" + datax
                : table != null ? "table=" + table.rowCount() + "x" + table.columnCount() : "inline")
                + (datay != null ? ", datay=" + datay : "") + (params.isEmpty() ? "" : ", params=" + params.keySet()) + "]";
    }
}
