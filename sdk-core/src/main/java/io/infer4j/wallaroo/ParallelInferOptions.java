package io.infer4j.wallaroo;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@code parallelInfer} splits and sends a table: at most {@code batchRows} rows and
 * {@code maxBatchBytes} encoded bytes per request (a chunk over the byte limit is halved until it
 * fits), at most {@code concurrency} requests in flight, an optional progress listener, the
 * per-request {@link InferOptions}, and how often a failed chunk is sent again. Each request is
 * first retried by the transport per the retry policy (connect failures, 429 and 503 "resources
 * not available"); a chunk that still fails with a dropped connection, a cut-off answer, a client
 * timeout or a 5xx is then sent again up to {@code retries} times. Immutable.
 *
 * @param batchRows     rows per request (default 1,000)
 * @param maxBatchBytes encoded bytes per request (default 4 MiB)
 * @param concurrency   requests in flight (default 4; Wallaroo suggests at most 4x the replicas)
 * @param progress      called after each chunk finishes (from worker threads), or null
 * @param inferOptions  dataset options and timeouts of each request
 * @param retries       times a failed chunk is sent again (default 1, 0 to never resend)
 */
public record ParallelInferOptions(int batchRows, long maxBatchBytes, int concurrency,
                                   Consumer<Progress> progress, InferOptions inferOptions, int retries) {
    /** 1,000 rows, 4 MiB, 4 in flight, no listener, one resend of a failed chunk. */
    public static final ParallelInferOptions DEFAULT =
            new ParallelInferOptions(1000, 4L << 20, 4, null, InferOptions.DEFAULT, 1);

    /** Validates. */
    public ParallelInferOptions {
        if (batchRows < 1 || maxBatchBytes < 1 || concurrency < 1) {
            throw new IllegalArgumentException("batchRows, maxBatchBytes and concurrency must be >= 1, were "
                    + batchRows + ", " + maxBatchBytes + ", " + concurrency);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + retries);
        }
        Objects.requireNonNull(inferOptions, "inferOptions");
    }

    /** With this many rows per request. */
    public ParallelInferOptions withBatchRows(int rows) {
        return new ParallelInferOptions(rows, maxBatchBytes, concurrency, progress, inferOptions, retries);
    }

    /** With this byte limit per request. */
    public ParallelInferOptions withMaxBatchBytes(long bytes) {
        return new ParallelInferOptions(batchRows, bytes, concurrency, progress, inferOptions, retries);
    }

    /** With this many requests in flight. */
    public ParallelInferOptions withConcurrency(int n) {
        return new ParallelInferOptions(batchRows, maxBatchBytes, n, progress, inferOptions, retries);
    }

    /** With a progress listener. */
    public ParallelInferOptions withProgress(Consumer<Progress> listener) {
        return new ParallelInferOptions(batchRows, maxBatchBytes, concurrency, listener, inferOptions, retries);
    }

    /** With per-request options. */
    public ParallelInferOptions withInferOptions(InferOptions options) {
        return new ParallelInferOptions(batchRows, maxBatchBytes, concurrency, progress, options, retries);
    }

    /**
     * With this many resends of a failed chunk. A chunk is sent again, after a backoff of the
     * retry policy (or the server's {@code Retry-After}) and within the call timeout, when it
     * failed with a {@link io.infer4j.core.error.TransportException} (dropped connection, cut-off
     * answer, {@link io.infer4j.core.error.ClientTimeoutException}) or a 5xx
     * {@link io.infer4j.core.error.ServiceException}. Other failures (4xx, malformed answers) are
     * reported at once. A resent chunk may appear twice in the pipeline's inference logs.
     */
    public ParallelInferOptions withRetries(int n) {
        return new ParallelInferOptions(batchRows, maxBatchBytes, concurrency, progress, inferOptions, n);
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
