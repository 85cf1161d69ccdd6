package io.infer4j.wallaroo;

import io.infer4j.table.Table;
import java.util.List;

/**
 * The merged answer of {@code parallelInfer}: the result rows of every successful chunk in input
 * order, and a typed failure per chunk that could not be inferred.
 *
 * @param table    result rows of the successful chunks, in input order
 * @param chunks   per-chunk results in input order ({@code null} where the chunk failed)
 * @param failures failed chunks, in input order
 */
public record ParallelInferResult(Table table, List<InferenceResult> chunks, List<ChunkFailure> failures) {
    /** Copies the lists (chunks may hold nulls). */
    public ParallelInferResult {
        chunks = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(chunks));
        failures = List.copyOf(failures);
    }

    /** Whether every chunk succeeded. */
    public boolean isComplete() {
        return failures.isEmpty();
    }

    /**
     * A chunk that still failed after the transport's retries and
     * {@link ParallelInferOptions#retries()} resends.
     *
     * @param fromRow first input row of the chunk (inclusive)
     * @param toRow   last input row of the chunk (exclusive)
     * @param error   why: the last failure, typically a {@link io.infer4j.core.error.ServiceException} or
     *                {@link io.infer4j.core.error.TransportException}, with the earlier sends' failures
     *                as suppressed exceptions and {@code attempts()} counting every HTTP attempt
     */
    public record ChunkFailure(int fromRow, int toRow, RuntimeException error) {
    }
}
