package io.infer4j.testkit;

import io.infer4j.testkit.internal.FaultEngine;
import io.infer4j.testkit.internal.FaultEngine.Action;
import io.infer4j.testkit.internal.Keycloak;
import java.time.Duration;
import java.util.Objects;

/**
 * Fault injection for a running {@link LocalPlatform}, controllable from a test at any time.
 *
 * <pre>{@code
 * platform.faults().on("/v1/api/pipelines/infer").times(3).status(503);     // 503 x3, then normal
 * platform.faults().onOperation("keycloak:token").times(1).rateLimit(Duration.ofSeconds(2));
 * platform.faults().everywhere().withProbability(0.05).status(503);         // soak: 5% 503
 * platform.faults().everywhere().withProbability(0.01).dropConnection();    //       1% dropped
 * platform.faults().expireTokens();                                         // every token so far is expired
 * }</pre>
 *
 * <p>Rules apply in the order they were added: delays add up, and the first firing rule of any
 * other kind decides the answer. Probabilities draw from one {@link java.util.Random} seeded by
 * {@link LocalPlatform.Builder#faultSeed(long)} (or {@link #seed(long)}), so a soak run is
 * repeatable for a given request order.
 *
 * <p>Operation names (also in {@link RecordedRequest#operation()}): {@code keycloak:token},
 * {@code keycloak:certs}, {@code keycloak:discovery}, {@code keycloak:logout}, {@code keycloak:revoke},
 * {@code keycloak:userinfo}; {@code wallaroo:<group>/<verb>} for every MLOps call (e.g.
 * {@code wallaroo:pipelines/deploy}), {@code wallaroo:infer}; {@code omega:ping},
 * {@code omega:dataset.get|put|delete|list}, {@code omega:model.create}, {@code omega:model.<action>},
 * {@code omega:task.result|status}, {@code omega:job.*}, {@code omega:script.run};
 * {@code endpoint:health}, {@code endpoint:upload}, {@code endpoint:csv}.
 */
public final class Faults {
    private final FaultEngine engine;
    private final Keycloak keycloak;

    Faults(FaultEngine engine, Keycloak keycloak) {
        this.engine = engine;
        this.keycloak = keycloak;
    }

    /** Rules for requests whose path starts with {@code pathPrefix} (e.g. {@code /v1/api/}). */
    public Scope on(String pathPrefix) {
        return new Scope(Objects.requireNonNull(pathPrefix, "pathPrefix"), null);
    }

    /** Rules for one operation (see the class documentation for the names). */
    public Scope onOperation(String operation) {
        return new Scope(null, Objects.requireNonNull(operation, "operation"));
    }

    /** Rules for every request, including token requests. */
    public Scope everywhere() {
        return new Scope(null, null);
    }

    /** Removes every rule. Token expiry and revocation are not undone. */
    public void clear() {
        engine.clear();
    }

    /** Reseeds the random source of probabilistic rules. */
    public void seed(long seed) {
        engine.seed(seed);
    }

    /**
     * Every access token issued so far is treated as expired: API calls with it get 401 (as a real
     * server does after {@code exp}). Refresh tokens keep working, so a client can recover.
     */
    public void expireTokens() {
        keycloak.expireAccessTokens();
    }

    /**
     * Ends every session (like an admin logout): access tokens get 401 and refresh answers
     * {@code 400 invalid_grant "Session not active"}; only a new login recovers.
     */
    public void revokeSessions() {
        keycloak.revokeSessions();
    }

    /** Which requests a rule applies to, how often, and (terminal methods) what it does. */
    public final class Scope {
        private final String pathPrefix;
        private final String operation;
        private String method;
        private int times = -1;
        private double probability = 1.0;

        private Scope(String pathPrefix, String operation) {
            this.pathPrefix = pathPrefix;
            this.operation = operation;
        }

        /** Only requests with this HTTP method. */
        public Scope method(String httpMethod) {
            this.method = Objects.requireNonNull(httpMethod, "httpMethod");
            return this;
        }

        /** Affect only the next {@code n} matching requests (default: all of them). */
        public Scope times(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("times must be >= 1, was " + n);
            }
            this.times = n;
            return this;
        }

        /** Affect each matching request with probability {@code p} (0 &lt; p &lt;= 1). */
        public Scope withProbability(double p) {
            if (!(p > 0 && p <= 1)) {
                throw new IllegalArgumentException("probability must be in (0, 1], was " + p);
            }
            this.probability = p;
            return this;
        }

        /** Answer with {@code status} and the imitated server's error body (e.g. 503). */
        public FaultHandle status(int status) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("fault status must be 4xx or 5xx, was " + status);
            }
            return add(Action.STATUS, status, Duration.ZERO);
        }

        /** Answer 429 with {@code Retry-After} in whole seconds. */
        public FaultHandle rateLimit(Duration retryAfter) {
            return add(Action.RATE_LIMIT, 429, nonNegative(retryAfter));
        }

        /** Close the connection without sending any response. */
        public FaultHandle dropConnection() {
            return add(Action.DROP, 0, Duration.ZERO);
        }

        /**
         * Send only the first half of the real body, with a Content-Length that matches it: valid
         * HTTP, broken JSON (the client should report a decode error).
         */
        public FaultHandle truncateBody() {
            return add(Action.TRUNCATE, 0, Duration.ZERO);
        }

        /**
         * Announce the full Content-Length, send half the body, then close the connection (the
         * client should report a transport error).
         */
        public FaultHandle cutConnectionMidBody() {
            return add(Action.CUT, 0, Duration.ZERO);
        }

        /** Wait {@code latency} before handling the request normally. */
        public FaultHandle delay(Duration latency) {
            return add(Action.DELAY, 0, nonNegative(latency));
        }

        private FaultHandle add(Action action, int status, Duration d) {
            return new FaultHandle(engine.add(new FaultEngine.Rule(pathPrefix, operation, method, times, probability,
                    action, status, d)));
        }
    }

    private static Duration nonNegative(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + d);
        }
        return d;
    }
}
