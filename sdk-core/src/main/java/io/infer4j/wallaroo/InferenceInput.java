package io.infer4j.wallaroo;

import io.infer4j.core.internal.Json;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;

/**
 * The body of an inference request, in one of the formats Wallaroo accepts:
 * <ul>
 *   <li>{@link #table(Table)}: pandas-records, {@code application/json; format=pandas-records}
 *       (Arrow-enabled servers, 2023.1+);</li>
 *   <li>{@link #tensors(Map)}: legacy tensor JSON {@code {"input": [[...], ...]}}, {@code application/json};</li>
 *   <li>{@link #raw(byte[], String)}: bytes you encoded yourself (e.g. an Arrow IPC file with
 *       {@code application/vnd.apache.arrow.file}).</li>
 * </ul>
 */
public final class InferenceInput {
    /** pandas-records media type. */
    public static final String PANDAS_RECORDS = "application/json; format=pandas-records";
    /** Plain JSON (legacy tensor) media type. */
    public static final String JSON = "application/json";

    private static final MediaType PANDAS_RECORDS_TYPE = MediaType.get(PANDAS_RECORDS);
    private static final MediaType JSON_TYPE = MediaType.get(JSON);

    private final Table table;
    private final Object tensors;
    private final byte[] raw;
    private final String contentType;

    private InferenceInput(Table table, Object tensors, byte[] raw, String contentType) {
        this.table = table;
        this.tensors = tensors;
        this.raw = raw;
        this.contentType = contentType;
    }

    /** A table sent as pandas-records. */
    public static InferenceInput table(Table table) {
        return new InferenceInput(Objects.requireNonNull(table, "table"), null, null, PANDAS_RECORDS);
    }

    /**
     * Legacy tensor JSON: each key an input name, each value rows x features ({@code double[][]},
     * {@code long[][]}, lists, or a Jackson {@code JsonNode}).
     */
    public static InferenceInput tensors(Map<String, ?> tensors) {
        if (Objects.requireNonNull(tensors, "tensors").isEmpty()) {
            throw new IllegalArgumentException("tensors must name at least one input");
        }
        return new InferenceInput(null, Map.copyOf(tensors), null, JSON);
    }

    /** Bytes sent as they are, with this content type (e.g. a pandas-records file read from disk). */
    public static InferenceInput raw(byte[] body, String contentType) {
        Objects.requireNonNull(body, "body");
        Workspaces.requireText(contentType, "contentType");
        return new InferenceInput(null, null, body.clone(), contentType);
    }

    /** Bytes this package encoded itself and never touches again: sent without {@link #raw}'s defensive copy. */
    static InferenceInput encoded(byte[] body, String contentType) {
        return new InferenceInput(null, null, body, contentType);
    }

    /** The table, for table inputs (used by {@code parallelInfer} to split by rows). */
    Table tableOrNull() {
        return table;
    }

    /** The Content-Type header. */
    public String contentType() {
        return contentType;
    }

    /** The Content-Type, parsed (the two common ones once, not per call). */
    MediaType mediaType() {
        return contentType.equals(PANDAS_RECORDS) ? PANDAS_RECORDS_TYPE : contentType.equals(JSON) ? JSON_TYPE
                : MediaType.get(contentType);
    }

    /** The encoded body. */
    byte[] encode() {
        if (table != null) {
            return PandasRecords.toBytes(table);
        }
        return tensors != null ? Json.write(tensors) : raw;
    }

    @Override
    public String toString() {
        return "InferenceInput[" + contentType + (table != null ? ", " + table.rowCount() + " rows" : "") + "]";
    }
}
