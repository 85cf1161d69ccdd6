package io.infer4j.spark.examples;

import static org.apache.spark.sql.functions.expr;

import io.infer4j.core.ConfigEnvironment;
import io.infer4j.core.Settings;
import io.infer4j.spark.ErrorPolicy;
import io.infer4j.spark.SparkScorer;
import io.infer4j.spark.SparkScoring;
import io.infer4j.spark.WallarooSparkSettings;
import io.infer4j.testkit.LocalPlatform;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scores 200,000 credit-card transactions (29 floats each, column {@code tensor}) in Spark
 * against the ccfraud pipeline, and counts the suspicious ones. It lives in sdk-spark's test
 * sources rather than in sdk-examples: Spark needs its own Jackson (docs/spark.md, "Jackson"),
 * which the other examples do not run on.
 *
 * <p>Embedded {@link LocalPlatform} unless {@code WALLAROO_URL} is set (then the settings come
 * from {@link WallarooSparkSettings#fromEnv()} and the pipeline from {@code -Dpipeline=} and
 * {@code -Dworkspace=}); Spark's master from {@code -Dspark.master} (default {@code local[2]});
 * the row count from {@code -Drows}.
 *
 * <pre>mvn -B -q -pl sdk-spark -am verify -Drun=SparkBatchScoring</pre>
 */
public final class SparkBatchScoring {
    private SparkBatchScoring() {
    }

    /** Runs the job and prints the throughput, the schema and a few scored rows. */
    public static void main(String[] args) {
        long rows = Long.getLong("rows", 200_000);
        boolean real = ConfigEnvironment.system().get(Settings.WALLAROO_URL).isPresent();
        LocalPlatform local = real ? null : LocalPlatform.start();
        SparkSession spark = SparkSession.builder().appName("infer4j SparkBatchScoring")
                .master(System.getProperty("spark.master", "local[2]"))
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            WallarooSparkSettings settings = real ? WallarooSparkSettings.fromEnv()
                    : WallarooSparkSettings.builder().apiUrl(local.wallarooUrl()).login(local.user(), local.password()).build();
            System.out.println((real ? "WALLAROO_URL is set: scoring at " : "WALLAROO_URL is not set: scoring at the embedded LocalPlatform, ")
                    + settings.apiUrl());

            // Made by Spark itself, in 4 partitions: 29 pseudo-random values in (-2, 2) per row, as the
            // ccfraud model takes them.
            Dataset<Row> transactions = spark.range(0, rows, 1, 4).withColumn("tensor",
                    expr("transform(sequence(0, 28), i -> (sin(id * 12.9898 + i * 78.233) * 43758.5453) % 1 * 2)"));

            SparkScorer scorer = SparkScoring.wallaroo(settings)
                    .pipeline(System.getProperty("pipeline", LocalPlatform.FRAUD_PIPELINE),
                            System.getProperty("workspace", "ccfraudworkspace"))
                    .inputColumns("tensor")          // the id stays in the result but is not sent
                    .batchRows(10_000)               // rows per request
                    .concurrencyPerExecutor(4)       // requests in flight per executor JVM
                    .errorPolicy(ErrorPolicy.ERROR_COLUMN);
            Dataset<Row> scored = scorer.score(transactions)
                    .withColumn("score", expr("element_at(`out.dense_1`, 1)"));

            long start = System.nanoTime();
            Row summary = scored.selectExpr("count(*)", "count(score)", "count_if(score > 0.5)",
                    "count(" + SparkScorer.ERROR_COLUMN + ")").first();
            long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);

            System.out.printf(Locale.ROOT, "scored %d of %d rows in %d partitions in %.1f s: %,.0f rows/s%n",
                    summary.getLong(1), summary.getLong(0), scored.rdd().getNumPartitions(), millis / 1000.0,
                    summary.getLong(1) * 1000.0 / millis);
            System.out.printf(Locale.ROOT, "suspicious (score > 0.5): %d; rows that failed: %d%n",
                    summary.getLong(2), summary.getLong(3));
            if (local != null) {
                System.out.println("token requests for the whole job: " + local.tokenRequests());
            }
            System.out.println("schema: " + scored.schema().simpleString());
            scored.select("id", "score").show(5, false);
        } finally {
            spark.stop();
            if (local != null) {
                local.close();
            }
        }
    }
}
