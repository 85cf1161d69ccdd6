/**
 * {@link io.infer4j.endpoint.ModelEndpoint}: health, JSON, {@code text/csv} and multipart calls to
 * plain HTTP model services, with the same auth, retries, timeouts and errors as the platform
 * clients.
 */
package io.infer4j.endpoint;
