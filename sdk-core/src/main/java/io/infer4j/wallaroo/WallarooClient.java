package io.infer4j.wallaroo;

import io.infer4j.core.ClientBuilder;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.Setting;
import io.infer4j.core.Settings;
import io.infer4j.core.auth.AuthProvider;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.wallaroo.internal.WallarooApi;
import io.infer4j.wallaroo.internal.WallarooUrls;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
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

    /** A builder; {@link Builder#apiUrl} is required unless {@link ClientBuilder#fromEnv()} supplies it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from system properties, environment variables and the profile file
     * (the {@code WALLAROO_*} entries of {@link Settings}; see docs/configuration.md):
     * {@code WALLAROO_URL} plus either {@code WALLAROO_TOKEN} or a Keycloak login
     * ({@code WALLAROO_USER}/{@code WALLAROO_PASSWORD}, or {@code WALLAROO_CLIENT_ID}/
     * {@code WALLAROO_CLIENT_SECRET}), which needs {@code sdk-auth} on the class path.
     *
     * @throws ConfigurationException {@code WALLAROO_URL} is set nowhere, or a value is malformed
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

    /** Builds a {@link WallarooClient}. Not thread-safe. */
    public static final class Builder extends ClientBuilder<Builder> {
        private Duration inferenceTimeout;

        private Builder() {
        }

        /** The API URL, e.g. {@code https://wallaroo.example.com} or {@code https://x.api.example.com}. */
        public Builder apiUrl(String apiUrl) {
            return putSetting(Settings.WALLAROO_URL, apiUrl, "apiUrl");
        }

        /** The API URL. */
        public Builder apiUrl(URI apiUrl) {
            return putSetting(Settings.WALLAROO_URL, Objects.requireNonNull(apiUrl, "apiUrl").toString(), "apiUrl");
        }

        /** Keycloak base URL (ends in {@code /auth}), when it is not where the layout puts it. */
        public Builder authUrl(URI authUrl) {
            return putSetting(Settings.WALLAROO_AUTH_URL, Objects.requireNonNull(authUrl, "authUrl").toString(), "authUrl");
        }

        /** Keycloak password login (needs {@code sdk-auth} on the class path). */
        public Builder login(String username, String password) {
            putSetting(Settings.WALLAROO_USER, username, "username");
            return putSetting(Settings.WALLAROO_PASSWORD, password, "password");
        }

        /** Keycloak client-credentials login (needs {@code sdk-auth} on the class path). */
        public Builder clientCredentials(String clientId, String clientSecret) {
            putSetting(Settings.WALLAROO_CLIENT_ID, clientId, "clientId");
            return putSetting(Settings.WALLAROO_CLIENT_SECRET, clientSecret, "clientSecret");
        }

        /** Per-attempt timeout of inference calls (default 15 s); a view's or a call's RequestOptions override it. */
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

        /**
         * The client.
         *
         * @throws ConfigurationException    no API URL, a malformed URL or timeout, or a password without a user
         * @throws IllegalStateException     a Keycloak login is configured but no {@link WallarooAuthFactory} is available
         */
        public WallarooClient build() {
            String url = requiredSetting(Settings.WALLAROO_URL, "apiUrl(...)");
            URI apiUrl;
            try {
                apiUrl = URI.create(url.replaceAll("/+$", ""));
                WallarooUrls.apiBase(apiUrl); // validates
            } catch (IllegalArgumentException e) {
                throw invalidSetting(Settings.WALLAROO_URL, "is not an http(s) URL", e);
            }
            applyAttemptTimeout(Settings.WALLAROO_REQUEST_TIMEOUT);
            Duration inference = inferenceTimeout != null ? inferenceTimeout
                    : secondsSetting(Settings.WALLAROO_INFERENCE_TIMEOUT).orElse(DEFAULT_INFERENCE_TIMEOUT);
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
            return new WallarooClient(apiUrl, options().build(), owned, inference);
        }

        private AuthProvider resolveAuth(URI apiUrl, OkHttpClient base) {
            if (configuredAuth() != null) {
                return configuredAuth();
            }
            String token = setting(Settings.WALLAROO_TOKEN).orElse(null);
            if (token != null) {
                try {
                    return BearerTokenAuth.of(token);
                } catch (IllegalArgumentException e) {
                    throw invalidSetting(Settings.WALLAROO_TOKEN, "is not a usable token: " + e.getMessage(), null);
                }
            }
            String user = setting(Settings.WALLAROO_USER).orElse(null);
            String password = setting(Settings.WALLAROO_PASSWORD).orElse(null);
            String secret = setting(Settings.WALLAROO_CLIENT_SECRET).orElse(null);
            if (user == null && password == null && secret == null) {
                return AuthProvider.none();
            }
            if ((user == null) != (password == null)) {
                Setting missing = user == null ? Settings.WALLAROO_USER : Settings.WALLAROO_PASSWORD;
                throw new ConfigurationException(missing.env(), "a Keycloak password login needs both "
                        + Settings.WALLAROO_USER.env() + " and " + Settings.WALLAROO_PASSWORD.env() + "; "
                        + missing.env() + " is not set");
            }
            URI authUrl;
            try {
                authUrl = setting(Settings.WALLAROO_AUTH_URL).map(URI::create).orElseGet(() -> WallarooUrls.defaultAuthUrl(apiUrl));
            } catch (IllegalArgumentException e) {
                throw invalidSetting(Settings.WALLAROO_AUTH_URL, "is not a URL", e);
            }
            String clientId = setting(Settings.WALLAROO_CLIENT_ID).orElse(secret != null ? "api-client" : "sdk-client");
            WallarooLogin login = new WallarooLogin(authUrl, "master", user, password, clientId, secret, base,
                    configuredClock());
            for (WallarooAuthFactory f : ServiceLoader.load(WallarooAuthFactory.class)) {
                Optional<AuthProvider> p = f.create(login);
                if (p.isPresent()) {
                    return p.get();
                }
            }
            throw new IllegalStateException("a Keycloak login is configured (" + login.clientId()
                    + (user != null ? ", user " + user : "") + ") but no " + WallarooAuthFactory.class.getName()
                    + " is on the class path: add the io.infer4j:sdk-auth dependency, or pass auth(...) / "
                    + Settings.WALLAROO_TOKEN.env());
        }
    }
}
