package io.infer4j.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.ClientBuilder;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.Settings;
import io.infer4j.core.auth.AuthHeaders;
import io.infer4j.core.auth.AuthProvider;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.core.internal.Bodies;
import io.infer4j.core.internal.Decoders;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.core.internal.Operation;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;

/**
 * A client for a plain HTTP model service: a FastAPI app behind OAuth2, an API gateway in front
 * of SageMaker taking {@code text/csv}, a Flask scoring server. Same auth providers, retries,
 * timeouts and exceptions as the platform clients.
 *
 * <pre>{@code
 * try (ModelEndpoint model = ModelEndpoint.builder()
 *         .baseUrl("https://models.example.com/")
 *         .auth(keycloakClientCredentials)
 *         .build()) {
 *     Health h = model.health();
 *     JsonNode prediction = model.postJson("predict", Map.of("features", List.of(1.0, 2.0)));
 *     JsonNode csvAnswer = model.postCsv("", "a,b\n1,2\n");
 *     JsonNode uploaded = model.upload("upload", "file", Path.of("image.png"), "image/png");
 *     JsonNode fromJar = model.upload("upload", "file", "scan.png",
 *             () -> MyApp.class.getResourceAsStream("/scan.png"), "image/png");
 * }
 * }</pre>
 *
 * <p>Predictions are POSTs; they are retried only on failures that cannot have reached the
 * model (connect failures, 429, 503) unless {@link Builder#idempotentPredictions(boolean)} says
 * the model is a pure function. Thread-safe: build one per service and share it.
 */
public final class ModelEndpoint implements AutoCloseable {
    private static final MediaType CSV = MediaType.get("text/csv; charset=utf-8");

    private final HttpUrl baseUrl;
    private final HttpTransport transport;
    private final boolean idempotentPredictions;
    private final String healthPath;

    private final boolean view;
    private final OkHttpClient ownedBase;

    private ModelEndpoint(HttpUrl baseUrl, HttpTransport transport, boolean idempotentPredictions, String healthPath,
                          boolean view, OkHttpClient ownedBase) {
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.idempotentPredictions = idempotentPredictions;
        this.healthPath = healthPath;
        this.view = view;
        this.ownedBase = ownedBase;
    }

    /** A builder; {@link Builder#baseUrl(String)} is required unless {@link ClientBuilder#fromEnv()} supplies it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An endpoint configured from system properties, environment variables and the profile file
     * (the {@code MODEL_*} entries of {@link Settings}; see docs/configuration.md):
     * {@code MODEL_URL} plus, for auth, {@code MODEL_TOKEN} (a bearer token), or
     * {@code MODEL_API_KEY} (sent in header {@code MODEL_API_KEY_HEADER}, default
     * {@code x-api-key}), or OAuth2 client credentials ({@code MODEL_TOKEN_URL},
     * {@code MODEL_CLIENT_ID}, {@code MODEL_CLIENT_SECRET}, optionally {@code MODEL_SCOPE}), which
     * need {@code sdk-auth} on the class path. Without any of them requests carry no credentials.
     *
     * @throws ConfigurationException {@code MODEL_URL} is set nowhere, or a value is malformed or incomplete
     */
    public static ModelEndpoint fromEnv() {
        return builder().fromEnv().build();
    }

    /** The service's health: {@code GET <healthPath>} (default {@code health}), unauthenticated servers included. */
    public Health health() {
        Operation<Health> op = Operation.builder("endpoint.health", "GET", url(healthPath),
                        r -> new Health(r.code(), Decoders.tree("health response").decode(r)))
                .idempotent(true).build();
        return transport.execute(op);
    }

    /** {@code GET path}, answer as a JSON tree. */
    public JsonNode get(String path) {
        return transport.execute(Operation.builder("endpoint.get", "GET", url(path), Decoders.tree(path + " response"))
                .idempotent(true).build());
    }

