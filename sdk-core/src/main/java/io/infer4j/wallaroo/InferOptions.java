package io.infer4j.wallaroo;

import io.infer4j.core.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-call inference options: Wallaroo's {@code dataset[]}, {@code dataset.exclude[]} and
 * {@code dataset.separator} query parameters (which result sections come back, and whether nested
 * keys are flattened), plus {@link RequestOptions} (timeout, retry policy) and whether the call may
 * be repeated after it reached the server ({@link Builder#idempotent(boolean)}), and the
 * {@link InferenceFormat} tables are sent and answered in ({@link Builder#format(InferenceFormat)}).
 * Immutable; {@link #DEFAULT} sends no query parameters, so the server's defaults apply (time, in,
 * out, anomaly/check_failures and metadata, nested), sends pandas-records, and is not idempotent.
 *
 * <pre>{@code
 * InferOptions.builder().dataset("*", "metadata").separator(".")
 *         .requestOptions(RequestOptions.attemptTimeout(Duration.ofSeconds(60))).build();
 * }</pre>
 */
public final class InferOptions {
    /** No query parameters, client default timeout and retries. */
    public static final InferOptions DEFAULT = builder().build();

    private final List<String> dataset;
    private final List<String> exclude;
    private final String separator;
    private final RequestOptions requestOptions;
    private final boolean idempotent;
    private final InferenceFormat format;

    private InferOptions(Builder b) {
        this.dataset = List.copyOf(b.dataset);
        this.exclude = List.copyOf(b.exclude);
        this.separator = b.separator;
        this.requestOptions = b.requestOptions;
        this.idempotent = b.idempotent;
        this.format = b.format;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code dataset[]} values. */
    public List<String> dataset() {
        return dataset;
    }

    /** {@code dataset.exclude[]} values. */
    public List<String> exclude() {
        return exclude;
    }

    /** {@code dataset.separator}, or null. */
    public String separator() {
        return separator;
    }

    /** Timeout/retry overrides, or null for the client's inference defaults. */
    public RequestOptions requestOptions() {
        return requestOptions;
    }

    /** Whether the caller declared this inference safe to repeat after it reached the server. */
    public boolean idempotent() {
        return idempotent;
    }

    /**
     * How table inputs ({@link InferenceInput#table(io.infer4j.table.Table)}, {@code infer(target, table, ...)},
     * {@code inferAsync}, every chunk of {@code parallelInfer}) are encoded, and which answer is
     * asked for; {@link InferenceFormat#PANDAS_RECORDS} by default.
     */
    public InferenceFormat format() {
        return format;
    }

    @Override
    public String toString() {
        return "InferOptions[dataset=" + dataset + ", exclude=" + exclude + ", separator=" + separator
                + ", idempotent=" + idempotent + ", format=" + format + "]";
    }

    /** Builds {@link InferOptions}. */
    public static final class Builder {
        private final List<String> dataset = new ArrayList<>();
        private final List<String> exclude = new ArrayList<>();
        private String separator;
        private RequestOptions requestOptions;
        private boolean idempotent;
        private InferenceFormat format = InferenceFormat.PANDAS_RECORDS;

        private Builder() {
        }

        /** Sections to return: {@code *} (time, in, out, anomaly), {@code metadata}, {@code in}, {@code out}, ... */
        public Builder dataset(String... sections) {
            for (String s : sections) {
                Workspaces.requireText(s, "dataset section");
                dataset.add(s);
            }
            return this;
        }

        /** Sections to leave out, e.g. {@code metadata}. */
        public Builder exclude(String... sections) {
            for (String s : sections) {
                Workspaces.requireText(s, "excluded section");
                exclude.add(s);
            }
            return this;
        }

        /** Flatten nested result keys with this separator (Wallaroo's SDK sends {@code .}). */
        public Builder separator(String separator) {
            Workspaces.requireText(separator, "separator");
            this.separator = separator;
            return this;
        }

        /** Timeout/retry overrides for this call. */
        public Builder requestOptions(RequestOptions requestOptions) {
            this.requestOptions = Objects.requireNonNull(requestOptions, "requestOptions");
            return this;
        }

        /**
         * Declares this inference safe to send twice, e.g. a model without side effects whose
         * duplicate log entry does not matter. Inference is not idempotent by default, so once the
         * request reached the server the transport only retries 429 and 503; with
         * {@code idempotent(true)} it also retries, per the retry policy, what it retries for
         * idempotent operations: a dropped connection or cut-off answer, a read timeout, 408, 500,
         * 502 and 504. A repeated request may appear twice in the pipeline's inference logs.
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /**
         * How tables are sent and which answer is asked for: {@link InferenceFormat#ARROW} sends
         * each table (each chunk, for {@code parallelInfer}) as an Arrow IPC file and asks for an
         * Arrow answer, and needs {@code io.infer4j:sdk-arrow} on the class path. It applies to
         * table inputs only; tensors and raw bytes go as they were made.
         */
        public Builder format(InferenceFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** The options. */
        public InferOptions build() {
            return new InferOptions(this);
        }
    }
}
