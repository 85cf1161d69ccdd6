package io.infer4j.table.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.table.Column;
import io.infer4j.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One element of Wallaroo's legacy InferenceResult response (edge {@code /infer}, Inference
 * Server, pre-Arrow Ops). Fields absent from the body are null (so re-encoding leaves them out);
 * a JSON {@code null} is a JSON null node.
 *
 * @param modelName     {@code model_name}
 * @param modelVersion  {@code model_version}
 * @param pipelineName  {@code pipeline_name}
 * @param outputs       {@code outputs}, in order (outputs carry no names)
 * @param elapsed       {@code elapsed}: an integer (2022) or an array of nanosecond timings (2023+)
 * @param time          {@code time}, epoch milliseconds
 * @param checkFailures {@code check_failures}
 * @param shadowData    {@code shadow_data}: challenger model name to its outputs
 * @param originalData  {@code original_data}: the request echoed back, or null
 */
public record InferenceResult(String modelName, String modelVersion, String pipelineName, List<OutputTensor> outputs,
        JsonNode elapsed, Long time, JsonNode checkFailures, Map<String, List<OutputTensor>> shadowData,
        JsonNode originalData) {

    /** Copies the lists. */
    public InferenceResult {
        outputs = outputs == null ? null : List.copyOf(outputs);
        shadowData = shadowData == null ? null : Map.copyOf(shadowData);
    }

    /** The outputs as a table with columns {@code output_0}, {@code output_1}, ... */
    public Table toTable() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            names.add("output_" + i);
        }
        return toTable(names);
    }

    /**
     * The outputs as a table, one column per output named in order (e.g. the model's output
     * names sorted alphabetically, which is the order Wallaroo used in recordings). Every output
     * must have the same first dimension (the rows); see {@link OutputTensor#toColumn(String)}.
     *
     * @throws IllegalArgumentException when the names do not match the outputs or the row counts differ
     */
    public Table toTable(List<String> names) {
        if (names.size() != outputs.size()) {
            throw new IllegalArgumentException(outputs.size() + " outputs but " + names.size() + " names");
        }
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            cols.add(outputs.get(i).toColumn(names.get(i)));
        }
        return Table.of(cols);
    }
}
