package io.infer4j.testkit;

import io.infer4j.testkit.internal.FaultEngine;
import io.infer4j.testkit.internal.HttpCore;
import io.infer4j.testkit.internal.Keycloak;
import io.infer4j.testkit.internal.ModelEndpoints;
import io.infer4j.testkit.internal.Omega;
import io.infer4j.testkit.internal.RequestLog;
import io.infer4j.testkit.internal.Router;
import io.infer4j.testkit.internal.Settings;
import io.infer4j.testkit.internal.Wallaroo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An embeddable, in-process model-serving platform on {@code 127.0.0.1} that behaves like the real
 * servers, for tests and examples. One HTTP port serves:
 *
 * <ul>
 *   <li>a Keycloak realm ({@link #tokenUrl()}): password, refresh_token and client_credentials
 *       grants, RS256 tokens, JWKS, discovery, logout, with Keycloak's exact error bodies;</li>
 *   <li>the Wallaroo MLOps API ({@link #mlopsUrl()}) and pipeline inference at the URLs the API
 *       hands out, running small deterministic built-in models;</li>
 *   <li>the omega-ml REST API ({@link #omegaUrl()}{@code /api/v1/...}) in either edition's dialect,
 *       with a real least-squares linear regression;</li>
 *   <li>a FastAPI-style secured model service ({@code GET /health}, {@code POST /upload}) and an
 *       API-Gateway-style CSV endpoint ({@link #csvEndpointUrl()});</li>
 *   <li>{@link #faults() fault injection} and a {@link #requests() request log} without secrets.</li>
 * </ul>
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.start()) {
 *     // point the client under test at platform.wallarooUrl(), platform.tokenUrl(), ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the server and all its threads.
 */
public final class LocalPlatform implements AutoCloseable {
    /** The preconfigured workspace of the Wallaroo external-URL tutorial. */
    public static final String DEMO_WORKSPACE = "urldemoworkspace";
    /** The preconfigured, deployed pipeline in {@link #DEMO_WORKSPACE} (runs the Aloha-style model). */
    public static final String DEMO_PIPELINE = "urldemopipeline";
    /** A second deployed pipeline (workspace {@code ccfraudworkspace}) running the fraud model. */
    public static final String FRAUD_PIPELINE = "ccfraudpipeline";

    private final Settings settings;
    private final HttpCore http;
    private final String baseUrl;
    private final Keycloak keycloak;
    private final Wallaroo wallaroo;
    private final RequestLog log;
    private final Faults faults;

    private LocalPlatform(Builder b) {
        this.settings = b.settings();
        FaultEngine engine = new FaultEngine(settings.faultSeed());
        this.log = new RequestLog(settings.requestLogCapacity());
        Router router = new Router();
        this.http = new HttpCore(settings.port(), settings.threads(), router, engine, log, settings.clock());
        try {
            this.baseUrl = "http://127.0.0.1:" + http.port();
            this.keycloak = new Keycloak(settings, baseUrl);
            this.wallaroo = new Wallaroo(settings, baseUrl, keycloak);
            keycloak.routes(router);
            wallaroo.routes(router);
            new Omega(settings, keycloak).routes(router);
            new ModelEndpoints(settings, keycloak).routes(router);
            this.faults = new Faults(engine, keycloak);
            http.start();
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** Starts a platform with all defaults on a free port. */
    public static LocalPlatform start() {
        return builder().start();
    }

    /** A builder for a platform with non-default options. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------ URLs

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port the platform listens on. */
    public int port() {
        return http.port();
    }

    /** The realm issuer: {@code {base}/auth/realms/{realm}}. */
    public String issuer() {
        return keycloak.issuer();
    }

    /** Keycloak's token endpoint: {@code {base}/auth/realms/{realm}/protocol/openid-connect/token}. */
    public String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** The realm's JWKS: {@code .../protocol/openid-connect/certs}. */
    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The realm's OpenID discovery document. */
    public String discoveryUrl() {
        return issuer() + "/.well-known/openid-configuration";
    }

    /** The Wallaroo API endpoint as the Wallaroo SDK takes it (the domain root; same as {@link #baseUrl()}). */
    public String wallarooUrl() {
        return baseUrl;
    }

    /** The Wallaroo MLOps API base: {@code {base}/v1/api}. */
    public String mlopsUrl() {
        return baseUrl + "/v1/api";
    }

    /** The omega-ml server root; resources are under {@code {omegaUrl}/api/v1/...}. */
    public String omegaUrl() {
        return baseUrl;
    }

    /** The FastAPI-style secured model service root ({@code /health}, {@code /upload}). */
    public String endpointUrl() {
        return baseUrl;
    }

    /** The API-Gateway-style CSV inference endpoint: {@code {base}/csv/} (needs {@code x-api-key}). */
    public String csvEndpointUrl() {
        return baseUrl + "/csv/";
    }

    /**
     * The external inference URL of a deployed pipeline, as {@code admin/get_pipeline_external_url}
     * returns it, or null when the pipeline is not deployed.
     */
    public String inferenceUrl(String pipelineName) {
        return wallaroo.externalUrl(pipelineName);
    }

    // ----------------------------------------------------------------------------- credentials

    /** The default user's name (an email, as on Wallaroo). */
    public String user() {
        return settings.username();
    }

    /** The default user's password. */
    public String password() {
        return settings.password();
    }

    /** The confidential client for password and client_credentials grants ({@code api-client}). */
    public String clientId() {
        return settings.clientId();
    }

    /** {@link #clientId()}'s secret. */
    public String clientSecret() {
        return settings.clientSecret();
    }

    /** The public client ({@code sdk-client}, no secret). */
    public String publicClientId() {
        return settings.publicClientId();
    }

    /**
     * A confidential client whose tokens carry the scope {@link #endpointScope()} and the audience
     * {@link #endpointAudience()} that the secured {@code /upload} endpoint requires.
     */
    public String endpointClientId() {
        return settings.endpointClientId();
    }

    /** {@link #endpointClientId()}'s secret. */
    public String endpointClientSecret() {
        return settings.endpointClientSecret();
    }

    /** The audience {@code /upload} requires. */
    public String endpointAudience() {
        return settings.endpointAudience();
    }

    /** The scope {@code /upload} requires. */
    public String endpointScope() {
        return settings.endpointScope();
    }

    /** The API key: omega-ml commercial ({@code ApiKey user:key}) and the CSV gateway ({@code x-api-key}). */
    public String apiKey() {
        return settings.apiKey();
    }

    /** The imitated Wallaroo version. */
    public ServerVersion serverVersion() {
        return settings.serverVersion();
    }

    /** The imitated omega-ml edition. */
    public OmegaEdition omegaEdition() {
        return settings.omegaEdition();
    }

    // ------------------------------------------------------------------------- test controls

    /** Fault injection controls. */
    public Faults faults() {
        return faults;
    }

    /** A builder for hand-made access tokens signed by this realm (or deliberately not). */
    public TokenBuilder tokens() {
        return new TokenBuilder(keycloak, settings.clock(), settings.clientId(), settings.username());
    }

    /** The requests received so far (oldest first, up to the log capacity), secrets masked. */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /** Forgets the logged requests and resets all counters. */
    public void clearRequests() {
        log.clear();
    }

    /** How many requests were routed to {@code operation} (see {@link Faults}), including faulted ones. */
    public long requestCount(String operation) {
        return log.count(operation);
    }

    /** How many token requests (any grant, any outcome) the realm received. */
    public long tokenRequests() {
        return requestCount("keycloak:token");
    }

    /** How many Wallaroo inference requests were received. */
    public long inferenceRequests() {
        return requestCount("wallaroo:infer");
    }

    /** Stops the server and its worker threads. Idempotent. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "LocalPlatform[" + baseUrl + ", wallaroo " + settings.serverVersion() + ", omega-ml "
                + settings.omegaEdition() + "]";
    }

    /** Options for {@link LocalPlatform}; every option has a default. */
    public static final class Builder {
        private int port;
        private int threads = 16;
        private Clock clock = Clock.systemUTC();
        private long faultSeed = 42;
        private int requestLogCapacity = 1000;
        private String realm = "master";
        private String username = "john@example.com";
        private String password = "Passw0rd!";
        private String clientId = "api-client";
        private String clientSecret = "api-client-secret";
        private String apiKey = "local-api-key";
        private Duration accessTokenLifetime = Duration.ofSeconds(3600);
        private Duration refreshTokenLifetime = Duration.ofSeconds(1800);
        private ServerVersion serverVersion = ServerVersion.CURRENT;
        private int deploymentPolls = 1;
        private Duration deploymentStartup = Duration.ofSeconds(2);
        private int conversionPolls = 1;
        private OmegaEdition omegaEdition = OmegaEdition.OPEN_SOURCE;
        private int taskPolls = 2;
        private Duration taskDelay = Duration.ZERO;

        private Builder() {
        }

        /** The port to bind on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Worker threads (daemon, fixed pool; default 16). */
        public Builder threads(int threads) {
            this.threads = positive(threads, "threads");
            return this;
        }

        /** The clock for token times and task/deployment progress (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Seed for probabilistic faults (default 42). */
        public Builder faultSeed(long seed) {
            this.faultSeed = seed;
            return this;
        }

        /** How many requests {@link LocalPlatform#requests()} keeps (default 1000; 0 keeps none, counters still count). */
        public Builder requestLogCapacity(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("requestLogCapacity must be >= 0, was " + capacity);
            }
            this.requestLogCapacity = capacity;
            return this;
        }

        /** The Keycloak realm name (default {@code master}, as on Wallaroo). */
        public Builder realm(String realm) {
            this.realm = nonBlank(realm, "realm");
            return this;
        }

        /** The default user's name and password (default {@code john@example.com} / {@code Passw0rd!}). */
        public Builder user(String username, String password) {
            this.username = nonBlank(username, "username");
            this.password = nonBlank(password, "password");
            return this;
        }

        /** The confidential client's id and secret (default {@code api-client} / {@code api-client-secret}). */
        public Builder client(String clientId, String clientSecret) {
            this.clientId = nonBlank(clientId, "clientId");
            this.clientSecret = nonBlank(clientSecret, "clientSecret");
            return this;
        }

        /** The API key for omega-ml and the CSV gateway (default {@code local-api-key}). */
        public Builder apiKey(String apiKey) {
            this.apiKey = nonBlank(apiKey, "apiKey");
            return this;
        }

        /** Access token lifetime (default 3600 s, as Wallaroo's api-client). */
        public Builder accessTokenLifetime(Duration d) {
            this.accessTokenLifetime = positive(d, "accessTokenLifetime");
            return this;
        }

        /** Refresh token (session idle) lifetime (default 1800 s, as Wallaroo). */
        public Builder refreshTokenLifetime(Duration d) {
            this.refreshTokenLifetime = positive(d, "refreshTokenLifetime");
            return this;
        }

        /** The Wallaroo version whose response shapes to reproduce (default {@link ServerVersion#CURRENT}). */
        public Builder serverVersion(ServerVersion version) {
            this.serverVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * A new deployment reports {@code Starting} (and inference answers 503) until it was polled
         * {@code polls} times through {@code status/get_deployment} or {@code time} has passed,
         * whichever comes first (default 1 poll or 2 s).
         */
        public Builder deploymentStartup(int polls, Duration time) {
            if (polls < 0) {
                throw new IllegalArgumentException("polls must be >= 0, was " + polls);
            }
            this.deploymentPolls = polls;
            this.deploymentStartup = Objects.requireNonNull(time, "time");
            return this;
        }

        /** An uploaded model version is ready after this many status reads (default 1). */
        public Builder modelConversionPolls(int polls) {
            if (polls < 0) {
                throw new IllegalArgumentException("polls must be >= 0, was " + polls);
            }
            this.conversionPolls = polls;
            return this;
        }

        /** The omega-ml dialect (default {@link OmegaEdition#OPEN_SOURCE}). */
        public Builder omegaEdition(OmegaEdition edition) {
            this.omegaEdition = Objects.requireNonNull(edition, "edition");
            return this;
        }

        /**
         * An async omega-ml task reports PENDING, then STARTED, and SUCCESS only once it was polled
         * {@code polls} times and {@code delay} has passed since it was submitted (default 2 polls, no delay).
         */
        public Builder asyncTasks(int polls, Duration delay) {
            if (polls < 0) {
                throw new IllegalArgumentException("polls must be >= 0, was " + polls);
            }
            this.taskPolls = polls;
            this.taskDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** Starts the platform. */
        public LocalPlatform start() {
            return new LocalPlatform(this);
        }

        Settings settings() {
            return new Settings(port, threads, clock, faultSeed, requestLogCapacity, realm, username, password,
                    clientId, clientSecret, "sdk-client", "model-client", "model-client-secret", apiKey,
                    accessTokenLifetime, refreshTokenLifetime, serverVersion, deploymentPolls, deploymentStartup,
                    conversionPolls, omegaEdition, taskPolls, taskDelay, "model-api", "get::prediction");
        }

        private static int positive(int v, String name) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + v);
            }
            return v;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }

        private static String nonBlank(String s, String name) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return s;
        }
    }
}
