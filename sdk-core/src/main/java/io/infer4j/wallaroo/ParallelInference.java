package io.infer4j.wallaroo;

import io.infer4j.core.RetryPolicy;
import io.infer4j.core.Sleeper;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.core.error.ServiceException;
import io.infer4j.core.error.TransportException;
import io.infer4j.core.internal.RetryAfter;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.internal.TableFormats;
import io.infer4j.table.spi.TableFormatProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chunking and fan-out behind {@code Pipelines.parallelInfer}. Package-private: not API. */
final class ParallelInference {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelInference.class);

    private ParallelInference() {
    }

    /** One encoded chunk: input rows {@code [from, to)}. */
    record Chunk(int from, int to, byte[] body) {
    }

    /**
     * Sends every chunk with {@code send(body, time left of the chunk's call timeout)}, resending
     * failed ones per {@code resend}, and merges the answers in input order.
     */
    static ParallelInferResult run(Table table, ParallelInferOptions o, Executor executor, Resend resend,
                                   BiFunction<byte[], Duration, InferenceResult> send) {
        List<Chunk> chunks = split(table, o);
        int n = chunks.size();
        InferenceResult[] results = new InferenceResult[n];
        RuntimeException[] errors = new RuntimeException[n];
        Semaphore inFlight = new Semaphore(o.concurrency());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong rowsDone = new AtomicLong();
        AtomicBoolean abandoned = new AtomicBoolean();
        List<CompletableFuture<Void>> futures = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                inFlight.acquire();
                int idx = i;
                Chunk c = chunks.get(i);
                futures.add(CompletableFuture.runAsync(() -> {
                    try {
                        results[idx] = resend.run(c, send, abandoned);
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
            abandoned.set(true);
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

    /**
     * When and how a failed chunk is sent again: up to {@code retries} times after a dropped
     * connection, cut-off answer, client timeout or 5xx, waiting as the transport does between
     * attempts (the retry policy's jittered backoff, or the server's {@code Retry-After}), and
     * never past the chunk's call timeout, which covers all its sends and waits.
     *
     * @param retries     resends after the first send
     * @param policy      backoff between sends
     * @param callTimeout limit for the chunk, every send and wait included
     * @param clock       time source of the deadline
     * @param sleeper     waits between sends
     */
    record Resend(int retries, RetryPolicy policy, Duration callTimeout, Clock clock, Sleeper sleeper) {

        /** Sends {@code chunk} with {@code send(body, time left)} until it succeeds or may not be sent again. */
        InferenceResult run(Chunk chunk, BiFunction<byte[], Duration, InferenceResult> send, AtomicBoolean abandoned) {
            long start = clock.millis();
            List<RuntimeException> earlier = new ArrayList<>();
            for (int retry = 0; ; retry++) {
                RuntimeException failure;
                try {
                    return send.apply(chunk.body(), Duration.ofMillis(Math.max(1, remaining(start))));
                } catch (RuntimeException e) {
                    failure = e;
                }
                if (retry >= retries || !resendable(failure) || abandoned.get() || Thread.currentThread().isInterrupted()) {
                    throw withEarlier(failure, earlier);
                }
                Duration delay = policy.delayBeforeRetry(retry + 1, retryAfter(failure));
                if (delay.toMillis() >= remaining(start)) {
                    throw withEarlier(failure, earlier);
                }
                LOG.debug("parallelInfer rows {}..{} failed ({}: {}); sending again in {} ms ({} of {})", chunk.from(),
                        chunk.to(), failure.getClass().getSimpleName(), failure.getMessage(), delay.toMillis(),
                        retry + 1, retries);
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw withEarlier(failure, earlier);
                }
                earlier.add(failure);
            }
        }

        /** Milliseconds left of the chunk's call timeout. */
        private long remaining(long start) {
            return callTimeout.toMillis() - (clock.millis() - start);
        }

        /** Failures a resend can cure: the network, the client's own timeouts, the server's 5xx. */
        static boolean resendable(RuntimeException e) {
            return e instanceof TransportException || (e instanceof ServiceException && ((ServiceException) e).status() >= 500);
        }

        private Duration retryAfter(RuntimeException e) {
            return e instanceof ServiceException
                    ? RetryAfter.parse(((ServiceException) e).headers(), clock.instant()).orElse(null) : null;
        }

        /** The last failure, carrying the earlier ones and the HTTP attempts of every send. */
        private static RuntimeException withEarlier(RuntimeException last, List<RuntimeException> earlier) {
            int attempts = last instanceof Infer4jException ? ((Infer4jException) last).attempts() : 1;
            for (RuntimeException prior : earlier) {
                last.addSuppressed(prior);
                attempts += prior instanceof Infer4jException ? ((Infer4jException) prior).attempts() : 1;
            }
            if (last instanceof Infer4jException) {
                ((Infer4jException) last).recordAttempts(attempts);
            }
            return last;
        }
    }

    /**
     * Chunks of at most batchRows rows whose encoding, in the options' {@link InferOptions#format()},
     * fits maxBatchBytes (halving until it does).
     *
     * @throws io.infer4j.core.error.ConfigurationException for Arrow without sdk-arrow, before anything is sent
     */
    static List<Chunk> split(Table table, ParallelInferOptions o) {
        Function<Table, byte[]> encode = encoder(o.inferOptions().format());
        List<Chunk> out = new ArrayList<>();
        int from = 0;
        while (from < table.rowCount()) {
            int rows = Math.min(o.batchRows(), table.rowCount() - from);
            byte[] body = encode.apply(table.slice(from, from + rows));
            while (body.length > o.maxBatchBytes() && rows > 1) {
                rows = (rows + 1) / 2;
                body = encode.apply(table.slice(from, from + rows));
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

    private static Function<Table, byte[]> encoder(InferenceFormat format) {
        if (format == InferenceFormat.ARROW) {
            TableFormatProvider arrow = TableFormats.installed().require(TableFormats.ARROW_FILE);
            return arrow::write;
        }
        return PandasRecords::toBytes;
    }
}
