/**
 * Settings shared by all infer4j clients: {@link io.infer4j.core.ClientOptions},
 * {@link io.infer4j.core.RequestOptions}, {@link io.infer4j.core.Timeouts},
 * {@link io.infer4j.core.RetryPolicy} and {@link io.infer4j.core.Sleeper}. Exceptions are in
 * {@code io.infer4j.core.error}, authentication in {@code io.infer4j.core.auth}.
 */
package io.infer4j.core;
