package io.infer4j.spark;

/** What {@link SparkScorer#score} does with rows whose chunk the pipeline could not score. */
public enum ErrorPolicy {
    /**
     * The task fails with the chunk's typed infer4j exception (after parallelInfer's retries and
     * resends), and with it the Spark job.
     */
    FAIL,
    /**
     * The job goes on: a failed chunk's rows get nulls in the output columns and the failure's
     * message in {@link SparkScorer#ERROR_COLUMN}, which is null for the rows that were scored.
     */
    ERROR_COLUMN
}
