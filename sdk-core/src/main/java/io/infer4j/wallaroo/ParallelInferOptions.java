package io.infer4j.wallaroo;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@code parallelInfer} splits and sends a table: at most {@code batchRows} rows and
 * {@code maxBatchBytes} encoded bytes per request (a chunk over the byte limit is halved until it
 * fits), at most {@code concurrency} requests in flight, an optional progress listener, and the
 * per-request {@link InferOptions}. Each request is retried by the transport per the retry policy
 * (connect failures, 429 and 503 "resources not available"). Immutable.
 *
 * @param batchRows     rows per request (default 1,000)
 * @param maxBatchBytes encoded bytes per request (default 4 MiB)
 * @param concurrency   requests in flight (default 4; Wallaroo suggests at most 4x the replicas)
 * @param progress      called after each chunk finishes (from worker threads), or null
 * @param inferOptions  dataset options and timeouts of each request
 */
public record ParallelInferOptions(int batchRows, long maxBatchBytes, int concurrency,
                                   Consumer<Progress> progress, InferOptions inferOptions) {
    /** 1,000 rows, 4 MiB, 4 in flight, no listener. */
    public static final ParallelInferOptions DEFAULT = new ParallelInferOptions(1000, 4L << 20, 4, null, InferOptions.DEFAULT);

    /** Validates. */
    public ParallelInferOptions {
        if (batchRows < 1 || maxBatchBytes < 1 || concurrency < 1) {
            throw new IllegalArgumentException("batchRows, maxBatchBytes and concurrency must be >= 1, were "
                    + batchRows + ", " + maxBatchBytes + ", " + concurrency);
        }
        Objects.requireNonNull(inferOptions, "inferOptions");
    }

    /** With this many rows per request. */
    public ParallelInferOptions withBatchRows(int rows) {
        return new ParallelInferOptions(rows, maxBatchBytes, concurrency, progress, inferOptions);
    }

    /** With this byte limit per request. */
    public ParallelInferOptions withMaxBatchBytes(long bytes) {
        return new ParallelInferOptions(batchRows, bytes, concurrency, progress, inferOptions);
    }

    /** With this many requests in flight. */
    public ParallelInferOptions withConcurrency(int n) {
        return new ParallelInferOptions(batchRows, maxBatchBytes, n, progress, inferOptions);
    }

    /** With a progress listener. */
    public ParallelInferOptions withProgress(Consumer<Progress> listener) {
        return new ParallelInferOptions(batchRows, maxBatchBytes, concurrency, listener, inferOptions);
    }

    /** With per-request options. */
    public ParallelInferOptions withInferOptions(InferOptions options) {
        return new ParallelInferOptions(batchRows, maxBatchBytes, concurrency, progress, options);
    }

    /**
     * Progress after a chunk finished.
     *
     * @param chunksDone   chunks finished (succeeded or failed)
     * @param chunks       total chunks
     * @param rowsDone     input rows in finished chunks
     * @param rows         total input rows
     * @param failedChunks chunks that failed so far
     */
    public record Progress(int chunksDone, int chunks, long rowsDone, long rows, int failedChunks) {
    }
}
