/** sdk-spark's executor side: the per-JVM client cache, Row and Table conversions, the partition function. Not API. */
package io.infer4j.spark.internal;
