package io.infer4j.core.internal;

import io.infer4j.core.error.ServiceException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * One API operation, described as data: what to send, whether it is safe to repeat, and how to
 * decode the answer. Every resource client is a list of these over {@link HttpTransport}.
 *
 * @param <T> the decoded result type
 */
public final class Operation<T> {
    /** JSON media type. */
    public static final MediaType JSON = MediaType.get("application/json");

    private final String name;
    private final String method;
    private final HttpUrl url;
    private final RequestBody body;
    private final byte[] loggableBody;
    private final boolean idempotent;
    private final boolean sensitive;
    private final Map<String, String> headers;
    private final ResponseDecoder<T> decoder;
    private final UnaryOperator<ServiceException> errorMapper;

    private Operation(Builder<T> b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.method = Objects.requireNonNull(b.method, "method");
        this.url = Objects.requireNonNull(b.url, "url");
        this.body = b.body;
        this.loggableBody = b.loggableBody;
        this.idempotent = b.idempotent;
        this.sensitive = b.sensitive;
        this.headers = Map.copyOf(b.headers);
        this.decoder = Objects.requireNonNull(b.decoder, "decoder");
        this.errorMapper = b.errorMapper;
    }

    /** Starts an operation; {@code name} is a stable label for logs such as {@code pipelines.deploy}. */
    public static <T> Builder<T> builder(String name, String method, HttpUrl url, ResponseDecoder<T> decoder) {
        return new Builder<>(name, method, url, decoder);
    }

    /** A POST whose body is {@code jsonBody} serialised with {@link Json#mapper()}. */
    public static <T> Builder<T> postJson(String name, HttpUrl url, Object jsonBody, ResponseDecoder<T> decoder) {
        return new Builder<>(name, "POST", url, decoder).jsonBody(jsonBody);
    }

    /** Stable operation label used in logs. */
    public String name() {
        return name;
    }

    /** HTTP method. */
    public String method() {
        return method;
    }

    /** Target URL. */
    public HttpUrl url() {
        return url;
    }

    /** Request body or {@code null}. */
    public RequestBody body() {
        return body;
    }

    /** Body bytes that may be logged at TRACE (after masking), or {@code null}. */
    public byte[] loggableBody() {
        return loggableBody;
    }

    /** Whether repeating the operation after it reached the server is harmless. */
    public boolean idempotent() {
        return idempotent;
    }

    /** Whether bodies must never be logged (token endpoints, uploads of secrets). */
    public boolean sensitive() {
        return sensitive;
    }

    /** Extra headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Decoder for 2xx responses. */
    public ResponseDecoder<T> decoder() {
        return decoder;
    }

    /**
     * What the transport turns a non-2xx answer's exception into before it is thrown (identity
     * unless the operation knows more, e.g. that a 415 means "this server does not take Arrow").
     * Whether the answer is retried is decided by its status, not by the mapped exception.
     */
    public UnaryOperator<ServiceException> errorMapper() {
        return errorMapper;
    }

    /** Whether the body can be sent again on a retry. */
    public boolean replayable() {
        return body == null || !body.isOneShot();
    }

    /**
     * Builds an {@link Operation}.
     *
     * @param <T> the decoded result type
     */
    public static final class Builder<T> {
        private final String name;
        private final String method;
        private final HttpUrl url;
        private final ResponseDecoder<T> decoder;
        private RequestBody body;
        private byte[] loggableBody;
        private boolean idempotent;
        private boolean sensitive;
        private UnaryOperator<ServiceException> errorMapper = UnaryOperator.identity();
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(String name, String method, HttpUrl url, ResponseDecoder<T> decoder) {
            this.name = name;
            this.method = method;
            this.url = url;
            this.decoder = decoder;
        }

        /** Sends {@code value} as JSON. */
        public Builder<T> jsonBody(Object value) {
            byte[] bytes = Json.write(value);
            this.body = RequestBody.create(bytes, JSON);
            this.loggableBody = bytes;
            return this;
        }

        /** Sends these bytes with this media type. */
        public Builder<T> body(byte[] bytes, MediaType type) {
            this.body = RequestBody.create(bytes, type);
            this.loggableBody = bytes;
            return this;
        }

        /** Sends a streaming body (never logged; retried only if it is not one-shot). */
        public Builder<T> body(RequestBody body) {
            this.body = body;
            this.loggableBody = null;
            return this;
        }

        /** Marks the operation safe to repeat after it reached the server (default false). */
        public Builder<T> idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** Never logs request or response bodies of this operation. */
        public Builder<T> sensitive(boolean sensitive) {
            this.sensitive = sensitive;
            return this;
        }

        /** Adds a header. */
        public Builder<T> header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * Maps the exception of a non-2xx answer (given the parsed answer, returns it or a more
         * telling exception that keeps it as the cause); see {@link Operation#errorMapper()}.
         */
        public Builder<T> errorMapper(UnaryOperator<ServiceException> mapper) {
            this.errorMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** The operation. */
        public Operation<T> build() {
            return new Operation<>(this);
        }
    }
}