    /** POSTs {@code body} as JSON and returns the answer as a JSON tree. */
    public JsonNode postJson(String path, Object body) {
        return transport.execute(Operation.postJson("endpoint.postJson", url(path), body, Decoders.tree(path + " response"))
                .idempotent(idempotentPredictions).build());
    }

    /** POSTs {@code body} as JSON and databinds the answer into {@code type}. */
    public <T> T postJson(String path, Object body, Class<T> type) {
        return transport.execute(Operation.postJson("endpoint.postJson", url(path), body, Decoders.json(type, path + " response"))
                .idempotent(idempotentPredictions).build());
    }

    /** POSTs CSV text ({@code text/csv}) and returns the JSON answer. */
    public JsonNode postCsv(String path, String csv) {
        Objects.requireNonNull(csv, "csv");
        return transport.execute(Operation.builder("endpoint.postCsv", "POST", url(path), Decoders.tree(path + " response"))
                .body(csv.getBytes(StandardCharsets.UTF_8), CSV).header("Accept", "application/json")
                .idempotent(idempotentPredictions).build());
    }

    /**
     * Uploads a file as {@code multipart/form-data} under form field {@code field}. The file is
     * streamed from disk, and re-read if the upload has to be retried.
     */
    public JsonNode upload(String path, String field, Path file, String contentType) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a readable file: " + file);
        }
        return multipart(path, field, file.getFileName().toString(), Bodies.file(file, MediaType.get(contentType)));
    }

    /**
     * Uploads a stream as {@code multipart/form-data}. A stream can be read only once, so it is
     * sent at most once: where the upload would have to be sent again (a 503 or dropped connection
     * after it was sent, a 401 after which the auth provider refreshed its token, a 307/308
     * redirect) this throws {@link io.infer4j.core.error.BodyNotReplayableException}. Use
     * {@link #upload(String, String, Path, String)} or
     * {@link #upload(String, String, String, Supplier, String)} to have such uploads retried.
     */
    public JsonNode upload(String path, String field, String fileName, InputStream content, String contentType) {
        Objects.requireNonNull(content, "content");
        return multipart(path, field, fileName, Bodies.stream(content, MediaType.get(contentType)));
    }

    /**
     * Uploads as {@code multipart/form-data} the bytes of a stream that {@code content} opens anew
     * for every attempt, so the upload is retried and replayed like a file upload. Each stream is
     * closed after it was sent.
     *
     * <pre>{@code
     * model.upload("upload", "file", "scan.png", () -> MyApp.class.getResourceAsStream("/scan.png"), "image/png");
     * }</pre>
     */
    public JsonNode upload(String path, String field, String fileName, Supplier<? extends InputStream> content,
                           String contentType) {
        return multipart(path, field, fileName, Bodies.streams(content, MediaType.get(contentType)));
    }

    private JsonNode multipart(String path, String field, String fileName, RequestBody part) {
        RequestBody body = Bodies.multipart(new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart(field, fileName, part).build());
        return transport.execute(Operation.builder("endpoint.upload", "POST", url(path), Decoders.tree(path + " response"))
                .body(body).build());
    }

    private HttpUrl url(String path) {
        String p = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        HttpUrl u = baseUrl.resolve(p);
        if (u == null) {
            throw new IllegalArgumentException("invalid path: " + path);
        }
        return u;
    }

    /** The base URL all paths are resolved against. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /**
     * A view of this endpoint whose every call (health, GET, JSON, CSV, uploads) adds
     * {@code options}: their timeouts, retry policy and headers replace this endpoint's, field by
     * field. The view shares this endpoint's connection pool, threads and credentials, so it is
     * cheap to make per call and thread-safe. It owns nothing: closing it does nothing, and closing
     * this endpoint ends it as well.
     *
     * <pre>{@code
     * JsonNode answer = model.withOptions(RequestOptions.builder().attemptTimeout(Duration.ofSeconds(2))
     *         .header("X-Request-Id", requestId).build()).postJson("predict", input);
     * }</pre>
     */
    public ModelEndpoint withOptions(RequestOptions options) {
        return new ModelEndpoint(baseUrl, transport.withDefaults(Objects.requireNonNull(options, "options")),
                idempotentPredictions, healthPath, true, null);
    }

    /**
     * {@link #withOptions(RequestOptions)} with options built in place:
     * {@code model.withOptions(o -> o.attemptTimeout(Duration.ofSeconds(2)).retryPolicy(RetryPolicy.NONE))}.
     */
    public ModelEndpoint withOptions(Consumer<RequestOptions.Builder> options) {
        RequestOptions.Builder b = RequestOptions.builder();
        Objects.requireNonNull(options, "options").accept(b);
        return withOptions(b.build());
    }

    /** What this endpoint adds to every call: {@link RequestOptions#NONE}, or a view's options. */
    public RequestOptions requestOptions() {
        return transport.defaults();
    }

    /** Releases the connection pool and threads this endpoint created; its views stop working too. On a view this does nothing. */
    @Override
    public void close() {
        if (!view) {
            transport.close();
            if (ownedBase != null) {
                HttpTransport.release(ownedBase);
            }
        }
    }

    @Override
    public String toString() {
        return "ModelEndpoint[" + baseUrl + (view ? ", view " + transport.defaults() : "") + "]";
    }

    /**
     * A health answer.
     *
     * @param status HTTP status (2xx; other statuses raise the usual exceptions)
     * @param body   the JSON body, e.g. {@code {"status":"OK"}}
     */
    public record Health(int status, JsonNode body) {
        /** Whether the body says {@code "status": "OK"} (any case) or is empty with a 2xx status. */
        public boolean ok() {
            JsonNode s = body == null ? null : body.get("status");
            return s == null ? status / 100 == 2 : "ok".equalsIgnoreCase(s.asText()) || "healthy".equalsIgnoreCase(s.asText());
        }
    }

    /** Builds a {@link ModelEndpoint}. Builder calls win over {@link #fromEnv()} values. */
    public static final class Builder extends ClientBuilder<Builder> {
        private boolean idempotentPredictions;

        private Builder() {
        }

        /** The service's base URL; paths are resolved against it (a trailing slash is added if missing). */
        public Builder baseUrl(String baseUrl) {
            if (parse(Objects.requireNonNull(baseUrl, "baseUrl")) == null) {
                throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + baseUrl);
            }
            return putSetting(Settings.MODEL_URL, baseUrl, "baseUrl");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Declares the model a pure function, so prediction POSTs may be retried after 5xx and read timeouts too. */
        public Builder idempotentPredictions(boolean idempotent) {
            this.idempotentPredictions = idempotent;
            return this;
        }

        /** Path of the health check (default {@code health}). */
        public Builder healthPath(String healthPath) {
            return putSetting(Settings.MODEL_HEALTH_PATH, Objects.requireNonNull(healthPath, "healthPath"), "healthPath");
        }

        /**
         * The endpoint client.
         *
         * @throws ConfigurationException the base URL is set nowhere, or a value is malformed or incomplete
         * @throws IllegalStateException  client credentials are configured but no {@link EndpointAuthFactory} is available
         */
        public ModelEndpoint build() {
            HttpUrl baseUrl = parse(requiredSetting(Settings.MODEL_URL, "baseUrl(...)"));
            if (baseUrl == null) {
                throw invalidSetting(Settings.MODEL_URL, "is not an http(s) URL", null);
            }
            String healthPath = setting(Settings.MODEL_HEALTH_PATH).orElse("health");
            applyAttemptTimeout(Settings.MODEL_REQUEST_TIMEOUT);
            OkHttpClient owned = null;
            if (configuredAuth() == null) {
                AuthProvider auth = headerAuth();
                if (auth == null && setting(Settings.MODEL_CLIENT_SECRET).isPresent()) {
                    // The token calls share the endpoint's pool, so the endpoint owns a client it must release.
                    owned = configuredHttpClient() == null ? HttpTransport.newDefaultClient() : null;
                    OkHttpClient base = owned != null ? owned : configuredHttpClient();
                    try {
                        auth = clientCredentials(base);
                    } catch (RuntimeException e) {
                        if (owned != null) {
                            HttpTransport.release(owned);
                        }
                        throw e;
                    }
                    options().httpClient(base);
                }
                if (auth != null) {
                    options().auth(auth);
                }
            }
            return new ModelEndpoint(baseUrl, new HttpTransport(buildOptions()), idempotentPredictions, healthPath,
                    false, owned);
        }

        /** {@code MODEL_TOKEN} as a bearer token, else {@code MODEL_API_KEY} in its header, else null. */
        private AuthProvider headerAuth() {
            Optional<String> token = setting(Settings.MODEL_TOKEN);
            if (token.isPresent()) {
                try {
                    return BearerTokenAuth.of(token.get());
                } catch (IllegalArgumentException e) {
                    throw invalidSetting(Settings.MODEL_TOKEN, "is not a usable token: " + e.getMessage(), null);
                }
            }
            Optional<String> key = setting(Settings.MODEL_API_KEY);
            if (key.isEmpty()) {
                return null;
            }
            String header = setting(Settings.MODEL_API_KEY_HEADER).orElse("x-api-key");
            AuthHeaders headers;
            try {
                headers = AuthHeaders.of(header, key.get());
            } catch (IllegalArgumentException e) {
                // AuthHeaders names the header, never the key.
                throw invalidSetting(Settings.MODEL_API_KEY, "cannot be sent in header " + header + ": " + e.getMessage(), null);
            }
            return new HeaderAuth(header, headers);
        }

        private AuthProvider clientCredentials(OkHttpClient base) {
            String tokenUrl = requiredSetting(Settings.MODEL_TOKEN_URL, "auth(...)");
            String clientId = requiredSetting(Settings.MODEL_CLIENT_ID, "auth(...)");
            URI uri;
            try {
                uri = URI.create(tokenUrl);
                if (!uri.isAbsolute()) {
                    throw new IllegalArgumentException("not absolute");
                }
            } catch (IllegalArgumentException e) {
                throw invalidSetting(Settings.MODEL_TOKEN_URL, "is not an absolute URL", e);
            }
            EndpointLogin login = new EndpointLogin(uri, clientId, setting(Settings.MODEL_CLIENT_SECRET).orElseThrow(),
                    setting(Settings.MODEL_SCOPE).orElse(null), base, configuredClock());
            for (EndpointAuthFactory f : ServiceLoader.load(EndpointAuthFactory.class)) {
                Optional<AuthProvider> p = f.create(login);
                if (p.isPresent()) {
                    return p.get();
                }
            }
            throw new IllegalStateException("OAuth2 client credentials are configured (" + login + ") but no "
                    + EndpointAuthFactory.class.getName() + " is on the class path: add the io.infer4j:sdk-auth"
                    + " dependency, or pass auth(...) / " + Settings.MODEL_TOKEN.env());
        }

        private static HttpUrl parse(String url) {
            HttpUrl u = HttpUrl.parse(url.trim());
            if (u == null) {
                return null;
            }
            return u.encodedPath().endsWith("/") ? u : u.newBuilder().addPathSegment("").build();
        }
    }

    /** An API key in a header of the caller's choice; its {@code toString()} hides the key. */
    private static final class HeaderAuth implements AuthProvider {
        private final String header;
        private final AuthHeaders headers;

        HeaderAuth(String header, AuthHeaders headers) {
            this.header = header;
            this.headers = headers;
        }

        @Override
        public AuthHeaders authHeaders() {
            return headers;
        }

        @Override
        public String toString() {
            return "ApiKeyHeader[" + header + "=***]";
        }
    }
}
