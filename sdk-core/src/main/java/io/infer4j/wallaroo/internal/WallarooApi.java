package io.infer4j.wallaroo.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.internal.Decoders;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.core.internal.Json;
import io.infer4j.core.internal.Operation;
import io.infer4j.core.internal.ResponseDecoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * What every Wallaroo resource client shares: the transport and the MLOps base URL
 * ({@code {apiUrl}/v1/api/}). Almost every MLOps call is {@code POST <group>/<verb>} with a JSON
 * body, so one helper builds them all. Not API.
 */
public final class WallarooApi {
    private final HttpTransport transport;
    private final HttpUrl base;

    /** Creates the helper over {@code transport} for the API rooted at {@code base} (ends in {@code /v1/api/}). */
    public WallarooApi(HttpTransport transport, HttpUrl base) {
        this.transport = transport;
        this.base = base;
    }

    /** The transport. */
    public HttpTransport transport() {
        return transport;
    }

    /** {@code {apiUrl}/v1/api/<path>}. */
    public HttpUrl url(String path) {
        return base.resolve(path);
    }

    /** A JSON POST operation to {@code path}. */
    public <T> Operation.Builder<T> post(String name, String path, Object body, ResponseDecoder<T> decoder) {
        return Operation.postJson(name, url(path), body == null ? Map.of() : body, decoder);
    }

    /** POSTs and databinds the answer into {@code type}; {@code idempotent} marks reads and lists. */
    public <T> T call(String name, String path, Object body, boolean idempotent, Class<T> type) {
        return transport.execute(post(name, path, body, Decoders.json(type, name + " response"))
                .idempotent(idempotent).build(), RequestOptions.NONE);
    }

    /** POSTs and databinds the answer into a generic type. */
    public <T> T call(String name, String path, Object body, boolean idempotent, TypeReference<T> type) {
        return transport.execute(post(name, path, body, Decoders.json(type, name + " response"))
                .idempotent(idempotent).build(), RequestOptions.NONE);
    }

    /** POSTs, reads the answer as a tree and maps it with {@code mapper} (DecodeException on bad shapes). */
    public <T> T call(String name, String path, Object body, boolean idempotent, Function<JsonNode, T> mapper) {
        JsonNode tree = transport.execute(post(name, path, body, Decoders.tree(name + " response"))
                .idempotent(idempotent).build(), RequestOptions.NONE);
        return mapper.apply(tree);
    }

    /** Converts a tree into {@code type}, mapping failures to {@link io.infer4j.core.error.DecodeException}. */
    public static <T> T convert(JsonNode node, Class<T> type, String what) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (Exception e) {
            throw Json.decodeFailure(what, e, null);
        }
    }

    /** {@code value}, or a DecodeException naming the missing {@code field} of {@code what}'s answer. */
    public static <T> T required(T value, String field, String what) {
        if (value == null) {
            throw new io.infer4j.core.error.DecodeException("Cannot decode " + what + " response: field '" + field
                    + "' is missing", field, -1, null);
        }
        return value;
    }

    /**
     * A JSON object body from alternating keys and values; {@code null} values are left out, so
     * optional request fields are simply absent (the server's defaults apply).
     */
    public static Map<String, Object> body(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("body() needs key/value pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return m;
    }
}
