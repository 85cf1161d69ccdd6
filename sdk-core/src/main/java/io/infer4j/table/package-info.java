/**
 * The typed, columnar, immutable {@link io.infer4j.table.Table}: columns in primitive arrays
 * (int64, float64, float32, bool, string, timestamp, tensor, JSON) with per-cell nulls, an
 * optional pandas-style {@link io.infer4j.table.Index}, and builders. Wire formats are in
 * {@code io.infer4j.table.codec}.
 */
package io.infer4j.table;
