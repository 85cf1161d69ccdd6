package io.infer4j.wallaroo;

import io.infer4j.core.internal.Json;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.internal.TableFormats;
import io.infer4j.table.spi.TableFormatProvider;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;

/**
 * The body of an inference request, in one of the formats Wallaroo accepts:
 * <ul>
 *   <li>{@link #table(Table)}: a table in the call's {@link InferOptions#format()}: pandas-records,
 *       {@code application/json; format=pandas-records} (Arrow-enabled servers, 2023.1+), unless
 *       the options ask for {@link InferenceFormat#ARROW};</li>
 *   <li>{@link #arrow(Table)}: a table as an Apache Arrow IPC file,
 *       {@code application/vnd.apache.arrow.file}, whatever the options say (needs
 *       {@code io.infer4j:sdk-arrow});</li>
 *   <li>{@link #tensors(Map)}: legacy tensor JSON {@code {"input": [[...], ...]}}, {@code application/json};</li>
 *   <li>{@link #raw(byte[], String)}: bytes you encoded yourself (e.g. an Arrow IPC file read from
 *       disk, with {@link #ARROW_FILE}).</li>
 * </ul>
 * An Arrow request (from {@link #arrow(Table)}, a table with {@link InferenceFormat#ARROW}, or raw
 * bytes with {@link #ARROW_FILE}) asks for an Arrow answer too when sdk-arrow is present, and
 * carries Wallaroo's {@code format: arrow} header.
 */
public final class InferenceInput {
    /** pandas-records media type. */
    public static final String PANDAS_RECORDS = "application/json; format=pandas-records";
    /** Plain JSON (legacy tensor) media type. */
    public static final String JSON = "application/json";
    /** Apache Arrow IPC file media type ({@link #arrow(Table)}; needs {@code io.infer4j:sdk-arrow}). */
    public static final String ARROW_FILE = TableFormats.ARROW_FILE;

    private static final MediaType PANDAS_RECORDS_TYPE = MediaType.get(PANDAS_RECORDS);
    private static final MediaType JSON_TYPE = MediaType.get(JSON);
    private static final MediaType ARROW_TYPE = MediaType.get(ARROW_FILE);

    private final Table table;
    /** The Arrow provider, for a table sent as Arrow; null for pandas-records. */
    private final TableFormatProvider arrow;
    /** Whether a table input keeps its format whatever {@link InferOptions#format()} says. */
    private final boolean fixedFormat;
    private final Object tensors;
    private final byte[] raw;
    private final String contentType;

    private InferenceInput(Table table, TableFormatProvider arrow, boolean fixedFormat, Object tensors, byte[] raw,
                           String contentType) {
        this.table = table;
        this.arrow = arrow;
        this.fixedFormat = fixedFormat;
        this.tensors = tensors;
        this.raw = raw;
        this.contentType = contentType;
    }

    /**
     * A table, sent in the call's {@link InferOptions#format()}: pandas-records by default, an
     * Arrow IPC file with {@link InferenceFormat#ARROW}. {@link #contentType()} is the
     * pandas-records one.
     */
    public static InferenceInput table(Table table) {
        return new InferenceInput(Objects.requireNonNull(table, "table"), null, false, null, null, PANDAS_RECORDS);
    }

    /**
     * A table sent as an Apache Arrow IPC file ({@link #ARROW_FILE}), encoded by sdk-arrow when the
     * request is sent; the answer is asked for in Arrow too.
     *
     * @throws io.infer4j.core.error.ConfigurationException at once when {@code io.infer4j:sdk-arrow}
     *         is not on the class path
     */
    public static InferenceInput arrow(Table table) {
        Objects.requireNonNull(table, "table");
        return new InferenceInput(table, TableFormats.installed().require(ARROW_FILE), true, null, null, ARROW_FILE);
    }

    /**
     * Legacy tensor JSON: each key an input name, each value rows x features ({@code double[][]},
     * {@code long[][]}, lists, or a Jackson {@code JsonNode}).
     */
    public static InferenceInput tensors(Map<String, ?> tensors) {
        if (Objects.requireNonNull(tensors, "tensors").isEmpty()) {
            throw new IllegalArgumentException("tensors must name at least one input");
        }
        return new InferenceInput(null, null, false, Map.copyOf(tensors), null, JSON);
    }

    /** Bytes sent as they are, with this content type (e.g. a pandas-records file read from disk). */
    public static InferenceInput raw(byte[] body, String contentType) {
        Objects.requireNonNull(body, "body");
        Workspaces.requireText(contentType, "contentType");
        return new InferenceInput(null, null, false, null, body.clone(), contentType);
    }

    /** Bytes this package encoded itself and never touches again: sent without {@link #raw}'s defensive copy. */
    static InferenceInput encoded(byte[] body, String contentType) {
        return new InferenceInput(null, null, false, null, body, contentType);
    }

    /** The table, for table inputs (used by {@code parallelInfer} to split by rows). */
    Table tableOrNull() {
        return table;
    }

    /**
     * This input as sent with {@code format}: a {@link #table(Table)} input becomes Arrow for
     * {@link InferenceFormat#ARROW} (failing with the ConfigurationException without sdk-arrow);
     * every other input is sent as it was made.
     */
    InferenceInput in(InferenceFormat format) {
        if (table == null || fixedFormat || format == InferenceFormat.PANDAS_RECORDS) {
            return this;
        }
        return arrow(table);
    }

    /** Whether the body is an Arrow IPC file (by its content type). */
    boolean isArrow() {
        return arrow != null || TableFormats.is(contentType, ARROW_FILE);
    }

    /** The Content-Type header. */
    public String contentType() {
        return contentType;
    }

    /** The Content-Type, parsed (the two common ones once, not per call). */
    MediaType mediaType() {
        return contentType.equals(PANDAS_RECORDS) ? PANDAS_RECORDS_TYPE : contentType.equals(JSON) ? JSON_TYPE
                : contentType.equals(ARROW_FILE) ? ARROW_TYPE : MediaType.get(contentType);
    }

    /** The encoded body. */
    byte[] encode() {
        if (table != null) {
            return arrow != null ? arrow.write(table) : PandasRecords.toBytes(table);
        }
        return tensors != null ? Json.write(tensors) : raw;
    }

    @Override
    public String toString() {
        return "InferenceInput[" + contentType + (table != null ? ", " + table.rowCount() + " rows" : "") + "]";
    }
}
