/**
 * Streaming codecs between {@link io.infer4j.table.Table} and the wire formats of the model
 * platforms: pandas records / split / tight, the omega-ml dataset envelope, Wallaroo's legacy
 * tensor JSON, and CSV. Each has {@code read(byte[] | InputStream, options)} and
 * {@code write(..., OutputStream, options)} / {@code toBytes(...)}; bad input is an
 * {@link io.infer4j.core.error.DecodeException} naming row, column and offset. Wallaroo's answer
 * bodies (pandas-records or the legacy InferenceResult) decode into
 * {@code io.infer4j.wallaroo.InferenceResult}.
 */
package io.infer4j.table.codec;
