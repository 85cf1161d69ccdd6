package io.infer4j.wallaroo;

import io.infer4j.core.ClientBuilder;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.Sleeper;
import io.infer4j.core.Timeouts;
import io.infer4j.core.auth.AuthProvider;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.wallaroo.internal.WallarooApi;
import io.infer4j.wallaroo.internal.WallarooUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The Wallaroo client: one HTTP transport (pool, auth, retries, logging) shared by the resource
 * clients {@link #workspaces()}, {@link #pipelines()}, {@link #externalUrls()}, {@link #models()},
 * {@link #orchestrations()} and {@link #tasks()}. Thread-safe; create one per Wallaroo instance and
 * share it; {@link #close()} releases what it created.
 *
 * <pre>{@code
 * try (WallarooClient wallaroo = WallarooClient.fromEnv()) {
 *     Workspace ws = wallaroo.workspaces().findByName("ccfraud-workspace").orElseThrow();
 *     InferenceResult r = wallaroo.pipelines().infer(InferenceTarget.pipeline(ws.id(), "ccfraud"), table);
 * }
 * }</pre>
 *
 * <p>The API URL may use either layout: {@code https://{prefix}.api.{suffix}} (Keycloak at
 * {@code https://{prefix}.keycloak.{suffix}/auth}) or a single domain (Keycloak at
 * {@code {apiUrl}/auth}); requests go to {@code {apiUrl}/v1/api/...}.
 */
public final class WallarooClient implements AutoCloseable {
    /** Default per-attempt limit of inference calls (the Python SDK's default). */
    public static final Duration DEFAULT_INFERENCE_TIMEOUT = Duration.ofSeconds(15);

    private final URI apiUrl;
    private final HttpTransport transport;
    private final OkHttpClient ownedBase;
    private final Workspaces workspaces;
    private final Pipelines pipelines;
    private final ExternalUrls externalUrls;
    private final Models models;
    private final Orchestrations orchestrations;
    private final Tasks tasks;

    private final Duration inferenceTimeout;
    private final boolean view;

    private WallarooClient(URI apiUrl, ClientOptions options, OkHttpClient ownedBase, Duration inferenceTimeout) {
        this(apiUrl, new HttpTransport(options), ownedBase, inferenceTimeout, null);
    }

    private WallarooClient(URI apiUrl, HttpTransport transport, OkHttpClient ownedBase, Duration inferenceTimeout,
                           ExternalUrls parentUrls) {
        this.apiUrl = apiUrl;
        this.transport = transport;
        this.ownedBase = ownedBase;
        this.inferenceTimeout = inferenceTimeout;
        this.view = parentUrls != null;
        WallarooApi api = new WallarooApi(transport, WallarooUrls.apiBase(apiUrl));
        this.workspaces = new Workspaces(api);
        this.externalUrls = parentUrls != null ? parentUrls.with(api) : new ExternalUrls(api);
        this.pipelines = new Pipelines(api, externalUrls, inferenceTimeout);
        this.models = new Models(api);
        this.orchestrations = new Orchestrations(api);
        this.tasks = new Tasks(api);
    }

    /** A builder; {@link Builder#apiUrl} is required unless {@link Builder#fromEnv()} supplies it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from system properties and environment variables (see {@link Setting}):
     * {@code WALLAROO_URL} plus either {@code WALLAROO_TOKEN} or a Keycloak login
     * ({@code WALLAROO_USER}/{@code WALLAROO_PASSWORD}, or {@code WALLAROO_CLIENT_ID}/
     * {@code WALLAROO_CLIENT_SECRET}), which needs {@code sdk-auth} on the class path.
     */
    public static WallarooClient fromEnv() {
        return builder().fromEnv().build();
    }

    /** The API URL this client talks to. */
    public URI apiUrl() {
        return apiUrl;
    }

    /** Workspaces and their members. */
    public Workspaces workspaces() {
        return workspaces;
    }

    /** Pipelines, deployments and inference. */
    public Pipelines pipelines() {
        return pipelines;
    }

    /** Inference URL lookup (cached). */
    public ExternalUrls externalUrls() {
        return externalUrls;
    }

    /** Models, versions and uploads. */
    public Models models() {
        return models;
    }

    /** Orchestration uploads. */
    public Orchestrations orchestrations() {
        return orchestrations;
    }

    /** Orchestration tasks and runs. */
    public Tasks tasks() {
        return tasks;
    }

    /**
     * A view of this client whose every call (MLOps operations, inference, URL lookups, task and
     * deployment polls, uploads) adds {@code options}: their timeouts, retry policy and headers
     * replace this client's, and a call's own {@link InferOptions#requestOptions()} replace them
     * in turn, field by field. An attempt timeout given here also replaces the inference timeout.
     * The view shares this client's connection pool, threads, credentials and URL cache, so it is
     * cheap to make per call site and thread-safe. It owns nothing: closing it does nothing, and
     * closing this client ends it as well.
     *
     * <pre>{@code
     * WallarooClient patient = wallaroo.withOptions(RequestOptions.builder()
     *         .attemptTimeout(Duration.ofMinutes(2)).header("X-Request-Source", "batch").build());
     * patient.pipelines().deploy(request);
     * }</pre>
     */
    public WallarooClient withOptions(RequestOptions options) {
        return new WallarooClient(apiUrl, transport.withDefaults(Objects.requireNonNull(options, "options")), null,
                inferenceTimeout, externalUrls);
    }

    /**
     * {@link #withOptions(RequestOptions)} with options built in place:
     * {@code wallaroo.withOptions(o -> o.attemptTimeout(Duration.ofMinutes(2)).retryPolicy(RetryPolicy.NONE))}.
     */
    public WallarooClient withOptions(Consumer<RequestOptions.Builder> options) {
        RequestOptions.Builder b = RequestOptions.builder();
        Objects.requireNonNull(options, "options").accept(b);
        return withOptions(b.build());
    }

    /** What this client adds to every call: {@link RequestOptions#NONE}, or a view's options. */
    public RequestOptions requestOptions() {
        return transport.defaults();
    }

    /**
     * Closes the transport and, if this client created the HTTP client, its pool and threads.
     * Views ({@link #withOptions}) stop working too. On a view this does nothing.
     */
    @Override
    public void close() {
        if (view) {
            return;
        }
        transport.close();
        if (ownedBase != null) {
            HttpTransport.release(ownedBase);
        }
    }

    @Override
    public String toString() {
        return "WallarooClient[" + apiUrl + ", " + transport.options()
                + (view ? ", view " + transport.defaults() : "") + "]";
    }

    /**
     * The settings {@link Builder#fromEnv()} reads: an explicit builder call wins, then the system
     * property, then the environment variable.
     */
    public enum Setting {
        /** API URL: {@code WALLAROO_URL} / {@code wallaroo.url}. */
        URL("WALLAROO_URL", "wallaroo.url"),
        /** Keycloak base URL, default derived from the API URL: {@code WALLAROO_AUTH_URL} / {@code wallaroo.authUrl}. */
        AUTH_URL("WALLAROO_AUTH_URL", "wallaroo.authUrl"),
        /** Static bearer token: {@code WALLAROO_TOKEN} / {@code wallaroo.token}. */
        TOKEN("WALLAROO_TOKEN", "wallaroo.token"),
        /** Keycloak user: {@code WALLAROO_USER} / {@code wallaroo.user}. */
        USER("WALLAROO_USER", "wallaroo.user"),
        /** Keycloak password: {@code WALLAROO_PASSWORD} / {@code wallaroo.password}. */
        PASSWORD("WALLAROO_PASSWORD", "wallaroo.password"),
        /** OIDC client id (default {@code sdk-client}, or {@code api-client} with a secret): {@code WALLAROO_CLIENT_ID}. */
        CLIENT_ID("WALLAROO_CLIENT_ID", "wallaroo.clientId"),
        /** Secret of a confidential client: {@code WALLAROO_CLIENT_SECRET} / {@code wallaroo.clientSecret}. */
        CLIENT_SECRET("WALLAROO_CLIENT_SECRET", "wallaroo.clientSecret"),
        /** Per-attempt timeout of MLOps calls in seconds (default 45): {@code WALLAROO_REQUEST_TIMEOUT}. */
        REQUEST_TIMEOUT("WALLAROO_REQUEST_TIMEOUT", "wallaroo.requestTimeout");

        private final String env;
        private final String property;

        Setting(String env, String property) {
            this.env = env;
            this.property = property;
        }

        /** The environment variable name. */
        public String env() {
            return env;
        }

        /** The system property name. */
        public String property() {
            return property;
        }
    }

    /** Builds a {@link WallarooClient}. Not thread-safe. */
    public static final class Builder extends ClientBuilder<Builder> {
        private final Map<Setting, String> explicit = new EnumMap<>(Setting.class);
        private Duration inferenceTimeout = DEFAULT_INFERENCE_TIMEOUT;
        private boolean fromEnv;
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        /** The API URL, e.g. {@code https://wallaroo.example.com} or {@code https://x.api.example.com}. */
        public Builder apiUrl(String apiUrl) {
            return set(Setting.URL, apiUrl);
        }

        /** The API URL. */
        public Builder apiUrl(URI apiUrl) {
            return set(Setting.URL, Objects.requireNonNull(apiUrl, "apiUrl").toString());
        }

        /** Keycloak base URL (ends in {@code /auth}), when it is not where the layout puts it. */
        public Builder authUrl(URI authUrl) {
            return set(Setting.AUTH_URL, Objects.requireNonNull(authUrl, "authUrl").toString());
        }

        /** Keycloak password login (needs {@code sdk-auth} on the class path). */
        public Builder login(String username, String password) {
            set(Setting.USER, username);
            return set(Setting.PASSWORD, password);
        }

        /** Keycloak client-credentials login (needs {@code sdk-auth} on the class path). */
        public Builder clientCredentials(String clientId, String clientSecret) {
            set(Setting.CLIENT_ID, clientId);
            return set(Setting.CLIENT_SECRET, clientSecret);
        }

        /** Per-attempt timeout of inference calls (default 15 s); a call's RequestOptions override it. */
        public Builder inferenceTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("inferenceTimeout must be positive, was " + timeout);
            }
            this.inferenceTimeout = timeout;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Fill every setting not given explicitly from system properties, then environment variables. */
        public Builder fromEnv() {
            this.fromEnv = true;
            return this;
        }

        /** Replaces the environment lookup (tests). */
        Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        private Builder set(Setting s, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(s.name().toLowerCase(java.util.Locale.ROOT) + " must not be null or blank");
            }
            explicit.put(s, value);
            return this;
        }

        private String get(Setting s) {
            String v = explicit.get(s);
            if (v == null && fromEnv) {
                v = System.getProperty(s.property());
                if (v == null || v.isBlank()) {
                    v = environment.apply(s.env());
                }
            }
            return v == null || v.isBlank() ? null : v.trim();
        }

        /**
         * The client.
         *
         * @throws IllegalArgumentException no API URL, a malformed URL or timeout, or a password without a user
         * @throws IllegalStateException    a Keycloak login is configured but no {@link WallarooAuthFactory} is available
         */
        public WallarooClient build() {
            String url = get(Setting.URL);
            if (url == null) {
                throw new IllegalArgumentException("the Wallaroo API URL is required: call apiUrl(...), or set "
                        + Setting.URL.env() + " / -D" + Setting.URL.property() + " and use fromEnv()");
            }
            URI apiUrl = URI.create(url.replaceAll("/+$", ""));
            WallarooUrls.apiBase(apiUrl); // validates
            String timeout = get(Setting.REQUEST_TIMEOUT);
            if (timeout != null && !timeoutsConfigured()) {
                options().timeouts(Timeouts.DEFAULT.withAttempt(Duration.ofMillis(seconds(timeout))));
            }
            OkHttpClient owned = configuredHttpClient() == null ? HttpTransport.newDefaultClient() : null;
            OkHttpClient base = configuredHttpClient() != null ? configuredHttpClient() : owned;
            options().httpClient(base);
            try {
                options().auth(resolveAuth(apiUrl, base));
            } catch (RuntimeException e) {
                if (owned != null) {
                    HttpTransport.release(owned);
                }
                throw e;
            }
            return new WallarooClient(apiUrl, options().build(), owned, inferenceTimeout);
        }

        private AuthProvider resolveAuth(URI apiUrl, OkHttpClient base) {
            if (configuredAuth() != null) {
                return configuredAuth();
            }
            String token = get(Setting.TOKEN);
            if (token != null) {
                return BearerTokenAuth.of(token);
            }
            String user = get(Setting.USER);
            String password = get(Setting.PASSWORD);
            String secret = get(Setting.CLIENT_SECRET);
            if (user == null && password == null && secret == null) {
                return AuthProvider.none();
            }
            if ((user == null) != (password == null)) {
                throw new IllegalArgumentException("a Keycloak password login needs both " + Setting.USER.env()
                        + " and " + Setting.PASSWORD.env() + "; only " + (user == null ? "the password" : "the user") + " is set");
            }
            String authUrl = get(Setting.AUTH_URL);
            String clientId = get(Setting.CLIENT_ID);
            WallarooLogin login = new WallarooLogin(
                    authUrl != null ? URI.create(authUrl) : WallarooUrls.defaultAuthUrl(apiUrl), "master", user, password,
                    clientId != null ? clientId : secret != null ? "api-client" : "sdk-client", secret, base, configuredClock());
            for (WallarooAuthFactory f : ServiceLoader.load(WallarooAuthFactory.class)) {
                Optional<AuthProvider> p = f.create(login);
                if (p.isPresent()) {
                    return p.get();
                }
            }
            throw new IllegalStateException("a Keycloak login is configured (" + login.clientId()
                    + (user != null ? ", user " + user : "") + ") but no " + WallarooAuthFactory.class.getName()
                    + " is on the class path: add the io.infer4j:sdk-auth dependency, or pass auth(...) / "
                    + Setting.TOKEN.env());
        }

        private static long seconds(String value) {
            try {
                double s = Double.parseDouble(value);
                if (!(s > 0) || Double.isInfinite(s)) {
                    throw new NumberFormatException();
                }
                return (long) Math.ceil(s * 1000);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Setting.REQUEST_TIMEOUT.env() + " must be a positive number of seconds, was '"
                        + value + "'");
            }
        }
    }
}
