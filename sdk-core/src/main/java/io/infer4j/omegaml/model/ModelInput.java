package io.infer4j.omegaml.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model action works on: names of stored datasets ({@code datax}, {@code datay}, sent as
 * query parameters; column projections such as {@code sample[x]} and versions such as
 * {@code name@tag} are passed through), or an inline JSON body, plus any extra query parameters.
 * Immutable.
 *
 * <pre>{@code
 * ModelInput.datasets("datax", "datay")                    // fit, score
 * ModelInput.datasets("datax")                             // predict, transform
 * ModelInput.json(Map.of("columns", List.of("v"), "data", Map.of("v", List.of(5))))
 * }</pre>
 */
public final class ModelInput {
    private final String datax;
    private final String datay;
    private final Object body;
    private final Map<String, String> params;

    private ModelInput(String datax, String datay, Object body, Map<String, String> params) {
        this.datax = datax;
        this.datay = datay;
        this.body = body;
        this.params = Map.copyOf(params);
    }

    /** Features from a stored dataset. */
    public static ModelInput datasets(String datax) {
        return new ModelInput(requireName(datax, "datax"), null, null, Map.of());
    }

    /** Features and target from stored datasets. */
    public static ModelInput datasets(String datax, String datay) {
        return new ModelInput(requireName(datax, "datax"), requireName(datay, "datay"), null, Map.of());
    }

    /**
     * An inline JSON body (a {@code Map}, {@code List}, {@code JsonNode} or any Jackson-serialisable
     * value), e.g. {@code {"columns": [...], "data": {...}}} for predict, {@code {"prompt": ...}}
     * for complete.
     */
    public static ModelInput json(Object body) {
        return new ModelInput(null, null, Objects.requireNonNull(body, "body"), Map.of());
    }

    /** This input plus one more query parameter (passed to the model as a keyword argument). */
    public ModelInput param(String name, String value) {
        if (name == null || name.isBlank() || value == null) {
            throw new IllegalArgumentException("parameter name and value must not be null or blank");
        }
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(name, value);
        return new ModelInput(datax, datay, body, p);
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
        return "ModelInput[" + (datax != null ? "datax=" + datax : "inline")
                + (datay != null ? ", datay=" + datay : "") + (params.isEmpty() ? "" : ", params=" + params.keySet()) + "]";
    }
}
