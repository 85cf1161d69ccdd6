package io.infer4j.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.infer4j.core.error.DecodeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * infer4j's own Jackson setup. Never the user's global mapper: changing theirs must not change
 * how we read Wallaroo or omega-ml, and ours must not leak into their application.
 *
 * <ul>
 *   <li>unknown properties are tolerated (servers add fields every release);</li>
 *   <li>bare {@code NaN} / {@code Infinity} are accepted (omega-ml sends them);</li>
 *   <li>integers stay integers: {@code long} or {@code BigInteger}, never routed through double;</li>
 *   <li>nesting depth is bounded so hostile bodies cannot cause a StackOverflowError;</li>
 *   <li>decimals are parsed with Jackson's fast, correctly rounded parser (no String per number).</li>
 * </ul>
 */
public final class Json {
    /** Maximum JSON nesting depth we accept (Jackson's default is 1000; our data is shallow). */
    public static final int MAX_NESTING_DEPTH = 500;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // Parses decimals from the parser's buffer (correctly rounded, as Double.parseDouble):
            // the default path made a String per number, over half of what decoding a float-heavy answer allocated.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    /** The shared, pre-configured mapper (thread-safe; do not reconfigure). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The streaming factory behind {@link #mapper()}, for codecs. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /** Parses a tree, mapping any parse failure to {@link DecodeException}. */
    public static JsonNode readTree(byte[] body, String what) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.nullNode() : node;
        } catch (IOException e) {
            throw decodeFailure(what, e, body);
        }
    }

    /** Serialises a value to bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Turns a Jackson (or other I/O) failure while reading {@code what} into a
     * {@link DecodeException} that names the field path and offset and shows a short snippet.
     */
    public static DecodeException decodeFailure(String what, Exception e, byte[] bodyOrNull) {
        String location = null;
        long offset = -1;
        String detail = e.getMessage();
        if (e instanceof JsonProcessingException) {
            JsonProcessingException jpe = (JsonProcessingException) e;
            detail = jpe.getOriginalMessage();
            if (jpe.getLocation() != null) {
                offset = jpe.getLocation().getCharOffset() >= 0
                        ? jpe.getLocation().getCharOffset() : jpe.getLocation().getByteOffset();
            }
            if (e instanceof com.fasterxml.jackson.databind.JsonMappingException) {
                String path = pathOf((com.fasterxml.jackson.databind.JsonMappingException) e);
                location = path.isEmpty() ? null : path;
            }
        }
        StringBuilder msg = new StringBuilder("Cannot decode ").append(what).append(": ").append(detail);
        if (location != null) {
            msg.append(" at ").append(location);
        }
        if (offset >= 0) {
            msg.append(" (offset ").append(offset).append(')');
        }
        if (bodyOrNull != null) {
            msg.append("; body starts: ").append(snippet(bodyOrNull, offset));
        }
        return new DecodeException(msg.toString(), location, offset, e);
    }

    private static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Up to 120 printable characters of {@code body}, around {@code offset} when known. */
    public static String snippet(byte[] body, long offset) {
        String text = new String(body, 0, Math.min(body.length, 64 * 1024), StandardCharsets.UTF_8);
        int from = offset > 60 && offset < text.length() ? (int) offset - 60 : 0;
        int to = Math.min(text.length(), from + 120);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return "'" + Redaction.maskJsonSecrets(sb.toString()) + (to < text.length() ? "...'" : "'");
    }

    /** Whether the parser is positioned on JSON {@code null} or an empty document. */
    public static boolean isEmptyDocument(JsonParser p) throws IOException {
        return p.currentToken() == null || p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
    }
}
