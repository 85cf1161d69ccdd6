package io.infer4j.examples;

import io.infer4j.core.Settings;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.ParallelInferOptions;
import io.infer4j.wallaroo.ParallelInferResult;
import io.infer4j.wallaroo.WallarooClient;
import java.util.Locale;

/**
 * Scores a large file ({@code data-25k.json}, 24,954 rows) with {@code parallelInfer}: the SDK
 * cuts it into chunks, keeps a few in flight, retries the ones the pipeline turns away while it
 * scales, and merges the answers back in input order.
 *
 * <p>Same server choice as {@link Quickstart}: embedded unless {@code WALLAROO_URL} is set.
 *
 * <pre>mvn -B -q -pl sdk-examples -am verify -Drun=BatchInference</pre>
 */
public final class BatchInference {
    private static final int BAR_WIDTH = 40;

    private BatchInference() {
    }

    /** Runs the batch and prints a progress bar and a throughput summary. */
    public static void main(String[] args) {
        try (LocalPlatform local = Examples.platformUnless(Settings.WALLAROO_URL);
             WallarooClient wallaroo = local == null ? WallarooClient.fromEnv() : Examples.wallaroo(local)) {
            InferenceTarget pipeline = Examples.tutorialPipeline(wallaroo);
            Table input = Examples.textInput("data-25k.json", 24_954);

            // 1,000-row chunks, 4 in flight: big enough to amortise HTTP overhead, small enough
            // that one failed chunk costs little to report or resend.
            ParallelInferOptions options = ParallelInferOptions.DEFAULT.withBatchRows(1000).withConcurrency(4)
                    .withProgress(new ProgressBar()::update);
            long start = System.nanoTime();
            ParallelInferResult result = wallaroo.pipelines().parallelInfer(pipeline, input, options);
            long millis = Math.max(1, Examples.millisSince(start));
            System.out.println();

            // Locale.ROOT: the same digits and separators on every machine, which the test relies on.
            System.out.printf(Locale.ROOT, "%d of %d rows inferred in %d chunks, %d failed, in %.1f s: %,.0f rows/s%n",
                    result.table().rowCount(), input.rowCount(), result.chunks().size(), result.failures().size(),
                    millis / 1000.0, result.table().rowCount() * 1000.0 / millis);
            result.failures().forEach(f -> System.out.printf("  rows %d..%d failed: %s%n", f.fromRow(), f.toRow(), f.error()));
            System.out.println();
            System.out.println(result.table().select("out.banjori", "out.corebot", "out.gozi"));
        }
    }

    /**
     * Redraws one console line with a carriage return. Progress arrives from the worker threads
     * in any order, so it only ever moves forward and draws under a lock.
     */
    private static final class ProgressBar {
        private int chunks;
        private long rows;

        synchronized void update(ParallelInferOptions.Progress p) {
            chunks = Math.max(chunks, p.chunksDone());
            rows = Math.max(rows, p.rowsDone());
            long total = Math.max(1, p.rows());
            int filled = (int) (BAR_WIDTH * rows / total);
            System.out.printf(Locale.ROOT, "\r[%s%s] %3d%%  %,d/%,d rows  chunk %d/%d",
                    "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), 100 * rows / total, rows, p.rows(), chunks, p.chunks());
            System.out.flush();
        }
    }
}
