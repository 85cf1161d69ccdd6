package io.infer4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.arrow.ArrowTables;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.core.error.UnprocessableEntityException;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.testkit.RecordedRequest;
import io.infer4j.testkit.ServerVersion;
import io.infer4j.testkit.internal.BuiltinModels;
import io.infer4j.wallaroo.InferenceFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExplainMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Spark (local[2]: the executors are threads of this JVM) against the testkit's platform:
 * the fraud model's score of every row is recomputed from the row's own input.
 */
class SparkScoringTest {
    private static final String USER = "spark-scorer";
    private static final String PASSWORD = "Pw-for-spark-9c41e7";
    private static final AtomicInteger SETTINGS = new AtomicInteger();

    static SparkSession spark;
    static LocalPlatform platform;

    @BeforeAll
    static void start() {
        spark = Spark.start("infer4j-scoring");
        platform = LocalPlatform.builder().user(USER, PASSWORD).start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
        platform.close();
    }

    /** Settings no other test used, so this test's client is new and logs in itself. */
    private static WallarooSparkSettings freshSettings() {
        return WallarooSparkSettings.builder().apiUrl(platform.wallarooUrl()).login(USER, PASSWORD)
                .inferenceTimeout(Duration.ofSeconds(30 + SETTINGS.incrementAndGet())).build();
    }

    /** {@code rows} fraud inputs in {@code partitions} partitions of consecutive ids, built by Spark itself. */
    private static Dataset<Row> fraudRows(long rows, int partitions) {
        return spark.range(0, rows, 1, partitions)
                .withColumn("tensor", expr("transform(sequence(0, " + (BuiltinModels.FRAUD_WIDTH - 1)
                        + "), i -> sin(id * 0.37 + i) * 2)"))
                .withColumn("pid", spark_partition_id());
    }

    private static final StructType CHECKED = DataTypes.createStructType(List.of(
            DataTypes.createStructField("id", DataTypes.LongType, false),
            DataTypes.createStructField("pid", DataTypes.IntegerType, false),
            DataTypes.createStructField("taskPartition", DataTypes.IntegerType, false),
            DataTypes.createStructField("status", DataTypes.StringType, false)));

