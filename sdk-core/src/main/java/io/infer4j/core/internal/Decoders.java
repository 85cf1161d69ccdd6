package io.infer4j.core.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import okhttp3.ResponseBody;

/** Common {@link ResponseDecoder}s for small JSON payloads. */
public final class Decoders {
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private Decoders() {
    }

    /** Ignores the body. */
    public static ResponseDecoder<Void> discard() {
        return response -> null;
    }

    /** The raw body bytes. */
    public static ResponseDecoder<byte[]> bytes() {
        return response -> body(response.body());
    }

    /** The body as a JSON tree; an empty body is JSON {@code null}. */
    public static ResponseDecoder<JsonNode> tree(String what) {
        return response -> {
            byte[] b = body(response.body());
            return b.length == 0 ? Json.mapper().nullNode() : Json.readTree(b, what);
        };
    }

    /** Databinds the body into {@code type}; an empty body, {@code null} or {@code {}} all give an empty instance. */
    public static <T> ResponseDecoder<T> json(Class<T> type, String what) {
        return json(Json.mapper().constructType(type), what);
    }

    /** Databinds the body into a generic type. */
    public static <T> ResponseDecoder<T> json(TypeReference<T> type, String what) {
        return json(Json.mapper().constructType(type), what);
    }

    /** Databinds {@code bytes} into {@code type}, mapping failures to DecodeException. */
    public static <T> T read(byte[] bytes, JavaType type, String what) {
        byte[] b = isNullOrEmpty(bytes) && !type.isContainerType() ? EMPTY_OBJECT : bytes;
        try {
            T value = Json.mapper().readValue(b, type);
            if (value == null) {
                throw new io.infer4j.core.error.DecodeException("Cannot decode " + what + ": the body is empty or null");
            }
            return value;
        } catch (IOException e) {
            throw Json.decodeFailure(what, e, bytes);
        }
    }

    private static <T> ResponseDecoder<T> json(JavaType type, String what) {
        return response -> read(body(response.body()), type, what);
    }

    private static boolean isNullOrEmpty(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 8), java.nio.charset.StandardCharsets.US_ASCII).trim();
        return b.length == 0 || (b.length < 8 && (s.isEmpty() || s.equals("null")));
    }

    static byte[] body(ResponseBody body) throws IOException {
        return body == null ? new byte[0] : body.bytes();
    }
}
