package io.infer4j.spark;

import java.net.URI;
import java.util.Objects;

/**
 * Where a Spark job scores its rows. The entry point of sdk-spark:
 *
 * <pre>{@code
 * WallarooSparkSettings settings = WallarooSparkSettings.fromEnv();
 * Dataset<Row> scored = SparkScoring.wallaroo(settings)
 *         .pipeline("ccfraudpipeline", "ccfraudworkspace")
 *         .batchRows(10_000).concurrencyPerExecutor(4)
 *         .score(transactions);
 * }</pre>
 */
public final class SparkScoring {
    private final WallarooSparkSettings settings;

    private SparkScoring(WallarooSparkSettings settings) {
        this.settings = settings;
    }

    /** Scoring against the Wallaroo instance of {@code settings}. */
    public static SparkScoring wallaroo(WallarooSparkSettings settings) {
        return new SparkScoring(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * The deployed pipeline {@code pipelineName} of workspace {@code workspaceName}; its inference
     * URL is looked up once, on the driver, when {@link SparkScorer#score} is called.
     */
    public SparkScorer pipeline(String pipelineName, String workspaceName) {
        return new SparkScorer(settings, null, text(pipelineName, "pipelineName"), text(workspaceName, "workspaceName"));
    }

    /** A known inference URL, e.g. {@code https://host/v1/api/pipelines/infer/ccfraud-14/ccfraud}. */
    public SparkScorer target(String inferenceUrl) {
        URI url = URI.create(text(inferenceUrl, "inferenceUrl"));
        if (!url.isAbsolute()) {
            throw new IllegalArgumentException("inferenceUrl must be absolute, was " + inferenceUrl);
        }
        return new SparkScorer(settings, url.toString(), null, null);
    }

    private static String text(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return s;
    }

    @Override
    public String toString() {
        return "SparkScoring[" + settings + "]";
    }
}
