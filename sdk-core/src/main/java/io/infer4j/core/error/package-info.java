/**
 * The one unchecked exception hierarchy of infer4j, rooted at
 * {@link io.infer4j.core.error.Infer4jException}: {@link io.infer4j.core.error.ServiceException}
 * (one subclass per HTTP status class), {@link io.infer4j.core.error.TransportException} and
 * {@link io.infer4j.core.error.ClientTimeoutException}, {@link io.infer4j.core.error.DecodeException},
 * {@link io.infer4j.core.error.BodyNotReplayableException} and
 * {@link io.infer4j.core.error.AuthenticationException}.
 */
package io.infer4j.core.error;
