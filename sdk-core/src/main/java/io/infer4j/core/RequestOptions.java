package io.infer4j.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Overrides of a client's defaults: timeouts, retry policy and extra headers. Immutable;
 * {@link #NONE} changes nothing.
 *
 * <p>Give them to every call of a client with {@code withOptions(...)} on {@code WallarooClient},
 * {@code OmegaClient} or {@code ModelEndpoint}, which returns a view sharing the client's
 * connection pool, or to one inference with {@code InferOptions.Builder.requestOptions}. When
 * several apply, the most specific wins, field by field: the client's builder settings, then the
 * view's options (a view of a view: the later {@code withOptions}), then the call's own options.
 * Headers are combined; for the same name (case-insensitive) the more specific value wins. See
 * {@link #withOverrides(RequestOptions)}.
 *
 * <pre>{@code
 * RequestOptions slow = RequestOptions.builder().attemptTimeout(Duration.ofSeconds(120))
 *         .header("X-Team", "fraud").build();
 * }</pre>
 */
public final class RequestOptions {
    /** No overrides. */
    public static final RequestOptions NONE = builder().build();

    private final Duration attemptTimeout;
    private final Duration callTimeout;
    private final RetryPolicy retryPolicy;
    private final Map<String, String> headers;

    private RequestOptions(Builder b) {
        this.attemptTimeout = b.attemptTimeout;
        this.callTimeout = b.callTimeout;
        this.retryPolicy = b.retryPolicy;
        this.headers = Map.copyOf(b.headers);
    }

    /** A builder with no overrides. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these overrides. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.attemptTimeout = attemptTimeout;
        b.callTimeout = callTimeout;
        b.retryPolicy = retryPolicy;
        b.headers.putAll(headers);
        return b;
    }

    /** Shorthand for a per-attempt timeout override. */
    public static RequestOptions attemptTimeout(Duration timeout) {
        return builder().attemptTimeout(timeout).build();
    }

    /** Override of the per-attempt timeout. */
    public Optional<Duration> attemptTimeout() {
        return Optional.ofNullable(attemptTimeout);
    }

    /** Override of the whole-call timeout. */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    /** Override of the retry policy. */
    public Optional<RetryPolicy> retryPolicy() {
        return Optional.ofNullable(retryPolicy);
    }

    /** Extra headers for this request (never use them for credentials: they are not redacted by name). */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * These options with {@code overrides} applied on top: each timeout or retry policy set in
     * {@code overrides} replaces this one's, and the headers of both are kept, those of
     * {@code overrides} winning for the same name (compared case-insensitively, as HTTP does).
     */
    public RequestOptions withOverrides(RequestOptions overrides) {
        Objects.requireNonNull(overrides, "overrides");
        if (overrides == NONE || (overrides.attemptTimeout == null && overrides.callTimeout == null
                && overrides.retryPolicy == null && overrides.headers.isEmpty())) {
            return this;
        }
        if (this == NONE) {
            return overrides;
        }
        Builder b = toBuilder();
        overrides.attemptTimeout().ifPresent(d -> b.attemptTimeout = d);
        overrides.callTimeout().ifPresent(d -> b.callTimeout = d);
        overrides.retryPolicy().ifPresent(p -> b.retryPolicy = p);
        overrides.headers.forEach(b::header);
        return b.build();
    }

    /** The effective timeouts given the client's defaults. */
    public Timeouts applyTo(Timeouts defaults) {
        Timeouts t = defaults;
        if (attemptTimeout != null) {
            t = t.withAttempt(attemptTimeout);
        }
        if (callTimeout != null) {
            t = t.withCall(callTimeout);
        }
        return t;
    }

    @Override
    public String toString() {
        return "RequestOptions[attemptTimeout=" + attemptTimeout + ", callTimeout=" + callTimeout
                + ", retryPolicy=" + retryPolicy + ", headers=" + headers.keySet() + "]";
    }

    /** Builds {@link RequestOptions}. */
    public static final class Builder {
        private Duration attemptTimeout;
        private Duration callTimeout;
        private RetryPolicy retryPolicy;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /** Limit for one attempt of this request. */
        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = positive(attemptTimeout, "attemptTimeout");
            return this;
        }

        /** Limit for the whole request, retries included. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = positive(callTimeout, "callTimeout");
            return this;
        }

        /** Retry policy for this request. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Adds a header, replacing one of the same name in any letter case. */
        public Builder header(String name, String value) {
            if (name == null || name.isBlank() || value == null) {
                throw new IllegalArgumentException("header name and value must not be null or blank");
            }
            headers.keySet().removeIf(name::equalsIgnoreCase);
            headers.put(name, value);
            return this;
        }

        /** The options. */
        public RequestOptions build() {
            return new RequestOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
