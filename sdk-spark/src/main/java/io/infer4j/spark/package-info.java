/**
 * Scoring Spark Datasets against Wallaroo pipelines: {@link io.infer4j.spark.SparkScoring} is the
 * entry point, {@link io.infer4j.spark.WallarooSparkSettings} the serializable connection settings
 * that every executor builds its one client from (docs/spark.md).
 */
package io.infer4j.spark;
