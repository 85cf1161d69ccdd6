package io.infer4j.auth.keycloak;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;

/** Keycloak-shaped JWTs and token responses for the mock token endpoint. */
final class TestTokens {
    private static final byte[] KEY = "a-test-hmac-key-of-at-least-32-bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private TestTokens() {
    }

    /** A signed JWT like Keycloak's access tokens: issued at {@code iat}, valid for {@code lifetime}. */
    static String jwt(Instant iat, Duration lifetime) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("5f1b6c1e-1111-4a3a-9f0e-000000000001")
                .issuer("http://127.0.0.1/auth/realms/master")
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(iat.plus(lifetime)))
                .jwtID(UUID.randomUUID() + "-" + SERIAL.incrementAndGet())
                .claim("azp", "api-client")
                .claim("email", "john@example.com")
                .claim("preferred_username", "john@example.com")
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 200 token response. */
    static MockResponse ok(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {
        return json(200, "{\"access_token\":\"" + accessToken + "\",\"expires_in\":" + expiresIn
                + ",\"refresh_expires_in\":" + refreshExpiresIn + ",\"refresh_token\":\"" + refreshToken
                + "\",\"token_type\":\"Bearer\",\"not-before-policy\":0,\"session_state\":\"27a4d6f0\",\"scope\":\"profile email\"}");
    }

    /** A 200 token response with a fresh JWT access token of {@code expiresIn} seconds, issued at {@code now}. */
    static MockResponse ok(Instant now, long expiresIn, long refreshExpiresIn) {
        return ok(jwt(now, Duration.ofSeconds(expiresIn)), expiresIn, "rt-" + SERIAL.incrementAndGet(), refreshExpiresIn);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
