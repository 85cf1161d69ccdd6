package io.infer4j.core;

import io.infer4j.core.auth.AuthProvider;
import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;

/**
 * Settings shared by every infer4j client ({@code WallarooClient}, {@code OmegaClient},
 * {@code ModelEndpoint}): HTTP client, credentials, timeouts, retries, clock and logging.
 * Immutable; each top-level client builder fills one.
 *
 * <p>If you pass your own {@link OkHttpClient} (proxy, custom TLS, interceptors, a shared
 * connection pool), infer4j derives its client from it with {@code newBuilder()} so the pool and
 * dispatcher are shared, and never shuts it down: {@code close()} releases only what infer4j
 * created.
 */
public final class ClientOptions {
    /** Response and request headers that may appear in DEBUG logs by default. */
    public static final Set<String> DEFAULT_LOGGED_HEADERS = Set.of(
            "content-type", "content-length", "retry-after", "location", "x-request-id",
            "x-iteration-cursor", "user-agent");
    /** Headers that are never logged, even if allow-listed. */
    public static final Set<String> NEVER_LOGGED_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "apikey");

    private final OkHttpClient httpClient;
    private final AuthProvider auth;
    private final Timeouts timeouts;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Set<String> loggedHeaders;
    private final Executor asyncExecutor;

    private ClientOptions(Builder b) {
        this.httpClient = b.httpClient;
        this.auth = Objects.requireNonNullElse(b.auth, AuthProvider.none());
        this.timeouts = Objects.requireNonNullElse(b.timeouts, Timeouts.DEFAULT);
        this.retryPolicy = Objects.requireNonNullElse(b.retryPolicy, RetryPolicy.DEFAULT);
        this.clock = Objects.requireNonNullElse(b.clock, Clock.systemUTC());
        this.sleeper = Objects.requireNonNullElse(b.sleeper, Sleeper.SYSTEM);
        this.loggedHeaders = Set.copyOf(b.loggedHeaders);
        this.asyncExecutor = b.asyncExecutor;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder().auth(auth).timeouts(timeouts).retryPolicy(retryPolicy).clock(clock)
                .sleeper(sleeper).asyncExecutor(asyncExecutor);
        b.httpClient = httpClient;
        b.loggedHeaders.clear();
        b.loggedHeaders.addAll(loggedHeaders);
        return b;
    }

    /** The caller's own HTTP client, if one was given. */
    public Optional<OkHttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    /** Credentials for every request. */
    public AuthProvider auth() {
        return auth;
    }

    /** Default timeouts. */
    public Timeouts timeouts() {
        return timeouts;
    }

    /** Default retry policy. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Clock used for deadlines, token expiry and {@code Retry-After} dates. */
    public Clock clock() {
        return clock;
    }

    /** How backoff waits are performed. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** Lower-case header names that may appear in DEBUG logs. */
    public Set<String> loggedHeaders() {
        return loggedHeaders;
    }

    /** Executor for async calls, if the caller supplied one (otherwise the client owns one). */
    public Optional<Executor> asyncExecutor() {
        return Optional.ofNullable(asyncExecutor);
    }

    @Override
    public String toString() {
        return "ClientOptions[auth=" + auth + ", timeouts=" + timeouts + ", retryPolicy=" + retryPolicy
                + ", ownHttpClient=" + (httpClient != null) + "]";
    }

    /** Builds {@link ClientOptions}. */
    public static final class Builder {
        private OkHttpClient httpClient;
        private AuthProvider auth;
        private Timeouts timeouts;
        private RetryPolicy retryPolicy;
        private Clock clock;
        private Sleeper sleeper;
        private final Set<String> loggedHeaders = new TreeSet<>(DEFAULT_LOGGED_HEADERS);
        private Executor asyncExecutor;

        private Builder() {
        }

        /** Use (a derivative of) this OkHttp client; infer4j will never shut it down. */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** Credentials (default: none). */
        public Builder auth(AuthProvider auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Default timeouts (default {@link Timeouts#DEFAULT}). */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /** Default retry policy (default {@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** Clock for deadlines (tests pass a fake one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sleeper for backoff (tests pass one that records instead of sleeping). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Adds headers whose values may be logged at DEBUG. {@code Authorization}, cookies and API
         * key headers are refused: they can never be logged.
         */
        public Builder logHeaders(Collection<String> names) {
            for (String n : names) {
                String lower = n.toLowerCase(Locale.ROOT);
                if (NEVER_LOGGED_HEADERS.contains(lower)) {
                    throw new IllegalArgumentException("header " + n + " carries credentials and can never be logged");
                }
                loggedHeaders.add(lower);
            }
            return this;
        }

        /** Executor for async calls; the caller keeps ownership. */
        public Builder asyncExecutor(Executor asyncExecutor) {
            this.asyncExecutor = asyncExecutor;
            return this;
        }

        /** The options. */
        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
