package io.infer4j.omegaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.ClientBuilder;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.Sleeper;
import io.infer4j.core.Timeouts;
import io.infer4j.core.auth.ApiKeyAuth;
import io.infer4j.core.auth.AuthProvider;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.omegaml.internal.OmegaContext;
import io.infer4j.omegaml.internal.Trees;
import io.infer4j.omegaml.model.Ping;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Client for the omega-ml REST API, open-source and commercial editions: {@link #datasets()},
 * {@link #models()}, {@link #tasks()}, {@link #jobs()}, {@link #scripts()}, and
 * {@link #request} for endpoints without a typed client (services, GenAI, config).
 *
 * <pre>{@code
 * try (OmegaClient omega = OmegaClient.builder()
 *         .baseUrl("https://hub.omegaml.io")
 *         .auth(ApiKeyAuth.of("omops", apiKey))
 *         .edition(Edition.COMMERCIAL)
 *         .build()) {
 *     omega.ping();
 * }
 * }</pre>
 *
 * <p>Thread-safe: share one instance. {@link #close()} releases only what the client created.
 */
public final class OmegaClient implements AutoCloseable {
    /** Environment variables (and system properties) read by {@link #fromEnv()}. */
    public static final String ENV_URL = "OMEGA_URL";
    /** The API user. */
    public static final String ENV_USER = "OMEGA_USER";
    /** The API key (never logged). */
    public static final String ENV_APIKEY = "OMEGA_APIKEY";
    /** The qualifier sent in the {@code Qualifier} header (default {@code default}). */
    public static final String ENV_QUALIFIER = "OMEGA_QUALIFIER";

    private final HttpTransport transport;
    private final OmegaContext ctx;
    private final Datasets datasets;
    private final Models models;
    private final Tasks tasks;
    private final Jobs jobs;
    private final Scripts scripts;

    private final boolean view;

    private OmegaClient(HttpUrl baseUrl, Edition edition, ClientOptions options) {
        this(new OmegaContext(new HttpTransport(options), baseUrl, edition), false);
    }

    private OmegaClient(OmegaContext ctx, boolean view) {
        this.transport = ctx.transport();
        this.ctx = ctx;
        this.view = view;
        this.datasets = new Datasets(ctx);
        this.models = new Models(ctx);
        this.tasks = new Tasks(ctx);
        this.jobs = new Jobs(ctx);
        this.scripts = new Scripts(ctx);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from system properties and environment variables:
     * {@code OMEGA_URL} (required), {@code OMEGA_USER} and {@code OMEGA_APIKEY} (API-key auth when
     * the key is set), {@code OMEGA_QUALIFIER}. A system property of the same name wins over the
     * environment variable; use {@code builder().fromEnv()} to let explicit setters win over both.
     */
    public static OmegaClient fromEnv() {
        return builder().fromEnv().build();
    }

    /** {@code GET /api/v1/ping}: checks that the server answers. */
    public Ping ping() {
        JsonNode body = ctx.call("ping", "GET", ctx.api("ping").build(false), null, true);
        return new Ping(Trees.text(Trees.requireObject(body, "ping"), "ping"));
    }

    /** Datasets (DataFrames) stored on the server. */
    public Datasets datasets() {
        return datasets;
    }

    /** Models and their actions. */
    public Models models() {
        return models;
    }

    /** Async task results. */
    public Tasks tasks() {
        return tasks;
    }

    /** Jobs (notebooks). */
    public Jobs jobs() {
        return jobs;
    }

    /** Scripts (lambdas). */
    public Scripts scripts() {
        return scripts;
    }

    /** The edition hint this client was built with. */
    public Edition edition() {
        return ctx.edition();
    }

    /**
     * Any JSON endpoint, for those without a typed client (services {@code /api/service/...},
     * GenAI {@code /api/v2/ai/...} and {@code /api/openai/v1/...}, commercial {@code /api/v1/config/}).
     * Goes through the same transport (auth, retries for GET, error mapping).
     *
     * @param method HTTP method
     * @param path   path relative to the base URL, kept as given (include a trailing slash if the route has one)
     * @param query  query parameters
     * @param body   JSON body ({@code {}} is sent for PUT/POST when null); must be null for GET
     * @return the answer as a tree (JSON null for an empty body)
     */
    public JsonNode request(String method, String path, Map<String, String> query, Object body) {
        String m = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        return ctx.call("request", m, ctx.resolve(path, Objects.requireNonNull(query, "query")), body,
                m.equals("GET") || m.equals("DELETE"));
    }

    /**
     * A view of this client whose every call (datasets, models, tasks and their polls, jobs,
     * scripts, {@link #request}) adds {@code options}: their timeouts, retry policy and headers
     * replace this client's, field by field. The view shares this client's connection pool,
     * threads and credentials, so it is cheap and thread-safe. It owns nothing: closing it does
     * nothing, and closing this client ends it as well.
     *
     * <pre>{@code
     * OmegaClient slow = omega.withOptions(RequestOptions.builder().attemptTimeout(Duration.ofMinutes(5)).build());
     * slow.models().fit("mymodel", ModelInput.datasets("datax", "datay"));
     * }</pre>
     */
    public OmegaClient withOptions(RequestOptions options) {
        return new OmegaClient(ctx.withTransport(transport.withDefaults(Objects.requireNonNull(options, "options"))), true);
    }

    /**
     * {@link #withOptions(RequestOptions)} with options built in place:
     * {@code omega.withOptions(o -> o.attemptTimeout(Duration.ofMinutes(5)).header("X-Trace", id))}.
     */
    public OmegaClient withOptions(Consumer<RequestOptions.Builder> options) {
        RequestOptions.Builder b = RequestOptions.builder();
        Objects.requireNonNull(options, "options").accept(b);
        return withOptions(b.build());
    }

    /** What this client adds to every call: {@link RequestOptions#NONE}, or a view's options. */
    public RequestOptions requestOptions() {
        return transport.defaults();
    }

    /** Releases what this client created; its views stop working too. On a view this does nothing. */
    @Override
    public void close() {
        if (!view) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "OmegaClient[edition=" + ctx.edition() + ", " + transport.options()
                + (view ? ", view " + transport.defaults() : "") + "]";
    }

    /** Builds an {@link OmegaClient}. Setters win over {@link #fromEnv()} values. */
    public static final class Builder extends ClientBuilder<Builder> {
        private String baseUrl;
        private Edition edition = Edition.AUTO;
        private boolean fromEnv;
        private UnaryOperator<String> systemProperties = System::getProperty;
        private UnaryOperator<String> environment = System::getenv;

        private Builder() {
        }

        /** The server, e.g. {@code http://localhost:5000} or {@code https://hub.omegaml.io}; a path prefix is kept. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** Which edition the server is (default {@link Edition#AUTO}). */
        public Builder edition(Edition edition) {
            this.edition = Objects.requireNonNull(edition, "edition");
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Fills what the setters leave unset from {@code OMEGA_*} system properties, then environment variables. */
        public Builder fromEnv() {
            this.fromEnv = true;
            return this;
        }

        /** Replaces where {@link #fromEnv()} looks (tests). */
        Builder lookups(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
            this.systemProperties = systemProperties;
            this.environment = environment;
            return this;
        }

        /** The client. @throws IllegalArgumentException if the base URL is missing or invalid */
        public OmegaClient build() {
            String url = baseUrl != null ? baseUrl : fromEnv ? lookup(ENV_URL) : null;
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("baseUrl is required" + (fromEnv ? " (set " + ENV_URL + ")" : ""));
            }
            HttpUrl parsed = HttpUrl.parse(url.trim());
            if (parsed == null) {
                throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + url);
            }
            AuthProvider a = configuredAuth();
            if (a == null && fromEnv) {
                String key = lookup(ENV_APIKEY);
                if (key != null && !key.isBlank()) {
                    ApiKeyAuth.Builder b = ApiKeyAuth.builder().user(lookup(ENV_USER)).apiKey(key);
                    String qualifier = lookup(ENV_QUALIFIER);
                    if (qualifier != null && !qualifier.isBlank()) {
                        b.qualifier(qualifier);
                    }
                    a = b.build();
                }
            }
            if (a != null) {
                auth(a);
            }
            return new OmegaClient(parsed, edition, buildOptions());
        }

        private String lookup(String name) {
            String v = systemProperties.apply(name);
            return v != null ? v : environment.apply(name);
        }
    }
}
