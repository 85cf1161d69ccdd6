package io.infer4j.spark;

import io.infer4j.core.error.ConfigurationException;
import io.infer4j.core.error.UnsupportedByServerException;
import io.infer4j.spark.internal.ExecutorClients;
import io.infer4j.spark.internal.PartitionScoring;
import io.infer4j.spark.internal.RowTables;
import io.infer4j.spark.internal.SparkValues;
import io.infer4j.table.Table;
import io.infer4j.table.spi.TableFormatProvider;
import io.infer4j.wallaroo.InferOptions;
import io.infer4j.wallaroo.InferenceFormat;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import io.infer4j.wallaroo.model.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scores Datasets against one pipeline. Immutable: each setter returns a changed copy, so one
 * scorer can be shared and specialized.
 *
 * <p>{@link #score} returns the input rows, in their order and partitions, with the pipeline's
 * output columns appended. Each task sends its partition in chunks of {@link #batchRows} rows
 * through {@code parallelInfer} on the executor's one client, at most
 * {@link #concurrencyPerExecutor} requests in flight per executor JVM; in Arrow when
 * {@code io.infer4j:sdk-arrow} is on the class path and the server takes it, else in
 * pandas-records.
 */
public final class SparkScorer {
    /** The column that {@link ErrorPolicy#ERROR_COLUMN} adds: the failure's message, or null. */
    public static final String ERROR_COLUMN = "_infer4j_error";

    private final WallarooSparkSettings settings;
    private final String targetUrl;
    private final String pipelineName;
    private final String workspaceName;
    private int batchRows = 1000;
    private int concurrency = 4;
    private int retries = 1;
    private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
    private List<String> prefixes = List.of("out.");
    private StructType outputSchema;
    private List<String> inputColumns;
    private InferenceFormat format;

    SparkScorer(WallarooSparkSettings settings, String targetUrl, String pipelineName, String workspaceName) {
        this.settings = settings;
        this.targetUrl = targetUrl;
        this.pipelineName = pipelineName;
        this.workspaceName = workspaceName;
    }

    private SparkScorer copy() {
        SparkScorer s = new SparkScorer(settings, targetUrl, pipelineName, workspaceName);
        s.batchRows = batchRows;
        s.concurrency = concurrency;
        s.retries = retries;
        s.errorPolicy = errorPolicy;
        s.prefixes = prefixes;
        s.outputSchema = outputSchema;
        s.inputColumns = inputColumns;
        s.format = format;
        return s;
    }

    /** Rows per inference request (default 1,000). */
    public SparkScorer batchRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("batchRows must be >= 1, was " + rows);
        }
        SparkScorer s = copy();
        s.batchRows = rows;
        return s;
    }

    /**
     * Requests in flight per executor JVM, shared by all its tasks (default 4). Executors times
     * this is what the pipeline sees; Wallaroo suggests at most 4 per replica (docs/spark.md).
     */
    public SparkScorer concurrencyPerExecutor(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("concurrencyPerExecutor must be >= 1, was " + n);
        }
        SparkScorer s = copy();
        s.concurrency = n;
        return s;
    }

    /** Times a failed chunk is sent again after the transport's own retries (default 1; see ParallelInferOptions). */
    public SparkScorer retries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + n);
        }
        SparkScorer s = copy();
        s.retries = n;
        return s;
    }

    /** What failed chunks do (default {@link ErrorPolicy#FAIL}). */
    public SparkScorer errorPolicy(ErrorPolicy policy) {
        SparkScorer s = copy();
        s.errorPolicy = Objects.requireNonNull(policy, "policy");
        return s;
    }

    /** Which answer columns to append, by name prefix (default {@code out.}; e.g. {@code "out.", "anomaly."}). */
    public SparkScorer outputs(String... prefixes) {
        if (prefixes.length == 0 || Arrays.stream(prefixes).anyMatch(p -> p == null || p.isEmpty())) {
            throw new IllegalArgumentException("outputs needs at least one non-empty prefix");
        }
        SparkScorer s = copy();
        s.prefixes = List.of(prefixes);
        return s;
    }

    /**
     * The output columns and their Spark types, instead of discovering them with a one-row call
     * on the driver. Field names are answer column names (e.g. {@code out.dense_1}); a one-element
     * tensor may fill a scalar field.
     */
    public SparkScorer outputSchema(StructType schema) {
        Objects.requireNonNull(schema, "schema");
        if (schema.length() == 0) {
            throw new IllegalArgumentException("outputSchema needs at least one field");
        }
        for (StructField f : schema.fields()) {
            SparkValues.checkOutputType(f);
        }
        SparkScorer s = copy();
        s.outputSchema = schema;
        return s;
    }

    /** The columns sent to the pipeline (default: all of them); every column stays in the result. */
    public SparkScorer inputColumns(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("inputColumns needs at least one column");
        }
        SparkScorer s = copy();
        s.inputColumns = List.of(columns);
        return s;
    }

    /**
     * The wire format, instead of Arrow when sdk-arrow is present and pandas-records otherwise.
     *
     * @throws ConfigurationException {@link InferenceFormat#ARROW} without sdk-arrow on the class path
     */
    public SparkScorer format(InferenceFormat format) {
        Objects.requireNonNull(format, "format");
        if (format == InferenceFormat.ARROW && !arrowAvailable()) {
            throw new ConfigurationException(null, "Arrow needs io.infer4j:sdk-arrow on the class path");
        }
        SparkScorer s = copy();
        s.format = format;
        return s;
    }

    /** Whether {@code io.infer4j:sdk-arrow} (an Arrow {@link TableFormatProvider}) is on the class path. */
    public static boolean arrowAvailable() {
        String arrow = InferenceFormat.ARROW.mediaType();
        for (TableFormatProvider p : ServiceLoader.load(TableFormatProvider.class, SparkScorer.class.getClassLoader())) {
            if (arrow.equals(p.mediaType())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The input rows with the output columns appended (plus {@link #ERROR_COLUMN} under
     * {@link ErrorPolicy#ERROR_COLUMN}), row for row and partition for partition. Lazy like any
     * Dataset transformation, except for what the driver does now: look up the pipeline's URL and,
     * without an {@link #outputSchema}, score the first row once to learn the output columns.
     *
     * @throws ConfigurationException an input column infer4j cannot send, an output name that is
     *         already an input column, no such workspace, or an empty Dataset without an output schema
     */
    public Dataset<Row> score(Dataset<Row> rows) {
        Objects.requireNonNull(rows, "rows");
        StructType schema = rows.schema();
        int[] inputs = inputIndexes(schema);
        RowTables.check(schema, inputs);
        WallarooClient client = ExecutorClients.client(settings);
        String url = targetUrl != null ? targetUrl : resolve(client);
        boolean arrow = format != null ? format == InferenceFormat.ARROW
                : arrowAvailable() && !PartitionScoring.arrowRefused(url);
        StructType outputs = outputSchema;
        if (outputs == null) {
            List<Row> first = rows.limit(1).collectAsList();
            if (first.isEmpty()) {
                throw new ConfigurationException(null, "the Dataset is empty, so its output columns cannot be discovered;"
                        + " give outputSchema(...)");
            }
            Table one = RowTables.toTable(first, schema, inputs);
            InferenceResult answer;
            try {
                answer = client.pipelines().infer(InferenceTarget.url(url), one, options(arrow));
            } catch (UnsupportedByServerException e) {
                if (!arrow || format != null) {
                    throw e;
                }
                PartitionScoring.refuseArrow(url);
                arrow = false;
                answer = client.pipelines().infer(InferenceTarget.url(url), one, options(false));
            }
            outputs = SparkValues.discover(answer.table(), prefixes);
        }
        List<StructField> all = new ArrayList<>(Arrays.asList(schema.fields()));
        for (StructField f : outputs.fields()) {
            if (Arrays.asList(schema.fieldNames()).contains(f.name())) {
                throw new ConfigurationException(null, "output column '" + f.name() + "' is already an input column");
            }
            all.add(DataTypes.createStructField(f.name(), f.dataType(), true));
        }
        if (errorPolicy == ErrorPolicy.ERROR_COLUMN) {
            all.add(DataTypes.createStructField(ERROR_COLUMN, DataTypes.StringType, true));
        }
        StructType result = DataTypes.createStructType(all);
        boolean java8Time = Boolean.parseBoolean(rows.sparkSession().conf().get("spark.sql.datetime.java8API.enabled", "false"));
        PartitionScoring fn = new PartitionScoring(settings, url, batchRows, concurrency, retries, errorPolicy, schema,
                inputs, outputs, arrow, java8Time);
        return rows.mapPartitions(fn, Encoders.row(result));
    }

    private static InferOptions options(boolean arrow) {
        return InferOptions.builder().format(arrow ? InferenceFormat.ARROW : InferenceFormat.PANDAS_RECORDS).build();
    }

    private int[] inputIndexes(StructType schema) {
        if (inputColumns == null) {
            int[] all = new int[schema.length()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        List<String> names = Arrays.asList(schema.fieldNames());
        int[] idx = new int[inputColumns.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = names.indexOf(inputColumns.get(i));
            if (idx[i] < 0) {
                throw new ConfigurationException(null, "input column '" + inputColumns.get(i) + "' is not in the Dataset; it has " + names);
            }
        }
        return idx;
    }

    private String resolve(WallarooClient client) {
        Workspace ws = client.workspaces().findByName(workspaceName).orElseThrow(() -> new ConfigurationException(null,
                "no workspace named '" + workspaceName + "' at " + settings.apiUrl()));
        return client.externalUrls().external(ws.id(), pipelineName).toString();
    }

    /** The target and options, never a secret. */
    @Override
    public String toString() {
        return "SparkScorer[" + (targetUrl != null ? targetUrl : "pipeline " + pipelineName + " in workspace " + workspaceName)
                + ", batchRows=" + batchRows + ", concurrencyPerExecutor=" + concurrency + ", errorPolicy=" + errorPolicy
                + ", outputs=" + (outputSchema != null ? outputSchema.simpleString() : prefixes) + ", " + settings + "]";
    }
}
