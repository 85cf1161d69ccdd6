package io.infer4j.spark;

import io.infer4j.core.ConfigEnvironment;
import io.infer4j.core.Setting;
import io.infer4j.core.Settings;
import io.infer4j.core.Timeouts;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.wallaroo.WallarooClient;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the driver and every executor reach Wallaroo: the API URL, one login (a user and password,
 * client credentials, both, or a bearer token), and timeouts. A small immutable value that Spark
 * serializes into each task; every executor JVM builds one {@link WallarooClient} from it and
 * shares it between its tasks, so equal settings mean one client and one Keycloak login per JVM.
 *
 * <p>{@link #toString()} never shows the password, client secret or token. Spark ships the
 * settings inside the task's closure, which neither the plan nor the UI prints, but anyone who can
 * read the serialized tasks (e.g. a shared event log of a cluster with unencrypted RPC) can read the
 * secrets; use Spark's RPC encryption on shared clusters.
 */
public final class WallarooSparkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String apiUrl;
    private final String authUrl;
    private final String user;
    private final String password;
    private final String clientId;
    private final String clientSecret;
    private final String token;
    private final Duration inferenceTimeout;
    private final Duration requestTimeout;

    private WallarooSparkSettings(Builder b) {
        this.apiUrl = b.apiUrl;
        this.authUrl = b.authUrl;
        this.user = b.user;
        this.password = b.password;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.token = b.token;
        this.inferenceTimeout = b.inferenceTimeout;
        this.requestTimeout = b.requestTimeout;
    }

    /** A builder; {@link Builder#apiUrl} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings from the driver's environment, system properties and profile file (the
     * {@code WALLAROO_*} entries of {@link Settings}, as {@link WallarooClient#fromEnv()} reads
     * them). They are read once, here, so executors need none of these variables.
     *
     * @throws ConfigurationException {@code WALLAROO_URL} is set nowhere, or a value is malformed
     */
    public static WallarooSparkSettings fromEnv() {
        return fromEnv(ConfigEnvironment.system());
    }

    /** {@link #fromEnv()} from the given environment. */
    public static WallarooSparkSettings fromEnv(ConfigEnvironment env) {
        Objects.requireNonNull(env, "env");
        Builder b = builder().apiUrl(env.require(Settings.WALLAROO_URL));
        env.get(Settings.WALLAROO_AUTH_URL).ifPresent(b::authUrl);
        env.get(Settings.WALLAROO_TOKEN).ifPresent(b::token);
        b.user = env.get(Settings.WALLAROO_USER).orElse(null);
        b.password = env.get(Settings.WALLAROO_PASSWORD).orElse(null);
        b.clientId = env.get(Settings.WALLAROO_CLIENT_ID).orElse(null);
        b.clientSecret = env.get(Settings.WALLAROO_CLIENT_SECRET).orElse(null);
        env.get(Settings.WALLAROO_INFERENCE_TIMEOUT).ifPresent(v -> b.inferenceTimeout(seconds(Settings.WALLAROO_INFERENCE_TIMEOUT, v)));
        env.get(Settings.WALLAROO_REQUEST_TIMEOUT).ifPresent(v -> b.requestTimeout(seconds(Settings.WALLAROO_REQUEST_TIMEOUT, v)));
        return b.build();
    }

    private static Duration seconds(Setting setting, String value) {
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(setting.env(), setting.env() + " must be a number of seconds, was '" + value + "'");
        }
    }

    /** The API URL. */
    public String apiUrl() {
        return apiUrl;
    }

    /**
     * A new client from these settings; the caller closes it. The scorer does not call this per
     * task: it keeps one client per settings value and JVM.
     *
     * @throws ConfigurationException a malformed URL or token
     */
    public WallarooClient newClient() {
        WallarooClient.Builder b = WallarooClient.builder().apiUrl(apiUrl);
        if (authUrl != null) {
            b.authUrl(URI.create(authUrl));
        }
        if (token != null) {
            try {
                b.auth(BearerTokenAuth.of(token));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(Settings.WALLAROO_TOKEN.env(), "the token is not usable");
            }
        }
        if (user != null) {
            b.login(user, password);
        }
        if (clientSecret != null) {
            b.clientCredentials(clientId, clientSecret);
        }
        if (inferenceTimeout != null) {
            b.inferenceTimeout(inferenceTimeout);
        }
        if (requestTimeout != null) {
            b.timeouts(Timeouts.DEFAULT.withAttempt(requestTimeout));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WallarooSparkSettings s && apiUrl.equals(s.apiUrl) && Objects.equals(authUrl, s.authUrl)
                && Objects.equals(user, s.user) && Objects.equals(password, s.password)
                && Objects.equals(clientId, s.clientId) && Objects.equals(clientSecret, s.clientSecret)
                && Objects.equals(token, s.token) && Objects.equals(inferenceTimeout, s.inferenceTimeout)
                && Objects.equals(requestTimeout, s.requestTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiUrl, authUrl, user, password, clientId, clientSecret, token, inferenceTimeout, requestTimeout);
    }

    /** The URL and the kind of login, never a secret. */
    @Override
    public String toString() {
        String login = token != null ? "token ****"
                : user != null ? "password login of " + user + (clientSecret != null ? " with client " + clientId : "")
                : clientSecret != null ? "client credentials of " + clientId : "none";
        return "WallarooSparkSettings[apiUrl=" + apiUrl + (authUrl != null ? ", authUrl=" + authUrl : "")
                + ", login=" + login
                + (inferenceTimeout != null ? ", inferenceTimeout=" + inferenceTimeout : "")
                + (requestTimeout != null ? ", requestTimeout=" + requestTimeout : "") + "]";
    }

    /** Builds {@link WallarooSparkSettings}. */
    public static final class Builder {
        private String apiUrl;
        private String authUrl;
        private String user;
        private String password;
        private String clientId;
        private String clientSecret;
        private String token;
        private Duration inferenceTimeout;
        private Duration requestTimeout;

        private Builder() {
        }

        /** The API URL, e.g. {@code https://wallaroo.example.com}. */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = text(apiUrl, "apiUrl", Settings.WALLAROO_URL);
            return this;
        }

        /** Keycloak's base URL (ends in {@code /auth}), when it is not where Wallaroo's layout puts it. */
        public Builder authUrl(String authUrl) {
            this.authUrl = text(authUrl, "authUrl", Settings.WALLAROO_AUTH_URL);
            return this;
        }

        /** A Keycloak password login (sdk-auth, which sdk-spark brings). */
        public Builder login(String user, String password) {
            this.user = text(user, "user", Settings.WALLAROO_USER);
            this.password = text(password, "password", Settings.WALLAROO_PASSWORD);
            return this;
        }

        /** A confidential Keycloak client: client credentials alone, or with {@link #login} a password login through it. */
        public Builder clientCredentials(String clientId, String clientSecret) {
            this.clientId = text(clientId, "clientId", Settings.WALLAROO_CLIENT_ID);
            this.clientSecret = text(clientSecret, "clientSecret", Settings.WALLAROO_CLIENT_SECRET);
            return this;
        }

        /** A bearer token used as it is (never refreshed), instead of a login. */
        public Builder token(String token) {
            this.token = text(token, "token", Settings.WALLAROO_TOKEN);
            return this;
        }

        /** Per-attempt timeout of inference calls (default 15 s). */
        public Builder inferenceTimeout(Duration timeout) {
            this.inferenceTimeout = positive(timeout, "inferenceTimeout");
            return this;
        }

        /** Per-attempt timeout of the other API calls (default 45 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * The settings.
         *
         * @throws ConfigurationException no API URL, a password without a user, or a token together with a login
         */
        public WallarooSparkSettings build() {
            if (apiUrl == null) {
                throw new ConfigurationException(Settings.WALLAROO_URL.env(), "apiUrl(...) is required");
            }
            if ((user == null) != (password == null)) {
                throw new ConfigurationException(user == null ? Settings.WALLAROO_USER.env() : Settings.WALLAROO_PASSWORD.env(),
                        "a password login needs both a user and a password");
            }
            if ((clientId == null) != (clientSecret == null) && clientSecret != null) {
                throw new ConfigurationException(Settings.WALLAROO_CLIENT_ID.env(), "a client secret needs its client id");
            }
            if (token != null && (user != null || clientSecret != null)) {
                throw new ConfigurationException(Settings.WALLAROO_TOKEN.env(), "give either a token or a login, not both");
            }
            if (clientSecret == null) {
                clientId = null;   // a client id alone only names the public client, which is the default
            }
            return new WallarooSparkSettings(this);
        }

        private static String text(String value, String what, Setting setting) {
            if (value == null || value.isBlank()) {
                throw new ConfigurationException(setting.env(), what + " must not be empty");
            }
            return value;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new ConfigurationException(null, what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
