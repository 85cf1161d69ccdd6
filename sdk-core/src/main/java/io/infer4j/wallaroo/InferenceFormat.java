package io.infer4j.wallaroo;

/**
 * How a table is sent to a pipeline and which answer is asked for
 * ({@link InferOptions.Builder#format(InferenceFormat)}, {@link Pipelines#logs(long, String, int, InferenceFormat)}).
 */
public enum InferenceFormat {
    /**
     * pandas-records JSON, {@code application/json; format=pandas-records}: the default, taken by
     * every Wallaroo since 2023.1 and needing nothing beyond sdk-core.
     */
    PANDAS_RECORDS(InferenceInput.PANDAS_RECORDS),
    /**
     * An Apache Arrow IPC file, {@code application/vnd.apache.arrow.file}, both ways: compact and
     * typed, what Wallaroo's Python SDK sends for DataFrames. Needs {@code io.infer4j:sdk-arrow} on
     * the class path (otherwise a {@link io.infer4j.core.error.ConfigurationException} says so); a
     * server that does not take Arrow answers with an
     * {@link io.infer4j.core.error.UnsupportedByServerException}.
     */
    ARROW(InferenceInput.ARROW_FILE);

    private final String mediaType;

    InferenceFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The Content-Type of a request body in this format. */
    public String mediaType() {
        return mediaType;
    }
}
