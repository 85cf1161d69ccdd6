package io.infer4j.spark.internal;

import io.infer4j.core.error.Infer4jException;
import io.infer4j.core.error.UnsupportedByServerException;
import io.infer4j.spark.ErrorPolicy;
import io.infer4j.spark.WallarooSparkSettings;
import io.infer4j.table.Column;
import io.infer4j.table.Table;
import io.infer4j.wallaroo.InferOptions;
import io.infer4j.wallaroo.InferenceFormat;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.ParallelInferOptions;
import io.infer4j.wallaroo.ParallelInferResult;
import io.infer4j.wallaroo.WallarooClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each task runs: it reads its partition in windows of {@code batchRows x concurrency} rows,
 * sends each window through {@code parallelInfer} (chunks of {@code batchRows}, up to
 * {@code concurrency} in flight, with its retries and resends) on the executor's shared client,
 * and appends the output columns to each input row, in order.
 */
public final class PartitionScoring implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionScoring.class);
    /** Targets that refused Arrow in this JVM: the rest of the job sends them pandas-records. */
    private static final Map<String, Boolean> ARROW_REFUSED = new ConcurrentHashMap<>();

    private final WallarooSparkSettings settings;
    private final String target;
    private final int batchRows;
    private final int concurrency;
    private final int retries;
    private final ErrorPolicy policy;
    private final StructType inputSchema;
    private final int[] inputColumns;
    private final StructType outputs;
    private final boolean arrow;
    private final boolean java8Time;

    /** The plan of one {@code score} call; every argument is checked by the scorer. */
    public PartitionScoring(WallarooSparkSettings settings, String target, int batchRows, int concurrency, int retries,
                            ErrorPolicy policy, StructType inputSchema, int[] inputColumns, StructType outputs,
                            boolean arrow, boolean java8Time) {
        this.settings = settings;
        this.target = target;
        this.batchRows = batchRows;
        this.concurrency = concurrency;
        this.retries = retries;
        this.policy = policy;
        this.inputSchema = inputSchema;
        this.inputColumns = inputColumns.clone();
        this.outputs = outputs;
        this.arrow = arrow;
        this.java8Time = java8Time;
    }

    /** Whether the target refused Arrow earlier in this JVM. */
    public static boolean arrowRefused(String target) {
        return ARROW_REFUSED.containsKey(target);
    }

    /** Remembers that the target refused Arrow. */
    public static void refuseArrow(String target) {
        ARROW_REFUSED.put(target, Boolean.TRUE);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        WallarooClient client = ExecutorClients.client(settings);
        Semaphore permits = ExecutorClients.permits(settings, target, concurrency);
        InferenceTarget inferenceTarget = InferenceTarget.url(target);
        int window = (int) Math.min(Integer.MAX_VALUE - 8, (long) batchRows * concurrency);
        return new Iterator<>() {
            private List<Row> pending = List.of();
            private int next;

            @Override
            public boolean hasNext() {
                while (next >= pending.size()) {
                    if (!input.hasNext()) {
                        return false;
                    }
                    List<Row> rows = new ArrayList<>(Math.min(window, 1 << 16));
                    while (rows.size() < window && input.hasNext()) {
                        rows.add(input.next());
                    }
                    pending = score(client, permits, inferenceTarget, rows);
                    next = 0;
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.get(next++);
            }
        };
    }

    private List<Row> score(WallarooClient client, Semaphore permits, InferenceTarget inferenceTarget, List<Row> rows) {
        Table table = RowTables.toTable(rows, inputSchema, inputColumns);
        int chunks = (rows.size() + batchRows - 1) / batchRows;
        int inFlight = Math.min(chunks, concurrency);
        ParallelInferResult result;
        permits.acquireUninterruptibly(inFlight);
        try {
            boolean useArrow = arrow && !arrowRefused(target);
            result = infer(client, inferenceTarget, table, inFlight, useArrow);
            if (useArrow && !result.failures().isEmpty()
                    && result.failures().stream().allMatch(f -> f.error() instanceof UnsupportedByServerException)) {
                LOG.info("infer4j: {} refused Arrow; sending pandas-records from now on", target);
                refuseArrow(target);
                result = infer(client, inferenceTarget, table, inFlight, false);
            }
        } finally {
            permits.release(inFlight);
        }
        if (!result.failures().isEmpty() && policy == ErrorPolicy.FAIL) {
            throw result.failures().get(0).error();
        }
        return merge(rows, result);
    }

    private ParallelInferResult infer(WallarooClient client, InferenceTarget t, Table table, int inFlight, boolean useArrow) {
        InferOptions io = InferOptions.builder().format(useArrow ? InferenceFormat.ARROW : InferenceFormat.PANDAS_RECORDS).build();
        return client.pipelines().parallelInfer(t, table, ParallelInferOptions.DEFAULT.withBatchRows(batchRows)
                .withConcurrency(inFlight).withRetries(retries).withInferOptions(io));
    }

    private List<Row> merge(List<Row> rows, ParallelInferResult result) {
        Table answer = result.table();
        StructField[] fields = outputs.fields();
        Column[] columns = new Column[fields.length];
        int failedRows = 0;
        for (ParallelInferResult.ChunkFailure f : result.failures()) {
            failedRows += f.toRow() - f.fromRow();
        }
        int expected = rows.size() - failedRows;
        if (answer.rowCount() != expected) {
            throw new Infer4jException("the pipeline at " + target + " answered " + answer.rowCount() + " rows for "
                    + expected + " rows sent; infer4j pairs inputs and outputs row for row");
        }
        if (expected > 0) {
            for (int i = 0; i < fields.length; i++) {
                if (!answer.hasColumn(fields[i].name())) {
                    throw new Infer4jException("the pipeline at " + target + " answered without output column '"
                            + fields[i].name() + "'; it sent " + answer.columnNames());
                }
                columns[i] = answer.column(fields[i].name());
            }
        }
        boolean errorColumn = policy == ErrorPolicy.ERROR_COLUMN;
        int width = inputSchema.length() + fields.length + (errorColumn ? 1 : 0);
        List<Row> out = new ArrayList<>(rows.size());
        Iterator<ParallelInferResult.ChunkFailure> failures = result.failures().iterator();
        ParallelInferResult.ChunkFailure failure = failures.hasNext() ? failures.next() : null;
        int answerRow = 0;
        for (int r = 0; r < rows.size(); r++) {
            while (failure != null && r >= failure.toRow()) {
                failure = failures.hasNext() ? failures.next() : null;
            }
            Row in = rows.get(r);
            Object[] values = new Object[width];
            for (int c = 0; c < in.length(); c++) {
                values[c] = in.get(c);
            }
            if (failure != null && r >= failure.fromRow()) {
                values[width - 1] = String.valueOf(failure.error().getMessage());
            } else {
                for (int i = 0; i < fields.length; i++) {
                    values[in.length() + i] = SparkValues.value(columns[i], answerRow, fields[i].dataType(), java8Time);
                }
                answerRow++;
            }
            out.add(RowFactory.create(values));
        }
        return out;
    }

    /** Names the target only: the settings hold secrets, and Spark may print a function in its plan. */
    @Override
    public String toString() {
        return "infer4j scoring of " + target;
    }
}
