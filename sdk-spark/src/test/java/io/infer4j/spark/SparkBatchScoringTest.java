package io.infer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.infer4j.core.ConfigEnvironment;
import io.infer4j.core.Settings;
import io.infer4j.spark.examples.SparkBatchScoring;
import io.infer4j.testkit.internal.BuiltinModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The example runs as {@code -Drun=SparkBatchScoring} does, on fewer rows, and prints what the model says. */
class SparkBatchScoringTest {
    @Test
    void theExampleScoresEveryRowAndCountsTheSuspiciousOnes() {
        assumeTrue(ConfigEnvironment.system().get(Settings.WALLAROO_URL).isEmpty(), "WALLAROO_URL is set");
        long rows = 20_000;
        String before = System.getProperty("rows");
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("rows", Long.toString(rows));
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SparkBatchScoring.main(new String[0]);
        } finally {
            System.setOut(out);
            if (before == null) {
                System.clearProperty("rows");
            } else {
                System.setProperty("rows", before);
            }
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        long suspicious = LongStream.range(0, rows).filter(id -> {
            double[] x = new double[BuiltinModels.FRAUD_WIDTH];
            for (int i = 0; i < x.length; i++) {
                x[i] = (Math.sin(id * 12.9898 + i * 78.233) * 43758.5453) % 1 * 2;
            }
            return BuiltinModels.fraud(x) > 0.5f;
        }).count();
        assertThat(printed).contains("scored 20000 of 20000 rows in 4 partitions",
                "suspicious (score > 0.5): " + suspicious + "; rows that failed: 0",
                "token requests for the whole job: 1", ",out.dense_1:array<", ",_infer4j_error:string,score:");
        Matcher m = Pattern.compile("suspicious \\(score > 0\\.5\\): (\\d+)").matcher(printed);
        assertThat(m.find()).isTrue();
        assertThat(suspicious).isBetween(rows / 20, rows / 2);
    }
}
