package io.infer4j.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: local[2] (executors are threads of the test JVM), quiet and small. */
final class Spark {
    private Spark() {
    }

    static SparkSession start(String name) {
        return SparkSession.builder().master("local[2]").appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }
}
