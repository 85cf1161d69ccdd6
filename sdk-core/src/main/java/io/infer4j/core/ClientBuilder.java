package io.infer4j.core;

import io.infer4j.core.auth.AuthProvider;
import io.infer4j.core.error.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;

/**
 * The settings every infer4j client builder shares ({@code WallarooClient.builder()},
 * {@code OmegaClient.builder()}, {@code ModelEndpoint.builder()}): credentials, your own OkHttp
 * client, timeouts, retries, clock, sleeper, async executor and logged headers, and
 * {@link #fromEnv()}, which fills the client's {@link Settings} that no builder call set from
 * system properties, environment variables and a profile file, in that order
 * ({@link ConfigEnvironment}). Builders are not thread-safe; the clients they build are.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
    private final ClientOptions.Builder options = ClientOptions.builder();
    private final Map<Setting, String> explicitSettings = new HashMap<>();
    private AuthProvider auth;
    private OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private boolean timeoutsSet;
    private ConfigEnvironment environment;

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

    /**
     * Fill every setting no builder call set from system properties, then environment variables,
     * then the chosen profile of the config file, then the setting's default (see
     * {@link ConfigEnvironment} and docs/configuration.md). Builder calls win whatever their order.
     */
    public B fromEnv() {
        return fromEnv(ConfigEnvironment.system());
    }

    /**
     * {@link #fromEnv()} reading from {@code environment} instead of the process's, e.g.
     * {@link ConfigEnvironment#of(Map, Map)} in tests or with settings kept elsewhere.
     */
    public B fromEnv(ConfigEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        return self();
    }

    /** Records a builder call's value for {@code setting}; it wins over every other source. */
    protected final B putSetting(Setting setting, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        explicitSettings.put(setting, value.trim());
        return self();
    }

    /** The setting's value: from a builder call, else (after {@link #fromEnv()}) the environment chain, else its default. */
    protected final Optional<String> setting(Setting setting) {
        ConfigEnvironment.Found f = find(setting);
        return f == null ? Optional.empty() : Optional.of(f.value());
    }

    /**
     * The value of a required setting.
     *
     * @param builderCall the builder method that sets it, for the message, e.g. {@code apiUrl(...)}
     * @throws ConfigurationException it is set nowhere; the message names it and says where it was looked for
     */
    protected final String requiredSetting(Setting setting, String builderCall) {
        ConfigEnvironment.Found f = find(setting);
        if (f != null) {
            return f.value();
        }
        String message = environment != null
                ? setting.env() + " is required but set nowhere: looked for the builder's " + builderCall + ", "
                        + environment.lookedIn(setting)
                : setting.env() + " is required: call " + builderCall + " on the builder, or call fromEnv() and set"
                        + " system property " + setting.property() + " or environment variable " + setting.env()
                        + " (see docs/configuration.md)";
        throw new ConfigurationException(setting.env(), message);
    }

    /**
     * An exception for a malformed value of {@code setting}: the message names the setting and
     * where its value came from, and quotes the value only when the setting is not a secret.
     *
     * @param problem what is wrong, e.g. {@code "must be a positive number of seconds"}
     */
    protected final ConfigurationException invalidSetting(Setting setting, String problem, Throwable cause) {
        ConfigEnvironment.Found f = find(setting);
        String from = f == null ? "" : " (from " + f.source() + ")";
        String shown = f == null || setting.secret() ? "" : ", was '" + f.value() + "'";
        return new ConfigurationException(setting.env(), setting.env() + from + " " + problem + shown, cause);
    }

    /** A setting holding a positive number of seconds (fractions allowed), as a duration. */
    protected final Optional<Duration> secondsSetting(Setting setting) {
        Optional<String> v = setting(setting);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(v.get());
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new NumberFormatException("not positive");
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        } catch (NumberFormatException e) {
            throw invalidSetting(setting, "must be a positive number of seconds", null);
        }
    }

    /**
     * Uses {@code setting} (seconds) as the per-attempt timeout, unless {@link #timeouts(Timeouts)}
     * was called, which wins.
     */
    protected final void applyAttemptTimeout(Setting setting) {
        if (!timeoutsSet) {
            secondsSetting(setting).ifPresent(d -> options.timeouts(Timeouts.DEFAULT.withAttempt(d)));
        }
    }

    /** Whether {@link #fromEnv()} was called. */
    protected final boolean readsEnvironment() {
        return environment != null;
    }

    private ConfigEnvironment.Found find(Setting setting) {
        String v = explicitSettings.get(setting);
        if (v != null) {
            return new ConfigEnvironment.Found(v, "the builder");
        }
        if (environment != null) {
            return environment.find(setting);
        }
        return setting.defaultValue().map(d -> new ConfigEnvironment.Found(d, "the default")).orElse(null);
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
