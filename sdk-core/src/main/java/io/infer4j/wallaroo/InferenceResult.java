package io.infer4j.wallaroo;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.table.Column;
import io.infer4j.table.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pipeline answered, decoded from either body Wallaroo sends:
 * <ul>
 *   <li><b>pandas-records</b> (2023.1+): one record per input row. {@link #table()} has
 *       {@code time} as a timestamp column, then {@code in.*}, {@code out.*}, {@code anomaly.*}
 *       (2024+) or {@code check_failures} (2023), {@code metadata.*}, and {@code out_<shadow>.*}
 *       for shadow deployments; nested and pre-flattened ({@code dataset.separator}) bodies give
 *       the same columns.</li>
 *   <li><b>legacy InferenceResult</b> (pre-Arrow Ops, edge {@code /infer}, Inference Server):
 *       {@code [{"outputs": [...], "elapsed": ..., "model_name": ..., ...}]} with typed
 *       tensors carrying a {@code dim}; {@link #table()} has {@code time} and one
 *       {@code out.output_<i>} column per output, one row per first dimension, and
 *       {@link #legacyResults()} every field of each object.</li>
 *   <li><b>Arrow IPC file</b> ({@code application/vnd.apache.arrow.file}, with
 *       {@code io.infer4j:sdk-arrow}): flattened columns ({@code time}, {@code in.*},
 *       {@code out.*}, ...), decoded into the same table and outputs as pandas-records.</li>
 * </ul>
 * {@link #outputs()} gives each model output as one typed tensor in both cases. An answer saved
 * from Wallaroo decodes with {@link #read(byte[])} as it does from the wire, and
 * {@link #toBytes()} writes it back. Immutable and thread-safe (JSON nodes handed out must not be
 * modified).
 */
public final class InferenceResult {
    /** Which body shape was decoded. */
    public enum Format {
        /** {@code application/json; format=pandas-records}. */
        PANDAS_RECORDS,
        /** The pre-Arrow {@code [{"outputs": [...], "elapsed": ..., ...}]} body. */
        LEGACY,
        /**
         * An Apache Arrow IPC file, {@code application/vnd.apache.arrow.file}, decoded by
         * {@code io.infer4j:sdk-arrow}; its table is what the pandas-records answer of the same
         * content gives.
         */
        ARROW
    }

    private final Format format;
    private final Table table;
    private final Map<String, OutputTensor> outputs;
    private final List<LegacyResult> legacyResults;

    InferenceResult(Format format, Table table, Map<String, OutputTensor> outputs, List<LegacyResult> legacyResults) {
        this.format = format;
        this.table = table;
        this.outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.legacyResults = List.copyOf(legacyResults);
    }

    /**
     * Decodes an answer body: an Arrow IPC file (told by its magic {@code ARROW1}; needs
     * sdk-arrow), pandas-records, or a legacy InferenceResult array (told apart by the first
     * object's keys; a lone legacy object is accepted too).
     *
     * @throws io.infer4j.core.error.DecodeException naming the place (e.g. {@code [0].outputs[1].Int64}) and offset
     * @throws io.infer4j.core.error.ConfigurationException for an Arrow body without {@code io.infer4j:sdk-arrow}
     */
    public static InferenceResult read(byte[] body) {
        return InferenceCodec.decode(body);
    }

    /** Reads the whole stream (not closed) and decodes it as {@link #read(byte[])} does. */
    public static InferenceResult read(InputStream in) {
        try {
            return read(in.readAllBytes());
        } catch (IOException e) {
            throw io.infer4j.core.internal.Json.decodeFailure(InferenceCodec.FORMAT, e, null);
        }
    }

    /**
     * Writes the answer as Wallaroo sends it: a legacy result as the legacy JSON array (fields
     * absent from the decoded body are left out; {@code Float} values written widened to double,
     * as Wallaroo writes them, so they read back to the same float32), a pandas-records result as
     * records with flattened keys ({@code "out.dense_1"}, as sent with {@code dataset.separator=.})
     * and {@code time} in epoch milliseconds, an Arrow result as an Arrow IPC file (through
     * sdk-arrow). Each reads back into an equal result. The stream is flushed, not closed.
     *
     * @throws io.infer4j.core.error.ConfigurationException for an Arrow result without {@code io.infer4j:sdk-arrow}
     */
    public void write(OutputStream out) {
        InferenceCodec.write(this, out);
    }

    /** {@link #write(OutputStream)} into a byte array. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
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
        for (LegacyResult r : legacyResults) {
            n += r.checkFailures().map(JsonNode::size).orElse(0);
        }
        return n;
    }

    /** For a legacy answer, each object of the array in order; empty for pandas-records. */
    public List<LegacyResult> legacyResults() {
        return legacyResults;
    }

    /** Equal when the format, table, outputs and legacy fields are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof InferenceResult r && r.format == format && r.table.equals(table) && r.outputs.equals(outputs)
                && r.legacyResults.equals(legacyResults);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, table, outputs.keySet());
    }

    @Override
    public String toString() {
        return "InferenceResult[" + format + ", " + table.rowCount() + " rows, outputs=" + outputs.keySet() + "]";
    }

    /**
     * One object of a legacy answer: what one model returned for the request, with the fields
     * Wallaroo sends beside the outputs. A field absent from the body is an empty {@code Optional}
     * (and is left out when the answer is written again); a JSON {@code null} is a null node.
     */
    public static final class LegacyResult {
        private final String modelName;
        private final String modelVersion;
        private final String pipelineName;
        private final List<OutputTensor> outputs;
        private final JsonNode elapsed;
        private final Instant time;
        private final JsonNode checkFailures;
        private final Map<String, List<OutputTensor>> shadowData;
        private final JsonNode originalData;
        private final Map<String, JsonNode> additionalProperties;

        LegacyResult(String modelName, String modelVersion, String pipelineName, List<OutputTensor> outputs, JsonNode elapsed,
                Instant time, JsonNode checkFailures, Map<String, List<OutputTensor>> shadowData, JsonNode originalData,
                Map<String, JsonNode> additionalProperties) {
            this.modelName = modelName;
            this.modelVersion = modelVersion;
            this.pipelineName = pipelineName;
            this.outputs = List.copyOf(outputs);
            this.elapsed = elapsed;
            this.time = time;
            this.checkFailures = checkFailures;
            Map<String, List<OutputTensor>> shadow = null;
            if (shadowData != null) {
                shadow = new LinkedHashMap<>();
                for (Map.Entry<String, List<OutputTensor>> e : shadowData.entrySet()) {
                    shadow.put(e.getKey(), List.copyOf(e.getValue()));
                }
                shadow = java.util.Collections.unmodifiableMap(shadow);
            }
            this.shadowData = shadow;
            this.originalData = originalData;
            this.additionalProperties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(additionalProperties));
        }

        /** {@code model_name}. */
        public Optional<String> modelName() {
            return Optional.ofNullable(modelName);
        }

        /** {@code model_version} (a UUID). */
        public Optional<String> modelVersion() {
            return Optional.ofNullable(modelVersion);
        }

        /** {@code pipeline_name}. */
        public Optional<String> pipelineName() {
            return Optional.ofNullable(pipelineName);
        }

        /** {@code outputs}, in the order sent (they carry no names; see {@link #toTable(List)}). */
        public List<OutputTensor> outputs() {
            return outputs;
        }

        /** {@code elapsed}: an integer (2022) or an array of nanosecond timings (2023+: input, then one per step). */
        public Optional<JsonNode> elapsed() {
            return Optional.ofNullable(elapsed);
        }

        /** {@code time}, sent as epoch milliseconds. */
        public Optional<Instant> time() {
            return Optional.ofNullable(time);
        }

        /** {@code check_failures}: an array, empty when no validation fired. */
        public Optional<JsonNode> checkFailures() {
            return Optional.ofNullable(checkFailures);
        }

        /** {@code shadow_data}: each challenger model's outputs, by model name (empty when absent). */
        public Map<String, List<OutputTensor>> shadowData() {
            return shadowData == null ? Map.of() : shadowData;
        }

        /** Whether the body had a {@code shadow_data} field (for writing it back as sent). */
        boolean hasShadowData() {
            return shadowData != null;
        }

        /** {@code original_data}: the request echoed back, or a null node ("may be too long"). */
        public Optional<JsonNode> originalData() {
            return Optional.ofNullable(originalData);
        }

        /** Fields infer4j has no accessor for, as sent (servers add fields over time). */
        public Map<String, JsonNode> additionalProperties() {
            return additionalProperties;
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
         * names sorted alphabetically, the order Wallaroo used in the recordings); see
         * {@link OutputTensor#toColumn(String)} for the column each output becomes.
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
            return cols.isEmpty() ? Table.empty(0) : Table.of(cols);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LegacyResult r && Objects.equals(r.modelName, modelName)
                    && Objects.equals(r.modelVersion, modelVersion) && Objects.equals(r.pipelineName, pipelineName)
                    && r.outputs.equals(outputs) && Objects.equals(r.elapsed, elapsed) && Objects.equals(r.time, time)
                    && Objects.equals(r.checkFailures, checkFailures) && Objects.equals(r.shadowData, shadowData)
                    && Objects.equals(r.originalData, originalData) && r.additionalProperties.equals(additionalProperties);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modelName, modelVersion, pipelineName, outputs, time);
        }

        @Override
        public String toString() {
            return "LegacyResult[" + (modelName == null ? "" : modelName + ", ") + outputs + "]";
        }
    }
}
