package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Keycloak-compatible realm: users, clients, sessions, the token endpoint (password,
 * refresh_token, client_credentials), JWKS, discovery, logout and revocation, with Keycloak's exact
 * JSON bodies and statuses (see shared/keycloak/RECIPE.md). Also validates bearer tokens for the
 * other routes.
 */
public final class Keycloak {
    private static final String INVALID_CLIENT = "Invalid client or Invalid client credentials";

    record User(String id, String username, String email, String firstName, String lastName, String password,
                boolean enabled) {
    }

    record Client(String clientId, String secret, boolean serviceAccounts, Set<String> defaultScopes,
                  Set<String> optionalScopes, String serviceAccountId) {
        boolean isPublic() {
            return secret == null;
        }
    }

    static final class Session {
        final String id;
        final String userId;
        final String clientId;
        volatile boolean active = true;

        Session(String id, String userId, String clientId) {
            this.id = id;
            this.userId = userId;
            this.clientId = clientId;
        }
    }

    /** Outcome of checking a bearer token. */
    public enum Check { OK, MISSING, INVALID, EXPIRED, REVOKED }

    /** A checked token: the outcome and, when valid, its claims. */
    public record Verified(Check check, JsonNode claims) {
        public boolean ok() {
            return check == Check.OK;
        }
    }

    private final Settings settings;
    private final String base;
    private final KeyPair keys;
    private final String kid;
    private final byte[] hmacSecret = new byte[64];
    private final String hmacKid = UUID.randomUUID().toString();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Serial number of each access token issued, by jti: lets a test expire "every token so far". */
    private final Map<String, Long> serials = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();
    private volatile long expiredUpTo = 0;
    private final SecureRandom random = new SecureRandom();

