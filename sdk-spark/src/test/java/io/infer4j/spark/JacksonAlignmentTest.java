package io.infer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.testkit.LocalPlatform;
import io.infer4j.testkit.internal.BuiltinModels;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The class path of this JVM is Spark's (provided) plus sdk-spark's own dependencies, which is
 * what a Spark user's application gets: one Jackson, Spark's, and on it both Spark's first
 * Dataset action (where jackson-module-scala checks databind's minor) and infer4j's scoring run.
 */
class JacksonAlignmentTest {
    static SparkSession spark;
    static LocalPlatform platform;

    @BeforeAll
    static void start() {
        spark = Spark.start("jackson-alignment");
        platform = LocalPlatform.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
        platform.close();
    }

    @Test
    void oneJacksonOnTheClassPathAndItIsTheOneSparksScalaModuleAccepts() {
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> new File(p).getName()).filter(n -> n.startsWith("jackson-databind-")).collect(Collectors.toList());
        assertThat(jars).hasSize(1);

        String databind = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
        String scalaModule = com.fasterxml.jackson.module.scala.JacksonModule$.MODULE$.version().toString();
        assertThat(jars.get(0)).isEqualTo("jackson-databind-" + databind + ".jar");
        assertThat(minor(databind)).isEqualTo(minor(scalaModule));
        assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString()).isEqualTo(databind);
    }

    @Test
    void aDatasetActionAndInfer4jScoringRunInTheSameJvm() {
        // The first Dataset action is where a mismatched databind fails (RDDOperationScope's mapper).
        assertThat(spark.range(0, 1000, 1, 2).selectExpr("sum(id)").first().getLong(0)).isEqualTo(499_500L);

        Random rnd = new Random(3);
        List<Row> rows = new java.util.ArrayList<>();
        double[][] x = new double[20][];
        for (int r = 0; r < x.length; r++) {
            x[r] = rnd.doubles(BuiltinModels.FRAUD_WIDTH, -2, 2).toArray();
            rows.add(RowFactory.create((Object) Arrays.stream(x[r]).boxed().collect(Collectors.toList())));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("tensor", DataTypes.createArrayType(DataTypes.DoubleType, false), false)));
        Dataset<Row> in = spark.createDataFrame(rows, schema).repartition(2);
        WallarooSparkSettings settings = WallarooSparkSettings.builder().apiUrl(platform.wallarooUrl())
                .login(platform.user(), platform.password()).build();
        List<Row> out = SparkScoring.wallaroo(settings).target(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE))
                .batchRows(7).score(in).collectAsList();
        assertThat(out).hasSize(20);
        for (Row r : out) {
            double[] input = r.<Double>getList(0).stream().mapToDouble(Double::doubleValue).toArray();
            assertThat(r.<Number>getList(r.fieldIndex("out.dense_1"))).singleElement()
                    .satisfies(score -> assertThat(score.floatValue()).isEqualTo(BuiltinModels.fraud(input)));
        }
    }

    private static String minor(String version) {
        String[] p = version.split("\\.");
        return p[0] + "." + p[1];
    }
}
