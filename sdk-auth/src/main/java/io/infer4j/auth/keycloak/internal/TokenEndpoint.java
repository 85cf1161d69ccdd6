package io.infer4j.auth.keycloak.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.infer4j.auth.keycloak.TokenSet;
import io.infer4j.core.error.AuthenticationException;
import io.infer4j.core.internal.ErrorBodies;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.core.internal.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OAuth2 token endpoint and one client: sends a grant, validates the answer, and turns every
 * failure into an {@link AuthenticationException} that carries the status and the server's
 * {@code error} / {@code error_description}. Talks to OkHttp directly, so that the request and
 * response (passwords, secrets, tokens) never pass the transport's body logging; only the grant
 * type, status and duration are logged.
 */
public final class TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger("io.infer4j.auth.keycloak.TokenEndpoint");
    /** A token response is a few KB; anything far bigger is not one. */
    private static final long MAX_BODY = 1024 * 1024;
    /** Lifetime assumed for an access token that states none (no expires_in, not a JWT with exp). */
    static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofSeconds(60);
    /**
     * Keycloak counts lifetimes in whole seconds from an {@code iat} truncated to the second, so a
     * token can expire up to one second before {@code sent + expires_in}. That second is taken off
     * (from lifetimes longer than two seconds), so that no expired token is ever handed out.
     */
    static final Duration WHOLE_SECOND_ALLOWANCE = Duration.ofSeconds(1);

    private final HttpUrl url;
    private final String clientId;
    private final String basicAuthorization;
    private final OkHttpClient http;
    private final Clock clock;

    /**
     * @param clientSecret the confidential client's secret, or {@code null} for a public client
     */
    public TokenEndpoint(HttpUrl url, String clientId, String clientSecret, OkHttpClient http, Clock clock) {
        this.url = url;
        this.clientId = clientId;
        this.basicAuthorization = clientSecret == null ? null : basic(clientId, clientSecret);
        this.http = http;
        this.clock = clock;
    }

    /**
     * HTTP Basic for a client, with id and secret form-urlencoded first as RFC 6749 2.3.1 requires
     * (Keycloak decodes them: a raw {@code +} or {@code %} in a secret would otherwise fail).
     */
    static String basic(String clientId, String clientSecret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The token URL. */
    public HttpUrl url() {
        return url;
    }

    /**
     * Performs {@code grantType} with these form fields (secrets among them are never logged).
     *
     * @throws AuthenticationException if the endpoint refuses, cannot be reached, or answers with
     *                                 something that is not a usable token response
     */
    public TokenSet request(String grantType, Map<String, String> fields) {
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8).add("grant_type", grantType);
        if (basicAuthorization == null) {
            form.add("client_id", clientId);
        }
        fields.forEach(form::add);
        Request.Builder request = new Request.Builder().url(url).post(form.build())
                .header("Accept", "application/json")
                .header("User-Agent", HttpTransport.USER_AGENT);
        if (basicAuthorization != null) {
            request.header("Authorization", basicAuthorization);
        }
        String what = "Token request (grant " + grantType + ", client " + clientId + ") to " + url;
        Instant sentAt = clock.instant();
        long started = System.nanoTime();
        try (Response response = http.newCall(request.build()).execute()) {
            byte[] body = read(response.body());
            LOG.debug("{} -> HTTP {} in {} ms", what, response.code(), Duration.ofNanos(System.nanoTime() - started).toMillis());
            if (!response.isSuccessful()) {
                throw refused(what, response.code(), body);
            }
            return parse(what, response.code(), response.body() == null ? null : response.body().contentType(), body, sentAt);
        } catch (IOException e) {
            LOG.debug("{} failed: {}", what, e.getClass().getSimpleName());
            throw new AuthenticationException(what + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : ""), 0, null, null, e);
        }
    }

    private static byte[] read(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        okio.BufferedSource source = body.source();
        source.request(MAX_BODY + 1);
        long size = Math.min(source.getBuffer().size(), MAX_BODY + 1);
        return source.getBuffer().readByteArray(size);
    }

    /** A non-2xx answer: the OAuth2 error fields if there are any, else what the body says (an HTML title, a line of text). */
    static AuthenticationException refused(String what, int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String error = null;
        String description = null;
        JsonNode json = jsonObject(text);
        if (json != null) {
            error = textField(json, "error");
            description = textField(json, "error_description");
        }
        StringBuilder msg = new StringBuilder(what).append(" was refused: HTTP ").append(status);
        if (error != null) {
            msg.append(' ').append(error);
            if (description != null) {
                msg.append(": ").append(description);
            }
        } else {
            String said = ErrorBodies.parse(text).message();
            if (said != null && !said.isBlank()) {
                msg.append(": ").append(said.length() > 200 ? said.substring(0, 200) + "..." : said);
            }
        }
        return new AuthenticationException(msg.toString(), status, error, description, null);
    }

    /**
     * Validates a 2xx answer and works out the lifetimes. The body may hold tokens, so no message
     * ever quotes it: only what was wrong with it.
     */
    static TokenSet parse(String what, int status, MediaType contentType, byte[] body, Instant sentAt) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            throw invalid(what, status, "an empty body");
        }
        if (text.startsWith("<")) {
            throw invalid(what, status, "HTML" + (contentType != null ? " (" + contentType + ")" : "")
                    + "; is the token URL right? Expected .../realms/{realm}/protocol/openid-connect/token");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's message would quote the body: say only where it broke.
            long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw invalid(what, status, "invalid or truncated JSON" + (offset >= 0 ? " (error at offset " + offset + " of " + text.length() + ")" : ""));
        }
        if (json == null || !json.isObject()) {
            throw invalid(what, status, "JSON that is not an object");
        }
        String accessToken = textField(json, "access_token");
        if (accessToken == null || accessToken.isBlank()) {
            String error = textField(json, "error");
            if (error != null) {
                return failWithError(what, status, error, textField(json, "error_description"));
            }
            throw invalid(what, status, "a JSON object without access_token");
        }
        if (accessToken.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw invalid(what, status, "an access_token with characters not allowed in an HTTP header");
        }
        String tokenType = textField(json, "token_type");
        if (tokenType != null && !tokenType.equalsIgnoreCase("bearer")) {
            throw invalid(what, status, "token_type '" + tokenType + "'; only Bearer tokens are supported");
        }
        Long expiresIn = seconds(what, status, json, "expires_in");
        if (expiresIn != null && expiresIn <= 0) {
            throw invalid(what, status, "expires_in " + expiresIn + " (must be positive)");
        }
        Instant accessExpiresAt = expiry(sentAt, expiresIn, accessToken);
        if (accessExpiresAt == null) {
            accessExpiresAt = sentAt.plus(DEFAULT_ACCESS_LIFETIME);
            LOG.debug("{}: the access token states no lifetime; assuming {}", what, DEFAULT_ACCESS_LIFETIME);
        }
        String refreshToken = textField(json, "refresh_token");
        Long refreshExpiresIn = seconds(what, status, json, "refresh_expires_in");
        // Keycloak sends refresh_expires_in 0 for offline tokens: they expire only when idle or revoked.
        Instant refreshExpiresAt = refreshExpiresIn != null && refreshExpiresIn == 0 ? null
                : expiry(sentAt, refreshExpiresIn, refreshToken);
        return new TokenSet(accessToken, sentAt, accessExpiresAt, refreshToken, refreshExpiresAt);
    }

    /**
     * {@code sentAt + expires_in} (less {@link #WHOLE_SECOND_ALLOWANCE}), cross-checked with the JWT: if {@code exp - iat} is shorter, the
     * shorter wins. Both are relative, so a skewed clock on either side does not matter. Only when
     * there is no relative lifetime at all is the absolute {@code exp} used.
     */
    static Instant expiry(Instant sentAt, Long expiresInSeconds, String token) {
        Duration lifetime = expiresInSeconds == null ? null : Duration.ofSeconds(expiresInSeconds);
        Optional<JWTClaimsSet> claims = Jwts.claims(token);
        if (claims.isPresent()) {
            Optional<Duration> jwtLifetime = Jwts.lifetime(claims.get());
            if (jwtLifetime.isPresent() && (lifetime == null || jwtLifetime.get().compareTo(lifetime) < 0)) {
                if (lifetime != null) {
                    LOG.debug("Token exp claim gives a shorter lifetime ({}) than expires_in ({}); using it", jwtLifetime.get(), lifetime);
                }
                lifetime = jwtLifetime.get();
            } else if (lifetime == null && claims.get().getExpirationTime() != null) {
                return claims.get().getExpirationTime().toInstant();
            }
        }
        if (lifetime == null) {
            return null;
        }
        return sentAt.plus(lifetime.compareTo(WHOLE_SECOND_ALLOWANCE.multipliedBy(2)) > 0 ? lifetime.minus(WHOLE_SECOND_ALLOWANCE) : lifetime);
    }

    private static TokenSet failWithError(String what, int status, String error, String description) {
        throw new AuthenticationException(what + " was refused: HTTP " + status + " " + error
                + (description != null ? ": " + description : ""), status, error, description, null);
    }

    private static Long seconds(String what, int status, JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.canConvertToLong() && (v.isIntegralNumber() || v.isFloatingPointNumber())) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().trim().matches("\\d{1,12}")) {
            return Long.parseLong(v.asText().trim());
        }
        throw invalid(what, status, field + " that is not a number of seconds");
    }

    private static JsonNode jsonObject(String text) {
        String t = text.trim();
        if (!t.startsWith("{")) {
            return null;
        }
        try {
            JsonNode n = Json.mapper().readTree(t);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String textField(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static AuthenticationException invalid(String what, int status, String problem) {
        return new AuthenticationException(what + " returned HTTP " + status + " with " + problem
                + ", not a token response", status, null, null, null);
    }

    @Override
    public String toString() {
        return "TokenEndpoint[" + url + ", client=" + clientId + (basicAuthorization != null ? ", secret=***" : ", public") + "]";
    }
}
