package io.infer4j.wallaroo;

import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** The chunking and fan-out behind {@code Pipelines.parallelInfer}. Package-private: not API. */
final class ParallelInference {
    private ParallelInference() {
    }

    /** One encoded chunk: input rows {@code [from, to)}. */
    record Chunk(int from, int to, byte[] body) {
    }

    static ParallelInferResult run(Table table, ParallelInferOptions o, Executor executor,
                                   Function<byte[], InferenceResult> send) {
        List<Chunk> chunks = split(table, o);
        int n = chunks.size();
        InferenceResult[] results = new InferenceResult[n];
        RuntimeException[] errors = new RuntimeException[n];
        Semaphore inFlight = new Semaphore(o.concurrency());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong rowsDone = new AtomicLong();
        List<CompletableFuture<Void>> futures = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                inFlight.acquire();
                int idx = i;
                Chunk c = chunks.get(i);
                futures.add(CompletableFuture.runAsync(() -> {
                    try {
                        results[idx] = send.apply(c.body());
                    } catch (RuntimeException e) {
                        errors[idx] = e;
                        failed.incrementAndGet();
                    } finally {
                        inFlight.release();
                        long rows = rowsDone.addAndGet(c.to() - c.from());
                        if (o.progress() != null) {
                            o.progress().accept(new ParallelInferOptions.Progress(done.incrementAndGet(), n, rows,
                                    table.rowCount(), failed.get()));
                        }
                    }
                }, executor));
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new io.infer4j.core.error.TransportException("interrupted while running parallel inference", true, e);
        }
        List<Table> tables = new ArrayList<>();
        List<ParallelInferResult.ChunkFailure> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (results[i] != null) {
                tables.add(results[i].table());
            } else {
                failures.add(new ParallelInferResult.ChunkFailure(chunks.get(i).from(), chunks.get(i).to(), errors[i]));
            }
        }
        Table merged = tables.isEmpty() ? Table.empty(0) : tables.size() == 1 ? tables.get(0) : Table.concat(tables);
        return new ParallelInferResult(merged, java.util.Arrays.asList(results), failures);
    }

    /** Chunks of at most batchRows rows whose encoding fits maxBatchBytes (halving until it does). */
    static List<Chunk> split(Table table, ParallelInferOptions o) {
        List<Chunk> out = new ArrayList<>();
        int from = 0;
        while (from < table.rowCount()) {
            int rows = Math.min(o.batchRows(), table.rowCount() - from);
            byte[] body = PandasRecords.toBytes(table.slice(from, from + rows));
            while (body.length > o.maxBatchBytes() && rows > 1) {
                rows = (rows + 1) / 2;
                body = PandasRecords.toBytes(table.slice(from, from + rows));
            }
            if (body.length > o.maxBatchBytes()) {
                throw new IllegalArgumentException("row " + from + " alone encodes to " + body.length
                        + " bytes, over maxBatchBytes " + o.maxBatchBytes());
            }
            out.add(new Chunk(from, from + rows, body));
            from += rows;
        }
        return out;
    }
}
