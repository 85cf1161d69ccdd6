package io.infer4j.auth.keycloak;

import io.infer4j.auth.keycloak.internal.Jwts;
import io.infer4j.auth.keycloak.internal.TokenEndpoint;
import io.infer4j.core.auth.AuthHeaders;
import io.infer4j.core.auth.AuthProvider;
import io.infer4j.core.error.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens from Keycloak (or any OAuth2 / OpenID Connect token endpoint) that stay fresh for
 * as long as the client lives, however many threads use it.
 *
 * <pre>{@code
 * KeycloakTokenProvider auth = KeycloakTokenProvider.builder()
 *         .wallarooApi("https://wallaroo.example.com")          // .../auth/realms/master/protocol/openid-connect/token
 *         .clientId("api-client").clientSecret(System.getenv("WALLAROO_CLIENT_SECRET"))
 *         .password(System.getenv("WALLAROO_USER"), System.getenv("WALLAROO_PASSWORD"))
 *         .build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Lifetimes</b> come from {@code expires_in} / {@code refresh_expires_in}, counted from when
 *       the request was sent on the provider's clock, and are cut short if the JWT's {@code exp - iat}
 *       says less. A refresh token that expires before the access token (Wallaroo: 1800 s vs 3600 s)
 *       is simply not used: the provider logs in again instead.</li>
 *   <li><b>Proactive refresh:</b> a token is renewed {@code skew} before it expires (default the
 *       smaller of 30 s and 10 % of its lifetime, plus up to 10 % jitter so that processes sharing a
 *       session do not all refresh at once).</li>
 *   <li><b>Single flight:</b> one token request at a time. In the refresh window the first thread
 *       renews while the others keep using the still-valid token; once a token has expired, all
 *       threads wait for the one request. No background threads.</li>
 *   <li><b>Fallback:</b> a refresh answered with {@code invalid_grant} (expired, revoked or logged-out
 *       session) falls back once to a fresh password or client-credentials grant. If a refresh fails
 *       while the current token is still valid, the token keeps being used and the refresh is retried
 *       after a pause.</li>
 *   <li><b>401:</b> {@link #onUnauthorized} drops the token only if the rejected request carried the
 *       current one, and asks the transport to replay the request once.</li>
 * </ul>
 *
 * <p>Every failure is an {@link AuthenticationException} with the token endpoint's status,
 * {@code error} and {@code error_description}. No password, secret or token appears in a log line,
 * exception message or {@link #toString()}.
 */
public final class KeycloakTokenProvider implements AuthProvider {
    private static final Logger LOG = LoggerFactory.getLogger(KeycloakTokenProvider.class);
    /** Upper bound of the default refresh skew. */
    static final Duration MAX_DEFAULT_SKEW = Duration.ofSeconds(30);
    /** After a failed refresh while the token is still valid, wait this long (at most) before trying again. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(30);
    /** A refresh token this close to its expiry is not worth sending. */
    static final Duration REFRESH_TOKEN_MARGIN = Duration.ofSeconds(1);
    /** Default timeout of one token request. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private enum Grant {
        PASSWORD("password"), CLIENT_CREDENTIALS("client_credentials"), REFRESH_TOKEN("refresh_token");

        final String wire;

        Grant(String wire) {
            this.wire = wire;
        }
    }

    private final TokenEndpoint endpoint;
    private final String clientId;
    private final boolean confidential;
    private final Grant grant;
    private final String username;
    private final String password;
    private final String initialRefreshToken;
    private final String scope;
    private final Duration skew;
    private final Clock clock;
    private final TokenStore store;
    private final String storeKey;

    /** Guards every token request and every change of {@link #session}. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Session session;
    /** No proactive refresh before this instant (set after a refresh failed while the token was still valid). */
    private volatile Instant pauseUntil = Instant.MIN;

    private KeycloakTokenProvider(Builder b) {
        HttpUrl url = b.resolveTokenUrl();
        this.clientId = requireText(b.clientId, "clientId");
        if (b.clientSecret != null && b.clientSecret.isEmpty()) {
            throw new IllegalArgumentException("clientSecret must not be empty (leave it unset for a public client)");
        }
        this.confidential = b.clientSecret != null;
        if (b.grant == null) {
            throw new IllegalArgumentException("choose a grant: password(user, password), clientCredentials() or refreshToken(token)");
        }
        this.grant = b.grant;
        if (grant == Grant.CLIENT_CREDENTIALS && !confidential) {
            throw new IllegalArgumentException("the client_credentials grant needs a confidential client: set clientSecret");
        }
        this.username = b.username;
        this.password = b.password;
        this.initialRefreshToken = b.refreshToken;
        this.scope = b.scope;
        if (b.skew != null && b.skew.isNegative()) {
            throw new IllegalArgumentException("refreshSkew must not be negative");
        }
        this.skew = b.skew;
        this.clock = Objects.requireNonNullElse(b.clock, Clock.systemUTC());
        this.store = Objects.requireNonNullElseGet(b.store, TokenStore::inMemory);
        Duration timeout = Objects.requireNonNullElse(b.timeout, DEFAULT_TIMEOUT);
        OkHttpClient http = (b.httpClient != null ? b.httpClient.newBuilder() : new OkHttpClient.Builder())
                .callTimeout(timeout).build();
        this.endpoint = new TokenEndpoint(url, clientId, b.clientSecret, http, clock);
        this.storeKey = url + " " + clientId + " " + principal() + (scope != null ? " " + scope : "");
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The token URL of {@code realm} on a Keycloak server: {@code {serverUrl}/realms/{realm}/protocol/openid-connect/token}.
     * Give the server URL with {@code /auth} for the legacy layout (Keycloak before 17, and Wallaroo:
     * {@code https://host/auth}), without it for the current one ({@code https://host}).
     */
    public static String tokenUrl(String serverUrl, String realm) {
        HttpUrl base = httpUrl(serverUrl, "serverUrl");
        return base.newBuilder().addPathSegments("realms").addPathSegment(requireText(realm, "realm"))
                .addPathSegments("protocol/openid-connect/token").build().toString()
                .replace("//realms/", "/realms/");
    }

    @Override
    public AuthHeaders authHeaders() {
        return current().header;
    }

    /**
     * Told by the transport that a request carrying {@code rejected} got a 401. Drops the access token
     * (keeping the refresh token) only if {@code rejected} still holds it; a 401 for a token that was
     * already replaced changes nothing. Always asks for one replay, which then uses a fresh token.
     */
    @Override
    public boolean onUnauthorized(AuthHeaders rejected) {
        Session s = session;
        if (s != null && s.header.equals(rejected)) {
            lock.lock();
            try {
                if (session == s) {
                    TokenSet expired = s.tokens.withAccessExpired();
                    session = session(expired);
                    store.load(storeKey).filter(t -> t.accessToken().equals(expired.accessToken()))
                            .ifPresent(t -> store.save(storeKey, expired));
                    LOG.debug("The API rejected the current access token (401); it will be renewed");
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    /** A valid access token (obtaining or refreshing one if needed). */
    public String accessToken() {
        return current().tokens.accessToken();
    }

    /** The current, valid tokens with their expiry times (obtaining or refreshing them if needed). */
    public TokenSet tokens() {
        return current().tokens;
    }

    /** The decoded claims of the current, valid access token ({@link TokenClaims#NONE} if it is not a JWT). */
    public TokenClaims claims() {
        return current().claims();
    }

    /** Forgets the session here and in the token store; the next call logs in again. */
    public void invalidate() {
        lock.lock();
        try {
            session = null;
            store.remove(storeKey);
        } finally {
            lock.unlock();
        }
    }

    /** The token endpoint this provider calls. */
    public String tokenUrl() {
        return endpoint.url().toString();
    }

    /** The key this provider's session has in its {@link TokenStore} (URL, client, user, scope; no secrets). */
    public String storeKey() {
        return storeKey;
    }

    private Session current() {
        Session s = session;
        Instant now = clock.instant();
        if (s != null && now.isBefore(s.refreshAt)) {
            return s;
        }
        if (s != null && now.isBefore(s.usableUntil)) {
            // Refresh window: exactly one thread renews, everyone else keeps the still-valid token.
            if (now.isBefore(pauseUntil) || !lock.tryLock()) {
                return s;
            }
        } else {
            lock.lock();
        }
        try {
            return renew(s);
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private Session renew(Session seen) {
        Instant now = clock.instant();
        Session s = session;
        if (s != null && s != seen && now.isBefore(s.usableUntil)) {
            return s; // another thread renewed while this one waited for the lock
        }
        TokenSet base = s == null ? null : s.tokens;
        Optional<TokenSet> stored = store.load(storeKey);
        if (stored.isPresent() && (base == null || !stored.get().accessToken().equals(base.accessToken()))) {
            // Another provider or process sharing the store got a token meanwhile: adopt it if fresh,
            // else at least start from its (newer) refresh token.
            Session adopted = session(stored.get());
            if (now.isBefore(adopted.refreshAt)) {
                session = adopted;
                LOG.debug("Using the token another client stored in {}", store);
                return adopted;
            }
            base = stored.get();
        }
        try {
            Session fresh = session(obtain(base, now));
            session = fresh;
            pauseUntil = Instant.MIN;
            store.save(storeKey, fresh.tokens);
            return fresh;
        } catch (AuthenticationException e) {
            Instant after = clock.instant();
            if (s != null && after.isBefore(s.usableUntil)) {
                Duration left = Duration.between(after, s.usableUntil);
                Duration pause = left.dividedBy(2).compareTo(RETRY_PAUSE) < 0 ? left.dividedBy(2) : RETRY_PAUSE;
                pauseUntil = after.plus(pause);
                LOG.warn("Renewing the access token failed; the current one stays in use ({} left), next try in {}: {}",
                        left, pause, e.getMessage());
                return s;
            }
            throw e;
        }
    }

    /** Refresh if there is a usable refresh token; on invalid_grant, or without one, log in again. */
    private TokenSet obtain(TokenSet prior, Instant now) {
        String refreshToken = prior == null ? initialRefreshToken
                : prior.refreshUsableAt(now, REFRESH_TOKEN_MARGIN) ? prior.refreshToken() : null;
        AuthenticationException refreshFailure = null;
        if (refreshToken != null) {
            try {
                TokenSet t = endpoint.request(Grant.REFRESH_TOKEN.wire, Map.of("refresh_token", refreshToken));
                logObtained(Grant.REFRESH_TOKEN, t);
                if (t.refreshToken() == null) {
                    // RFC 6749 section 6: the server may keep the old refresh token.
                    Instant rtExpiry = prior != null && refreshToken.equals(prior.refreshToken()) ? prior.refreshExpiresAt() : null;
                    t = new TokenSet(t.accessToken(), t.obtainedAt(), t.accessExpiresAt(), refreshToken, rtExpiry);
                }
                return t;
            } catch (AuthenticationException e) {
                if (grant == Grant.REFRESH_TOKEN || !"invalid_grant".equals(e.error().orElse(null))) {
                    throw e;
                }
                LOG.debug("Refresh refused ({}: {}); logging in again with the {} grant",
                        e.error().orElse(""), e.errorDescription().orElse(""), grant.wire);
                refreshFailure = e;
            }
        }
        if (grant == Grant.REFRESH_TOKEN) {
            throw new AuthenticationException("The refresh token of client " + clientId + " expired"
                    + (prior != null && prior.refreshExpiresAt() != null ? " at " + prior.refreshExpiresAt() : "")
                    + " and this provider has no password or client credentials to log in again", 0, null, null, null);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (grant == Grant.PASSWORD) {
            fields.put("username", username);
            fields.put("password", password);
        }
        if (scope != null) {
            fields.put("scope", scope);
        }
        try {
            TokenSet t = endpoint.request(grant.wire, fields);
            logObtained(grant, t);
            return t;
        } catch (AuthenticationException e) {
            if (refreshFailure != null) {
                e.addSuppressed(refreshFailure);
            }
            throw e;
        }
    }

    private void logObtained(Grant g, TokenSet t) {
        if (LOG.isDebugEnabled()) {
            TokenClaims c = Jwts.tokenClaims(t.accessToken());
            LOG.debug("Got an access token from {} ({} grant, client {}, subject {}): valid {}, refresh token {}",
                    endpoint.url(), g.wire, clientId, c.preferredUsername() != null ? c.preferredUsername() : c.subject(),
                    t.accessLifetime(), t.refreshToken() == null ? "none"
                            : t.refreshExpiresAt() == null ? "without expiry" : "valid until " + t.refreshExpiresAt());
        }
    }

    private Session session(TokenSet t) {
        Duration lifetime = t.accessLifetime();
        Duration s = skew != null ? skew : min(MAX_DEFAULT_SKEW, lifetime.dividedBy(10));
        s = min(s, lifetime.dividedBy(2)); // a skew beyond half the lifetime would refresh almost constantly
        long jitterMillis = s.toMillis() / 10;
        Duration jitter = Duration.ofMillis(jitterMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1));
        Instant refreshAt = t.accessExpiresAt().minus(s).minus(jitter);
        // A token with less than this left could expire on its way to the server.
        Instant usableUntil = t.accessExpiresAt().minus(min(Duration.ofSeconds(1), s.dividedBy(2)));
        return new Session(t, refreshAt, usableUntil, AuthHeaders.bearer(t.accessToken()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private String principal() {
        switch (grant) {
            case PASSWORD:
                return "user:" + username;
            case CLIENT_CREDENTIALS:
                return "client_credentials";
            default:
                return "refresh_token:" + sha256Prefix(initialRefreshToken);
        }
    }

    private static String sha256Prefix(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "KeycloakTokenProvider[tokenUrl=" + endpoint.url() + ", clientId=" + clientId
                + (confidential ? ", clientSecret=***" : ", public client") + ", grant=" + grant.wire
                + (grant == Grant.PASSWORD ? ", username=" + username + ", password=***" : "")
                + (grant == Grant.REFRESH_TOKEN ? ", refreshToken=***" : "")
                + (scope != null ? ", scope=" + scope : "") + ", store=" + store + "]";
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        return value;
    }

    private static HttpUrl httpUrl(String url, String what) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new IllegalArgumentException(what + " must be an http or https URL, got: " + url);
        }
        return parsed;
    }

    /** The tokens plus what is derived from them once: when to refresh, until when usable, the header. */
    private static final class Session {
        final TokenSet tokens;
        final Instant refreshAt;
        final Instant usableUntil;
        final AuthHeaders header;
        private volatile TokenClaims claims;

        Session(TokenSet tokens, Instant refreshAt, Instant usableUntil, AuthHeaders header) {
            this.tokens = tokens;
            this.refreshAt = refreshAt;
            this.usableUntil = usableUntil;
            this.header = header;
        }

        TokenClaims claims() {
            TokenClaims c = claims;
            if (c == null) {
                c = Jwts.tokenClaims(tokens.accessToken());
                claims = c;
            }
            return c;
        }
    }

    /** Builds a {@link KeycloakTokenProvider}: a token URL, a client, and one grant are required. */
    public static final class Builder {
        private String tokenUrl;
        private String serverUrl;
        private String realm;
        private String clientId;
        private String clientSecret;
        private Grant grant;
        private String username;
        private String password;
        private String refreshToken;
        private String scope;
        private Duration skew;
        private Duration timeout;
        private Clock clock;
        private OkHttpClient httpClient;
        private TokenStore store;

        private Builder() {
        }

        /** The full token URL, e.g. {@code https://host/auth/realms/master/protocol/openid-connect/token}. */
        public Builder tokenUrl(String tokenUrl) {
            this.tokenUrl = tokenUrl;
            return this;
        }

        /**
         * The Keycloak server URL: {@code https://host/auth} (legacy layout, Wallaroo) or
         * {@code https://host} (current layout). Combined with {@link #realm(String)}.
         */
        public Builder serverUrl(String serverUrl) {
            this.serverUrl = serverUrl;
            return this;
        }

        /** The realm (default {@code master}). */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /**
         * A Wallaroo instance with a single domain (2024.2 and later): Keycloak is at
         * {@code {apiUrl}/auth}, e.g. {@code https://wallaroo.example.com}.
         */
        public Builder wallarooApi(String apiUrl) {
            HttpUrl api = httpUrl(apiUrl, "apiUrl");
            this.serverUrl = api.newBuilder().encodedPath("/").build() + "auth";
            return this;
        }

        /**
         * A Wallaroo instance with the older prefix/suffix DNS layout (2022.x to 2024.1): Keycloak is at
         * {@code https://{prefix}.keycloak.{suffix}/auth}; an empty prefix gives {@code https://keycloak.{suffix}/auth}.
         * A trailing dot on the prefix (as in the tutorials' {@code "doc-test."}) is accepted.
         */
        public Builder wallarooLegacy(String prefix, String suffix) {
            String p = prefix == null ? "" : prefix.trim();
            p = p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
            this.serverUrl = "https://" + (p.isEmpty() ? "" : p + ".") + "keycloak." + requireText(suffix, "suffix").trim() + "/auth";
            return this;
        }

        /** The client id, e.g. {@code api-client} (confidential) or {@code sdk-client} (public). */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The secret of a confidential client, sent as HTTP Basic; leave unset for a public client. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /** Resource-owner password grant for this user; also the fallback when a refresh is refused. */
        public Builder password(String username, String password) {
            this.grant = Grant.PASSWORD;
            this.username = requireText(username, "username");
            if (password == null) {
                throw new IllegalArgumentException("password must not be null");
            }
            this.password = password;
            return this;
        }

        /** Client-credentials grant (a service account; needs {@link #clientSecret(String)}). */
        public Builder clientCredentials() {
            this.grant = Grant.CLIENT_CREDENTIALS;
            return this;
        }

        /**
         * Start from an existing refresh token (for example an offline token). There is nothing to
         * fall back to: once it is refused, calls fail with {@link AuthenticationException}.
         */
        public Builder refreshToken(String refreshToken) {
            this.grant = Grant.REFRESH_TOKEN;
            this.refreshToken = requireText(refreshToken, "refreshToken");
            return this;
        }

        /** Optional {@code scope}, e.g. {@code offline_access} or {@code openid}. */
        public Builder scope(String scope) {
            this.scope = scope == null || scope.isBlank() ? null : scope.trim();
            return this;
        }

        /** Renew this long before expiry (default: the smaller of 30 s and 10 % of the token's lifetime). */
        public Builder refreshSkew(Duration skew) {
            this.skew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /** Timeout of one token request (default 30 s). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** The clock for expiry decisions (default the system UTC clock; tests pass a fake one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Derive the token client from this OkHttpClient (proxy, TLS, shared pool); it is never shut down. */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** Where the session is kept (default a new {@link TokenStore#inMemory()}). */
        public Builder tokenStore(TokenStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The provider; no token is requested until the first call needs one. */
        public KeycloakTokenProvider build() {
            return new KeycloakTokenProvider(this);
        }

        HttpUrl resolveTokenUrl() {
            if (tokenUrl != null && serverUrl != null) {
                throw new IllegalArgumentException("give either tokenUrl or serverUrl (+ realm), not both");
            }
            if (tokenUrl == null && serverUrl == null) {
                throw new IllegalArgumentException("tokenUrl or serverUrl is required");
            }
            return tokenUrl != null ? httpUrl(tokenUrl, "tokenUrl")
                    : httpUrl(KeycloakTokenProvider.tokenUrl(serverUrl, realm == null ? "master" : realm), "serverUrl");
        }
    }
}
