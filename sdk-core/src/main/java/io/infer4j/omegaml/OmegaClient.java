package io.infer4j.omegaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.ClientBuilder;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.Settings;
import io.infer4j.core.auth.ApiKeyAuth;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.omegaml.internal.OmegaContext;
import io.infer4j.omegaml.internal.Trees;
import io.infer4j.omegaml.model.Ping;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.HttpUrl;

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
     * A client configured from system properties, environment variables and the profile file
     * (the {@code OMEGA_*} entries of {@link Settings}; see docs/configuration.md):
     * {@code OMEGA_URL} (required), {@code OMEGA_USER} and {@code OMEGA_APIKEY} (API-key auth when
     * the key is set), {@code OMEGA_QUALIFIER}, {@code OMEGA_EDITION}, {@code OMEGA_REQUEST_TIMEOUT}.
     * Use {@code builder().fromEnv()} to combine them with builder calls, which win.
     *
     * @throws ConfigurationException {@code OMEGA_URL} is set nowhere, or a value is malformed
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
        private Edition edition;

        private Builder() {
        }

        /** The server, e.g. {@code http://localhost:5000} or {@code https://hub.omegaml.io}; a path prefix is kept. */
        public Builder baseUrl(String baseUrl) {
            return putSetting(Settings.OMEGA_URL, Objects.requireNonNull(baseUrl, "baseUrl"), "baseUrl");
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

        /**
         * The client.
         *
         * @throws ConfigurationException the base URL is set nowhere, or a value is malformed
         */
        public OmegaClient build() {
            String url = requiredSetting(Settings.OMEGA_URL, "baseUrl(...)");
            HttpUrl parsed = HttpUrl.parse(url);
            if (parsed == null) {
                throw invalidSetting(Settings.OMEGA_URL, "is not an http(s) URL", null);
            }
            Edition e = edition != null ? edition : edition();
            applyAttemptTimeout(Settings.OMEGA_REQUEST_TIMEOUT);
            if (configuredAuth() == null) {
                Optional<String> key = setting(Settings.OMEGA_APIKEY);
                if (key.isPresent()) {
                    try {
                        options().auth(ApiKeyAuth.builder().user(setting(Settings.OMEGA_USER).orElse(null)).apiKey(key.get())
                                .qualifier(setting(Settings.OMEGA_QUALIFIER).orElse("default")).build());
                    } catch (IllegalArgumentException bad) {
                        // ApiKeyAuth names the field, never its value.
                        throw new ConfigurationException(Settings.OMEGA_APIKEY.env(), "API-key auth from "
                                + Settings.OMEGA_USER.env() + " / " + Settings.OMEGA_APIKEY.env() + " / "
                                + Settings.OMEGA_QUALIFIER.env() + " is not usable: " + bad.getMessage(), null);
                    }
                }
            }
            return new OmegaClient(parsed, e, buildOptions());
        }

        private Edition edition() {
            String v = setting(Settings.OMEGA_EDITION).orElse("AUTO");
            try {
                return Edition.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException bad) {
                throw invalidSetting(Settings.OMEGA_EDITION, "must be AUTO, OPEN_SOURCE or COMMERCIAL", null);
            }
        }
    }
}
