package io.infer4j.omegaml.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.DecodeException;
import java.util.Optional;

/**
 * The answer to a model action. The open-source server sends {@code {"model", "result",
 * "resource_uri"}}, the commercial guide {@code {"datax", "datay", "result"}}; both map here.
 * {@link #result()} is the raw value; the {@code as...} methods decode its common shapes.
 *
 * @param model       the model name as requested (e.g. {@code regression@commit1}), or {@code null}
 * @param result      the action's result (JSON null when absent)
 * @param resourceUri the open-source server's {@code resource_uri} (it holds the model name), or {@code null}
 * @param datax       the commercial edition's echo of {@code datax}, or {@code null}
 * @param datay       the commercial edition's echo of {@code datay}, or {@code null}
 */
public record ModelResult(String model, JsonNode result, String resourceUri, String datax, String datay) {

    /** The model name, if the server echoed it. */
    public Optional<String> modelName() {
        return Optional.ofNullable(model);
    }

    /**
     * The result as a flat array of numbers (predict, transform, decision_function on the
     * open-source server, which flattens arrays). Nested arrays are flattened in row order; JSON
     * {@code null}, {@code NaN} and {@code "NaN"} become {@link Double#NaN}.
     *
     * @throws DecodeException the result is not an array of numbers
     */
    public double[] asDoubles() {
        if (!result.isArray()) {
            throw notA("an array of numbers");
        }
        java.util.List<JsonNode> leaves = new java.util.ArrayList<>();
        flatten(result, leaves);
        double[] out = new double[leaves.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = leaves.get(i);
            if (v.isNumber()) {
                out[i] = v.doubleValue();
            } else if (v.isNull() || (v.isTextual() && v.asText().equalsIgnoreCase("nan"))) {
                out[i] = Double.NaN;
            } else {
                throw new DecodeException("Cannot decode model result: element " + i + " is "
                        + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ", not a number");
            }
        }
        return out;
    }

    /**
     * The result as a table, where it is tabular: a dataset envelope ({@code data} with
     * {@code index}/{@code dtypes}; index and types restored), a dict of columns, a list of
     * records (a DataFrame result), a list of rows (columns {@code "0"}, {@code "1"}, ...) or a flat
     * list (one column {@code "0"}), as {@code pd.DataFrame(result)} would read it.
     *
     * @throws DecodeException the result is not tabular (a number, a string, ragged rows, ...)
     */
    public io.infer4j.table.Table asTable() {
        return ResultTables.table(result);
    }

    /** The result as one number (e.g. {@code score}). @throws DecodeException if it is not a number */
    public double asDouble() {
        if (result.isNumber()) {
            return result.doubleValue();
        }
        throw notA("a number");
    }

    /**
     * The result as text: a string result as is (a label such as {@code tulips}, the commercial
     * fit's {@code ok}, the open-source fit's metadata description); any other JSON as JSON text.
     */
    public String asText() {
        return result.isTextual() ? result.asText() : result.toString();
    }

    private static void flatten(JsonNode n, java.util.List<JsonNode> out) {
        if (n.isArray()) {
            n.forEach(e -> flatten(e, out));
        } else {
            out.add(n);
        }
    }

    private DecodeException notA(String what) {
        String kind = result.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        return new DecodeException("Cannot decode model result as " + what + ": it is " + kind);
    }
}
