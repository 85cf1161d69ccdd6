package io.infer4j.wallaroo;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.table.Column;
import io.infer4j.table.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline answered, decoded from either body Wallaroo sends:
 * <ul>
 *   <li><b>pandas-records</b> (2023.1+): one record per input row. {@link #table()} has
 *       {@code time} as a timestamp column, then {@code in.*}, {@code out.*}, {@code anomaly.*}
 *       (2024+) or {@code check_failures} (2023), {@code metadata.*}, and {@code out_<shadow>.*}
 *       for shadow deployments; nested and pre-flattened ({@code dataset.separator}) bodies give
 *       the same columns.</li>
 *   <li><b>legacy InferenceResult</b> (pre-Arrow, edge and Inference Server): {@code outputs}
 *       tensors with {@code dim}/{@code data}; {@link #table()} has {@code time} and one
 *       {@code out.output_<i>} column per output, one row per first dimension.</li>
 * </ul>
 * {@link #outputs()} gives each model output as one typed tensor in both cases.
 */
public final class InferenceResult {
    /** Which body shape was decoded. */
    public enum Format {
        /** {@code application/json; format=pandas-records}. */
        PANDAS_RECORDS,
        /** The pre-Arrow {@code [{"outputs": [...], "elapsed": ..., ...}]} body. */
        LEGACY
    }

    private final Format format;
    private final Table table;
    private final Map<String, OutputTensor> outputs;
    private final List<JsonNode> legacyHeaders;

    InferenceResult(Format format, Table table, Map<String, OutputTensor> outputs, List<JsonNode> legacyHeaders) {
        this.format = format;
        this.table = table;
        this.outputs = Map.copyOf(outputs);
        this.legacyHeaders = List.copyOf(legacyHeaders);
    }

    /** The body shape that was decoded. */
    public Format format() {
        return format;
    }

    /** One row per result row. */
    public Table table() {
        return table;
    }

    /** Number of result rows. */
    public int rowCount() {
        return table.rowCount();
    }

    /** Every model output by name (without the {@code out.} prefix), in column order. */
    public Map<String, OutputTensor> outputs() {
        return outputs;
    }

    /** One output by name ({@code dense_1}); legacy outputs are {@code output_0}, {@code output_1}, ... */
    public Optional<OutputTensor> output(String name) {
        return Optional.ofNullable(outputs.get(name));
    }

    /**
     * How many validation failures were reported: the sum of {@code anomaly.count} (2024+) or of
     * the {@code check_failures} list lengths (2023 and legacy).
     */
    public long anomalyCount() {
        long n = 0;
        if (table.hasColumn("anomaly.count")) {
            Column c = table.column("anomaly.count");
            for (int r = 0; r < c.size(); r++) {
                n += c.isNull(r) ? 0 : c.toJson(r).asLong();
            }
        } else if (table.hasColumn("check_failures")) {
            Column c = table.column("check_failures");
            for (int r = 0; r < c.size(); r++) {
                n += c.isNull(r) ? 0 : c.toJson(r).size();
            }
        }
        return n;
    }

    /**
     * For legacy bodies, each result object without its {@code outputs}: {@code model_name},
     * {@code model_version}, {@code pipeline_name}, {@code elapsed}, {@code shadow_data},
     * {@code check_failures}, {@code original_data}, ... Empty for pandas-records.
     */
    public List<JsonNode> legacyHeaders() {
        return legacyHeaders;
    }

    @Override
    public String toString() {
        return "InferenceResult[" + format + ", " + table.rowCount() + " rows, outputs=" + outputs.keySet() + "]";
    }
}
