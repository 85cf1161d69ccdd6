package io.infer4j.auth.keycloak.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.infer4j.auth.keycloak.TokenClaims;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Reads JWT claims without verifying the signature: the API server verifies tokens, the client only
 * needs the lifetime and a few identity claims. Keycloak's refresh tokens are HMAC-signed with a
 * realm key nobody else has, so verification would not even be possible for them.
 */
public final class Jwts {
    private Jwts() {
    }

    /** The claims of {@code token}, or empty if it is not a parseable JWT (an opaque token). */
    public static Optional<JWTClaimsSet> claims(String token) {
        if (token == null || token.chars().filter(c -> c == '.').count() < 2) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JWTParser.parse(token).getJWTClaimsSet());
        } catch (ParseException | RuntimeException notAJwt) {
            return Optional.empty();
        }
    }

    /** The identity claims of an access token; {@link TokenClaims#NONE} for an opaque one. */
    public static TokenClaims tokenClaims(String accessToken) {
        return claims(accessToken).map(c -> new TokenClaims(c.getSubject(), string(c, "email"),
                string(c, "preferred_username"), c.getIssuer(), instant(c.getExpirationTime()), string(c, "azp")))
                .orElse(TokenClaims.NONE);
    }

    /** {@code exp - iat}, if both claims are present and sensible. */
    public static Optional<Duration> lifetime(JWTClaimsSet c) {
        Date exp = c.getExpirationTime();
        Date iat = c.getIssueTime();
        if (exp == null || iat == null || !exp.after(iat)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(exp.getTime() - iat.getTime()));
    }

    private static String string(JWTClaimsSet c, String name) {
        Object v = c.getClaim(name);
        return v == null ? null : v.toString();
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