    /**
     * Per scored row: its id, the partition it was generated in and the one it is in now, and
     * "ok", "wrong" (a score that is not the formula's), or "error: ..." (nulls and the error column).
     */
    private static List<Row> check(Dataset<Row> scored) {
        // Rows inside mapPartitions carry no schema, so the positions are taken here, on the driver.
        List<String> names = java.util.Arrays.asList(scored.schema().fieldNames());
        int idAt = names.indexOf("id");
        int pidAt = names.indexOf("pid");
        int tensorAt = names.indexOf("tensor");
        int scoreAt = names.indexOf("out.dense_1");
        int errorAt = names.indexOf(SparkScorer.ERROR_COLUMN);
        MapPartitionsFunction<Row, Row> f = rows -> {
            int partition = TaskContext.getPartitionId();
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                double[] x = r.<Double>getList(tensorAt).stream().mapToDouble(Double::doubleValue).toArray();
                String status;
                if (errorAt >= 0 && !r.isNullAt(errorAt)) {
                    status = r.isNullAt(scoreAt) ? "error: " + r.getString(errorAt) : "wrong";
                } else {
                    List<Number> score = r.isNullAt(scoreAt) ? null : r.getList(scoreAt);
                    status = score != null && score.size() == 1 && score.get(0).floatValue() == BuiltinModels.fraud(x)
                            ? "ok" : "wrong";
                }
                out.add(RowFactory.create(r.getLong(idAt), r.getInt(pidAt), partition, status));
            }
            return out.iterator();
        };
        return scored.mapPartitions(f, Encoders.row(CHECKED)).collectAsList();
    }

    @Test
    void scores200kRowsRowForRowInTheirPartitionsWithOneLogin() {
        platform.clearRequests();
        long tokens = platform.tokenRequests();
        long infers = platform.inferenceRequests();
        Dataset<Row> input = fraudRows(200_000, 4);
        Dataset<Row> scored = SparkScoring.wallaroo(freshSettings()).pipeline(LocalPlatform.FRAUD_PIPELINE, "ccfraudworkspace")
                .inputColumns("tensor").batchRows(10_000).concurrencyPerExecutor(4).score(input);

        assertThat(scored.schema().fieldNames()).containsExactly("id", "tensor", "pid", "out.dense_1");
        assertThat(scored.rdd().getNumPartitions()).isEqualTo(4);
        List<Row> checked = check(scored);

        assertThat(checked).hasSize(200_000);
        for (int i = 0; i < checked.size(); i++) {
            Row r = checked.get(i);
            assertThat(r.getLong(0)).as("row order").isEqualTo(i);
            assertThat(r.getInt(2)).as("partition of row %d", i).isEqualTo(r.getInt(1));
        }
        assertThat(checked).extracting(r -> r.getString(3)).containsOnly("ok");
        // One Keycloak login for the driver's lookups and every task: local executors share the JVM's client.
        assertThat(platform.tokenRequests() - tokens).isEqualTo(1);
        // The one-row discovery call on the driver, then 20 chunks of 10,000 rows.
        assertThat(platform.inferenceRequests() - infers).isEqualTo(1 + 20);
        List<RecordedRequest> sent = platform.requests().stream().filter(r -> "wallaroo:infer".equals(r.operation())).toList();
        assertThat(sent).isNotEmpty().allSatisfy(r -> assertThat(r.header("content-type")).isEqualTo(ArrowTables.FILE_MEDIA_TYPE));
    }

    @Test
    void anExpiredTokenIsRenewedOnceForAllTasksNotPerTask() {
        StructType out = DataTypes.createStructType(List.of(
                DataTypes.createStructField("out.dense_1", DataTypes.createArrayType(DataTypes.FloatType, false), true)));
        SparkScorer scorer = SparkScoring.wallaroo(freshSettings()).target(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE))
                .inputColumns("tensor").outputSchema(out).batchRows(1_000);
        platform.clearRequests();
        assertThat(check(scorer.score(fraudRows(8_000, 4)))).extracting(r -> r.getString(3)).hasSize(8_000).containsOnly("ok");
        assertThat(platform.tokenRequests()).isEqualTo(1);

        // The server now rejects that token: the next job's 4 tasks share one renewal.
        platform.faults().expireTokens();
        assertThat(check(scorer.score(fraudRows(8_000, 4)))).extracting(r -> r.getString(3)).hasSize(8_000).containsOnly("ok");
        assertThat(platform.tokenRequests()).isEqualTo(2);
    }

    @Test
    void retriesRide503sAndDroppedConnections() {
        Dataset<Row> scored = SparkScoring.wallaroo(freshSettings()).target(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE))
                .inputColumns("tensor").batchRows(2_500).retries(2).score(fraudRows(40_000, 4));
        var unavailable = platform.faults().onOperation("wallaroo:infer").times(3).status(503);
        var dropped = platform.faults().onOperation("wallaroo:infer").times(2).dropConnection();
        try {
            List<Row> checked = check(scored);
            assertThat(unavailable.hits()).isEqualTo(3);
            assertThat(dropped.hits()).isEqualTo(2);
            assertThat(checked).hasSize(40_000).extracting(r -> r.getString(3)).containsOnly("ok");
        } finally {
            platform.faults().clear();
        }
    }

    @Test
    void failPolicyFailsTheJobWithTheChunksTypedError() {
        Dataset<Row> scored = SparkScoring.wallaroo(freshSettings()).target(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE))
                .inputColumns("tensor").batchRows(2_500).errorPolicy(ErrorPolicy.FAIL).score(fraudRows(40_000, 4));
        platform.faults().onOperation("wallaroo:infer").times(1).status(422);
        try {
            assertThatThrownBy(scored::count).satisfies(e -> {
                List<Throwable> chain = new ArrayList<>();
                for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
                    chain.add(t);
                }
                assertThat(chain).anySatisfy(t -> assertThat(t).isInstanceOf(UnprocessableEntityException.class));
            });
        } finally {
            platform.faults().clear();
        }
    }

    @Test
    void errorColumnPolicyKeepsTheOtherRowsAndMarksTheFailedChunk() {
        Dataset<Row> scored = SparkScoring.wallaroo(freshSettings()).target(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE))
                .inputColumns("tensor").batchRows(2_500).errorPolicy(ErrorPolicy.ERROR_COLUMN).score(fraudRows(40_000, 4)).cache();
        assertThat(scored.schema().fieldNames()).endsWith("out.dense_1", SparkScorer.ERROR_COLUMN);
        var failing = platform.faults().onOperation("wallaroo:infer").times(1).status(422);
        platform.faults().onOperation("wallaroo:infer").times(2).status(503);
        try {
            List<Row> checked = check(scored);
            assertThat(failing.hits()).isEqualTo(1);
            assertThat(checked).hasSize(40_000);
            List<Row> failed = checked.stream().filter(r -> r.getString(3).startsWith("error: ")).toList();
            assertThat(failed).hasSize(2_500);
            assertThat(failed.get(0).getString(3)).contains("422");
            // The failed chunk is 2,500 consecutive rows of one partition.
            long first = failed.get(0).getLong(0);
            assertThat(failed).extracting(r -> r.getLong(0)).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(first, first + 2_500).boxed().toList());
            assertThat(checked).filteredOn(r -> !r.getString(3).startsWith("error: "))
                    .hasSize(37_500).extracting(r -> r.getString(3)).containsOnly("ok");
        } finally {
            platform.faults().clear();
            scored.unpersist();
        }
    }

    @Test
    void pandasRecordsAndAGivenOutputSchemaNeedNoDiscoveryCall() {
        long infers = platform.inferenceRequests();
        StructType out = DataTypes.createStructType(List.of(
                DataTypes.createStructField("out.dense_1", DataTypes.createArrayType(DataTypes.FloatType, false), true)));
        Dataset<Row> scored = SparkScoring.wallaroo(freshSettings()).target(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE))
                .format(InferenceFormat.PANDAS_RECORDS).outputSchema(out).inputColumns("tensor").batchRows(1_000)
                .score(fraudRows(5_000, 2));
        assertThat(platform.inferenceRequests()).isEqualTo(infers);
        assertThat(check(scored)).hasSize(5_000).extracting(r -> r.getString(3)).containsOnly("ok");
        // Two partitions of 2,500 rows, each in chunks of 1,000, 1,000 and 500.
        assertThat(platform.inferenceRequests() - infers).isEqualTo(6);
        assertThat(platform.requests().stream().filter(r -> "wallaroo:infer".equals(r.operation())).skip(infers))
                .allSatisfy(r -> assertThat(r.header("content-type")).startsWith("application/json"));
    }

    @Test
    void aServerWithoutArrowGetsPandasRecordsOnTheDriverAndOnTheExecutors() {
        try (LocalPlatform legacy = LocalPlatform.builder().serverVersion(ServerVersion.LEGACY_2022).start()) {
            WallarooSparkSettings settings = WallarooSparkSettings.builder().apiUrl(legacy.wallarooUrl())
                    .login(legacy.user(), legacy.password()).build();
            String url = legacy.inferenceUrl(LocalPlatform.FRAUD_PIPELINE);
            // Discovery on the driver meets the refusal first.
            Dataset<Row> discovered = SparkScoring.wallaroo(settings).target(url).inputColumns("tensor").batchRows(500)
                    .score(fraudRows(2_000, 2));
            assertThat(check(discovered)).hasSize(2_000).extracting(r -> r.getString(3)).containsOnly("ok");
            legacy.clearRequests();

            // With the schema given, the executors meet it; a second target URL so that nothing is remembered.
            String other = url + "?again=1";
            assertThat(io.infer4j.spark.internal.PartitionScoring.arrowRefused(other)).isFalse();
            StructType out = DataTypes.createStructType(List.of(
                    DataTypes.createStructField("out.dense_1", DataTypes.createArrayType(DataTypes.DoubleType, false), true)));
            Dataset<Row> given = SparkScoring.wallaroo(settings).target(other).outputSchema(out).inputColumns("tensor")
                    .batchRows(500).score(fraudRows(2_000, 2));
            assertThat(check(given)).hasSize(2_000).extracting(r -> r.getString(3)).containsOnly("ok");
            assertThat(legacy.requests().stream().filter(r -> "wallaroo:infer".equals(r.operation())))
                    .anySatisfy(r -> assertThat(r.header("content-type")).isEqualTo(ArrowTables.FILE_MEDIA_TYPE))
                    .anySatisfy(r -> assertThat(r.header("content-type")).startsWith("application/json"));
        }
    }

    @Test
    void secretsAreNeitherInThePlanNorInToString() {
        WallarooSparkSettings settings = freshSettings();
        SparkScorer scorer = SparkScoring.wallaroo(settings).target(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE))
                .inputColumns("tensor");
        Dataset<Row> scored = scorer.score(fraudRows(10, 1));
        assertThat(scored.count()).isEqualTo(10);
        String plans = scored.queryExecution().toString() + scored.queryExecution().explainString(ExplainMode.fromString("extended"))
                + scored.queryExecution().explainString(ExplainMode.fromString("formatted"));
        assertThat(plans).contains("MapPartitions").doesNotContain(PASSWORD);
        assertThat(scorer.toString()).doesNotContain(PASSWORD);
        assertThat(settings.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void refusesWhatItCannotSendBeforeAnyJob() {
        SparkScorer scorer = SparkScoring.wallaroo(freshSettings()).target(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE));
        Dataset<Row> maps = spark.range(3).withColumn("m", expr("map('a', id)"));
        assertThatThrownBy(() -> scorer.score(maps)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'m'").hasMessageContaining("map<string,bigint>");
        assertThatThrownBy(() -> scorer.inputColumns("nope").score(fraudRows(3, 1))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nope'");
        assertThatThrownBy(() -> SparkScoring.wallaroo(freshSettings()).pipeline(LocalPlatform.FRAUD_PIPELINE, "no-such-ws")
                .inputColumns("tensor").score(fraudRows(3, 1))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no-such-ws");
        assertThatThrownBy(() -> scorer.inputColumns("tensor").score(fraudRows(0, 1))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("outputSchema");
        assertThat(col("id")).isNotNull();
    }
}