    public Keycloak(Settings settings, String base) {
        this.settings = settings;
        this.base = base;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            this.keys = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
        random.nextBytes(hmacSecret);
        byte[] id = new byte[32];
        random.nextBytes(id);
        this.kid = Jwt.b64(id).substring(0, 43);
        String[] names = settings.username().split("@")[0].split("\\.");
        addUser(settings.username(), settings.password(), capitalise(names[0]), names.length > 1 ? capitalise(names[1]) : "Doe");
        addClient(settings.clientId(), settings.clientSecret(), true, Set.of("profile", "email"),
                Set.of("openid", "offline_access", settings.endpointScope()));
        addClient(settings.publicClientId(), null, false, Set.of("profile", "email"), Set.of("openid", "offline_access"));
        addClient(settings.endpointClientId(), settings.endpointClientSecret(), true, Set.of(settings.endpointScope()),
                Set.of("profile", "email", "openid"));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public void addUser(String username, String password, String firstName, String lastName) {
        users.put(username, new User(UUID.randomUUID().toString(), username, username.contains("@") ? username : null,
                firstName, lastName, password, true));
    }

    public void addClient(String clientId, String secret, boolean serviceAccounts, Set<String> defaults, Set<String> optional) {
        clients.put(clientId, new Client(clientId, secret, serviceAccounts, Set.copyOf(defaults), Set.copyOf(optional),
                UUID.randomUUID().toString()));
    }

    public String issuer() {
        return base + "/auth/realms/" + settings.realm();
    }

    public String userId(String username) {
        User u = users.get(username);
        return u == null ? null : u.id();
    }

    /** All users, for Wallaroo's users/query. */
    public List<Map<String, String>> userSummaries() {
        return users.values().stream().map(u -> Map.of("id", u.id(), "username", u.username(),
                "email", u.email() == null ? "" : u.email())).toList();
    }

    // ----------------------------------------------------------------------------------- routes

    public void routes(Router router) {
        String realm = "/auth/realms/" + java.util.regex.Pattern.quote(settings.realm());
        String oidc = realm + "/protocol/openid-connect";
        router.add("POST", oidc + "/token", "keycloak:token", Family.KEYCLOAK, this::token)
              .add("GET", oidc + "/certs", "keycloak:certs", Family.KEYCLOAK, r -> Response.json(200, jwks()))
              .add("GET", realm + "/\\.well-known/openid-configuration", "keycloak:discovery", Family.KEYCLOAK,
                      r -> Response.json(200, discovery()))
              .add("POST", oidc + "/logout", "keycloak:logout", Family.KEYCLOAK, this::logout)
              .add("POST", oidc + "/revoke", "keycloak:revoke", Family.KEYCLOAK, this::revoke)
              .add("GET,POST", oidc + "/userinfo", "keycloak:userinfo", Family.KEYCLOAK, this::userinfo)
              .add("GET", realm, "keycloak:realm", Family.KEYCLOAK, r -> Response.json(200, realmInfo()));
    }

    private static Response oauthError(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return noStore(Response.json(status, body));
    }

    private static Response noStore(Response r) {
        return r.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    /** Authenticates the client (Basic or form); throws the Keycloak error response when it fails. */
    private Client authenticateClient(Request r) {
        String id = null;
        String secret = null;
        String auth = r.header("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new HttpError(oauthError(400, "unauthorized_client", "Unexpected error when authenticating client"));
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new HttpError(oauthError(401, "invalid_client", INVALID_CLIENT));
            }
            // RFC 6749 2.3.1: Keycloak form-decodes both halves of the Basic credentials.
            id = Request.decode(decoded.substring(0, colon));
            secret = Request.decode(decoded.substring(colon + 1));
        } else {
            id = r.form().get("client_id");
            secret = r.form().get("client_secret");
        }
        Client c = id == null ? null : clients.get(id);
        if (c == null) {
            throw new HttpError(oauthError(401, "invalid_client", INVALID_CLIENT));
        }
        if (!c.isPublic() && !c.secret().equals(secret)) {
            throw new HttpError(oauthError(401, "unauthorized_client", INVALID_CLIENT));
        }
        return c;
    }

    private Response token(Request r) {
        Client client = authenticateClient(r);
        String grant = r.form().get("grant_type");
        if (grant == null) {
            return oauthError(400, "invalid_request", "Missing form parameter: grant_type");
        }
        switch (grant) {
            case "password":
                return passwordGrant(r, client);
            case "refresh_token":
                return refreshGrant(r, client);
            case "client_credentials":
                return clientCredentialsGrant(r, client);
            default:
                return oauthError(400, "unsupported_grant_type", "Unsupported grant_type");
        }
    }

    private Response passwordGrant(Request r, Client client) {
        User u = users.get(String.valueOf(r.form().get("username")));
        if (u == null || !u.password().equals(r.form().get("password"))) {
            return oauthError(400, "invalid_grant", "Invalid user credentials");
        }
        if (!u.enabled()) {
            return oauthError(400, "invalid_grant", "Account disabled");
        }
        Session s = new Session(sessionId(), u.id(), client.clientId());
        sessions.put(s.id, s);
        return tokenResponse(client, u, s, grantedScope(client, r.form().get("scope")), "onrtro", true);
    }

    private Response refreshGrant(Request r, Client client) {
        Jwt.Parsed p = Jwt.parse(r.form().get("refresh_token"));
        if (p == null || !Jwt.verifyHs512(p, hmacSecret)) {
            return oauthError(400, "invalid_grant", "Invalid refresh token");
        }
        JsonNode c = p.claims();
        if (!client.clientId().equals(c.path("azp").asText())) {
            return oauthError(400, "invalid_grant", "Invalid refresh token. Token client and authorized client don't match");
        }
        Session s = sessions.get(c.path("sid").asText());
        if (s == null || !s.active) {
            return oauthError(400, "invalid_grant", "Session not active");
        }
        if (c.has("exp") && c.path("exp").asLong() <= now().getEpochSecond()) {
            return oauthError(400, "invalid_grant", "Token is not active");
        }
        User u = users.values().stream().filter(x -> x.id().equals(s.userId)).findFirst().orElse(null);
        if (u == null || !u.enabled()) {
            return oauthError(400, "invalid_grant", "User disabled");
        }
        return tokenResponse(client, u, s, c.path("granted_scope").asText("profile email"), "ofrtro", true);
    }

    private Response clientCredentialsGrant(Request r, Client client) {
        if (client.isPublic()) {
            return oauthError(401, "unauthorized_client", "Public client not allowed to retrieve service account");
        }
        if (!client.serviceAccounts()) {
            return oauthError(401, "unauthorized_client", "Client not enabled to retrieve service account");
        }
        User sa = new User(client.serviceAccountId(), "service-account-" + client.clientId(), null, null, null, null, true);
        Session s = new Session(sessionId(), sa.id(), client.clientId());
        sessions.put(s.id, s);
        return tokenResponse(client, sa, s, grantedScope(client, r.form().get("scope")), "trrtcc", false);
    }

    private String grantedScope(Client client, String requested) {
        Set<String> scope = new LinkedHashSet<>();
        if (requested != null) {
            for (String s : requested.trim().split("\\s+")) {
                if (client.optionalScopes().contains(s)) {
                    scope.add(s);
                }
            }
        }
        scope.addAll(client.defaultScopes());
        return String.join(" ", scope);
    }

    private Response tokenResponse(Client client, User u, Session s, String scope, String jtiPrefix, boolean withRefresh) {
        long now = now().getEpochSecond();
        long access = settings.accessTokenLifetime().toSeconds();
        long refresh = settings.refreshTokenLifetime().toSeconds();
        boolean offline = scope.contains("offline_access");
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("access_token", signAccess(accessClaims(client, u, s.id, scope, jtiPrefix, now, now + access)));
        body.put("expires_in", access);
        body.put("refresh_expires_in", withRefresh && !offline ? refresh : 0);
        if (withRefresh) {
            ObjectNode rc = Json.mapper().createObjectNode();
            if (!offline) {
                rc.put("exp", now + refresh);
            }
            rc.put("iat", now);
            rc.put("jti", UUID.randomUUID().toString());
            rc.put("iss", issuer());
            rc.put("aud", issuer());
            rc.put("sub", u.id());
            rc.put("typ", offline ? "Offline" : "Refresh");
            rc.put("azp", client.clientId());
            rc.put("sid", s.id);
            rc.put("scope", "web-origins acr basic email roles profile");
            // Our own claim: the access scope to grant again on refresh (the token is opaque to clients).
            rc.put("granted_scope", scope);
            body.put("refresh_token", Jwt.hs512(hmacKid, rc, hmacSecret));
        }
        body.put("token_type", "Bearer");
        if (scope.contains("openid")) {
            ObjectNode id = accessClaims(client, u, s.id, scope, "ntrtid", now, now + access);
            id.put("typ", "ID");
            id.put("aud", client.clientId());
            body.put("id_token", signAccess(id));
        }
        body.put("not-before-policy", 0);
        if (withRefresh) {
            body.put("session_state", s.id);
        }
        body.put("scope", scope);
        return noStore(Response.json(200, body));
    }

    /** The claims Keycloak puts in an access token, plus Wallaroo's Hasura claim. */
    public ObjectNode accessClaims(String clientId, String username, String scope, long iat, long exp) {
        Client c = clients.get(clientId);
        User u = users.get(username);
        if (c == null || u == null) {
            throw new IllegalArgumentException("unknown client or user");
        }
        return accessClaims(c, u, sessionId(), scope, "onrtro", iat, exp);
    }

    private ObjectNode accessClaims(Client client, User u, String sid, String scope, String jtiPrefix, long iat, long exp) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("exp", exp);
        c.put("iat", iat);
        c.put("jti", jtiPrefix + ":" + UUID.randomUUID());
        c.put("iss", issuer());
        if (scope.contains(settings.endpointScope())) {
            c.putArray("aud").add(settings.endpointAudience()).add("account");
        } else {
            c.put("aud", "account");
        }
        c.put("sub", u.id());
        c.put("typ", "Bearer");
        c.put("azp", client.clientId());
        c.put("sid", sid);
        c.put("acr", "1");
        c.putObject("realm_access").putArray("roles").add("default-roles-" + settings.realm()).add("offline_access")
                .add("uma_authorization");
        ArrayNode acct = c.putObject("resource_access").putObject("account").putArray("roles");
        acct.add("manage-account").add("manage-account-links").add("view-profile");
        c.put("scope", scope);
        if (u.email() != null) {
            c.put("email_verified", true);
            c.put("name", (u.firstName() + " " + u.lastName()).trim());
        }
        c.put("preferred_username", u.username());
        if (u.email() != null) {
            c.put("given_name", u.firstName());
            c.put("family_name", u.lastName());
            c.put("email", u.email());
        }
        ObjectNode hasura = c.putObject("https://hasura.io/jwt/claims");
        hasura.put("x-hasura-user-id", u.id());
        hasura.put("x-hasura-default-role", "user");
        hasura.putArray("x-hasura-allowed-roles").add("user");
        hasura.put("x-hasura-user-groups", "{}");
        return c;
    }

