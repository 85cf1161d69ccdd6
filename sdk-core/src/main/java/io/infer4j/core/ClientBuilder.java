package io.infer4j.core;

import io.infer4j.core.auth.AuthProvider;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;

/**
 * The settings every infer4j client builder shares ({@code WallarooClient.builder()},
 * {@code OmegaClient.builder()}, {@code ModelEndpoint.builder()}): credentials, your own OkHttp
 * client, timeouts, retries, clock, sleeper, async executor and logged headers. Builders are not
 * thread-safe; the clients they build are.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
    private final ClientOptions.Builder options = ClientOptions.builder();
    private AuthProvider auth;
    private OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private boolean timeoutsSet;

    /** For subclasses. */
    protected ClientBuilder() {
    }

    /** {@code this}, typed as the concrete builder. */
    protected abstract B self();

    /** Credentials for every request (default: none, or what the client's own settings derive). */
    public B auth(AuthProvider auth) {
        this.auth = Objects.requireNonNull(auth, "auth");
        return self();
    }

    /** Use (a derivative of) this OkHttp client for proxy, TLS, interceptors or a shared pool; it is never shut down by infer4j. */
    public B httpClient(OkHttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        return self();
    }

    /** Default timeouts (connect 10 s, attempt 45 s, call 3 min unless the client says otherwise). */
    public B timeouts(Timeouts timeouts) {
        options.timeouts(timeouts);
        timeoutsSet = true;
        return self();
    }

    /** Default retry policy ({@link RetryPolicy#DEFAULT}). */
    public B retryPolicy(RetryPolicy retryPolicy) {
        options.retryPolicy(retryPolicy);
        return self();
    }

    /** Clock for deadlines, token expiry and task waits (tests pass a fake one). */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        options.clock(clock);
        return self();
    }

    /** How retry backoff and poll waits are performed (tests pass one that records instead of sleeping). */
    public B sleeper(Sleeper sleeper) {
        options.sleeper(sleeper);
        return self();
    }

    /** Executor for async calls; the caller keeps ownership (default: daemon threads the client owns). */
    public B asyncExecutor(Executor executor) {
        options.asyncExecutor(executor);
        return self();
    }

    /** Headers whose values may appear in DEBUG logs; credential headers are refused. */
    public B logHeaders(Collection<String> names) {
        options.logHeaders(names);
        return self();
    }

    /** The options set so far (without auth and HTTP client, which subclasses resolve). */
    protected ClientOptions.Builder options() {
        return options;
    }

    /** Builds the options with the configured credentials and HTTP client applied. */
    protected ClientOptions buildOptions() {
        if (auth != null) {
            options.auth(auth);
        }
        if (httpClient != null) {
            options.httpClient(httpClient);
        }
        return options.build();
    }

    /** The credentials given with {@link #auth(AuthProvider)}, or {@code null}. */
    protected AuthProvider configuredAuth() {
        return auth;
    }

    /** The OkHttp client given with {@link #httpClient(OkHttpClient)}, or {@code null}. */
    protected OkHttpClient configuredHttpClient() {
        return httpClient;
    }

    /** The clock (default UTC system clock). */
    protected Clock configuredClock() {
        return clock;
    }

    /** Whether {@link #timeouts(Timeouts)} was called. */
    protected boolean timeoutsConfigured() {
        return timeoutsSet;
    }
}
