package io.infer4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testkit.internal.Jwt;
import io.infer4j.testkit.internal.Keycloak;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Mints access tokens directly (no token request), for tests of token validation: expired tokens,
 * wrong audience, missing scope, foreign signature. Starts from the claims the token endpoint would
 * issue to the platform's default user through the default client.
 *
 * <pre>{@code
 * String expired = platform.tokens().lifetime(Duration.ofSeconds(-60)).sign();
 * String otherAudience = platform.tokens().audience("someone-else").scope("get::prediction").sign();
 * }</pre>
 */
public final class TokenBuilder {
    private final Keycloak keycloak;
    private final Clock clock;
    private final ObjectNode claims;
    private Duration lifetime = Duration.ofMinutes(5);
    private boolean foreignKey;

    TokenBuilder(Keycloak keycloak, Clock clock, String clientId, String username) {
        this.keycloak = keycloak;
        this.clock = clock;
        this.claims = keycloak.accessClaims(clientId, username, "profile email", 0, 0);
    }

    /** {@code exp = now + lifetime}; a negative lifetime gives an already expired token. */
    public TokenBuilder lifetime(Duration lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        return this;
    }

    /** The {@code aud} claim (one value is written as a string, several as an array). */
    public TokenBuilder audience(String... audiences) {
        if (audiences.length == 1) {
            claims.put("aud", audiences[0]);
        } else {
            var a = claims.putArray("aud");
            for (String s : audiences) {
                a.add(s);
            }
        }
        return this;
    }

    /** The space-separated {@code scope} claim. */
    public TokenBuilder scope(String scope) {
        claims.put("scope", Objects.requireNonNull(scope, "scope"));
        return this;
    }

    /** The {@code iss} claim (the platform's realm issuer by default). */
    public TokenBuilder issuer(String issuer) {
        claims.put("iss", Objects.requireNonNull(issuer, "issuer"));
        return this;
    }

    /** The {@code sub} claim. */
    public TokenBuilder subject(String subject) {
        claims.put("sub", Objects.requireNonNull(subject, "subject"));
        return this;
    }

    /** Any other claim. */
    public TokenBuilder claim(String name, Object value) {
        claims.set(name, Json.mapper().valueToTree(value));
        return this;
    }

    /** Sign with a freshly generated key the platform does not publish (signature check must fail). */
    public TokenBuilder signedWithForeignKey() {
        this.foreignKey = true;
        return this;
    }

    /** The claims as they will be signed. */
    public JsonNode claims() {
        return claims.deepCopy();
    }

    /** The signed compact JWT. */
    public String sign() {
        Instant now = clock.instant();
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        if (!foreignKey) {
            return keycloak.signAccess(claims);
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return Jwt.rs256("foreign", claims, g.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }
}