    /** Signs access-token claims with the realm key and remembers the token for later expiry. */
    public String signAccess(ObjectNode claims) {
        if (claims.hasNonNull("jti")) {
            serials.put(claims.get("jti").asText(), serial.incrementAndGet());
        }
        return Jwt.rs256(kid, claims, keys.getPrivate());
    }

    private Response logout(Request r) {
        Client client = authenticateClient(r);
        Jwt.Parsed p = Jwt.parse(r.form().get("refresh_token"));
        if (p == null || !Jwt.verifyHs512(p, hmacSecret) || !client.clientId().equals(p.claims().path("azp").asText())) {
            return oauthError(400, "invalid_grant", "Invalid refresh token");
        }
        Session s = sessions.get(p.claims().path("sid").asText());
        if (s != null) {
            s.active = false;
        }
        return noStore(Response.empty(204));
    }

    private Response revoke(Request r) {
        authenticateClient(r);
        Jwt.Parsed p = Jwt.parse(r.form().get("token"));
        if (p != null && (Jwt.verifyHs512(p, hmacSecret) || Jwt.verifyRs256(p, keys.getPublic()))) {
            Session s = sessions.get(p.claims().path("sid").asText());
            if (s != null) {
                s.active = false;
            }
        }
        return noStore(Response.empty(200));
    }

