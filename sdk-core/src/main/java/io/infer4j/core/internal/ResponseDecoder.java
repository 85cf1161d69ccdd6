package io.infer4j.core.internal;

import java.io.IOException;
import okhttp3.Response;

/**
 * Turns a successful (2xx) response into a value. Implementations read {@code response.body()}
 * (streaming where the payload is large) and may read headers. They throw
 * {@link io.infer4j.core.error.DecodeException} for bad content; a plain {@link IOException} means
 * the connection failed while reading and is treated as a transport failure.
 *
 * @param <T> the decoded type
 */
@FunctionalInterface
public interface ResponseDecoder<T> {
    /** Decodes the response; the transport closes it afterwards. */
    T decode(Response response) throws IOException;
}