    private Response userinfo(Request r) {
        Verified v = verify(r.header("authorization"));
        String realm = "Bearer realm=\"" + settings.realm() + "\"";
        if (!v.ok()) {
            String why = v.check() == Check.REVOKED ? "user_session_not_found" : "Token verification failed";
            return Response.empty(401).header("WWW-Authenticate", realm + ", error=\"invalid_token\", error_description=\"" + why + "\"");
        }
        if (!(" " + v.claims().path("scope").asText() + " ").contains(" openid ")) {
            return Response.empty(403).header("WWW-Authenticate",
                    realm + ", error=\"insufficient_scope\", error_description=\"Missing openid scope\"");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        for (String k : List.of("sub", "email_verified", "name", "preferred_username", "given_name", "family_name", "email")) {
            if (v.claims().has(k)) {
                body.set(k, v.claims().get(k));
            }
        }
        return Response.json(200, body);
    }

    // ------------------------------------------------------------------------------ verification

    /** Checks an {@code Authorization: Bearer} header value against this realm. */
    public Verified verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Verified(Check.MISSING, null);
        }
        Jwt.Parsed p = Jwt.parse(authorization.substring(7).trim());
        if (p == null || !Jwt.verifyRs256(p, keys.getPublic()) || !issuer().equals(p.claims().path("iss").asText())) {
            return new Verified(Check.INVALID, null);
        }
        JsonNode c = p.claims();
        if (!c.path("exp").canConvertToLong() || c.path("exp").asLong() <= now().getEpochSecond()) {
            return new Verified(Check.EXPIRED, c);
        }
        Long n = serials.get(c.path("jti").asText());
        if (n != null && n <= expiredUpTo) {
            return new Verified(Check.EXPIRED, c);
        }
        Session s = sessions.get(c.path("sid").asText());
        if (s != null && !s.active) {
            return new Verified(Check.REVOKED, c);
        }
        return new Verified(Check.OK, c);
    }

    /** Makes every access token issued so far count as expired (refresh still works). */
    public void expireAccessTokens() {
        expiredUpTo = serial.get();
    }

    /** Ends every session: access tokens stop working and refresh answers "Session not active". */
    public void revokeSessions() {
        sessions.values().forEach(s -> s.active = false);
    }

    private Instant now() {
        return settings.clock().instant();
    }

    private String sessionId() {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return Jwt.b64(b);
    }

    // ------------------------------------------------------------------------- JWKS and discovery

    private ObjectNode jwks() {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("keys");
        list.add(jwk(pub, kid, "RS256", "sig"));
        // Keycloak publishes an encryption key too; clients must pick by kid and use.
        list.add(jwk(pub, kid.substring(0, 20) + "-enc", "RSA-OAEP", "enc"));
        return body;
    }

    private static ObjectNode jwk(RSAPublicKey pub, String kid, String alg, String use) {
        ObjectNode k = Json.mapper().createObjectNode();
        k.put("kid", kid);
        k.put("kty", "RSA");
        k.put("alg", alg);
        k.put("use", use);
        k.put("n", Jwt.b64(unsigned(pub.getModulus())));
        k.put("e", Jwt.b64(unsigned(pub.getPublicExponent())));
        return k;
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 && b.length > 1 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private ObjectNode discovery() {
        String oidc = issuer() + "/protocol/openid-connect";
        ObjectNode d = Json.mapper().createObjectNode();
        d.put("issuer", issuer());
        d.put("authorization_endpoint", oidc + "/auth");
        d.put("token_endpoint", oidc + "/token");
        d.put("introspection_endpoint", oidc + "/token/introspect");
        d.put("userinfo_endpoint", oidc + "/userinfo");
        d.put("end_session_endpoint", oidc + "/logout");
        d.put("jwks_uri", oidc + "/certs");
        d.put("revocation_endpoint", oidc + "/revoke");
        d.put("device_authorization_endpoint", oidc + "/auth/device");
        strings(d.putArray("grant_types_supported"), "authorization_code", "client_credentials", "implicit", "password",
                "refresh_token", "urn:ietf:params:oauth:grant-type:device_code");
        strings(d.putArray("response_types_supported"), "code", "none", "id_token", "token", "id_token token");
        strings(d.putArray("subject_types_supported"), "public", "pairwise");
        strings(d.putArray("id_token_signing_alg_values_supported"), "RS256");
        strings(d.putArray("token_endpoint_auth_methods_supported"), "private_key_jwt", "client_secret_basic",
                "client_secret_post", "tls_client_auth", "client_secret_jwt");
        strings(d.putArray("scopes_supported"), "openid", "offline_access", "profile", "email", settings.endpointScope());
        strings(d.putArray("claims_supported"), "aud", "sub", "iss", "auth_time", "name", "given_name", "family_name",
                "preferred_username", "email", "acr", "azp");
        return d;
    }

    private ObjectNode realmInfo() {
        ObjectNode d = Json.mapper().createObjectNode();
        d.put("realm", settings.realm());
        d.put("public_key", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        d.put("token-service", issuer() + "/protocol/openid-connect");
        d.put("account-service", issuer() + "/account");
        d.put("tokens-not-before", 0);
        return d;
    }

    private static void strings(ArrayNode a, String... values) {
        for (String v : values) {
            a.add(v);
        }
    }
}
