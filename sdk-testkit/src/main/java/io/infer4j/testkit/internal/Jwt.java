package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Compact JWS with JDK crypto only: RS256 for access tokens, HS512 for refresh tokens (as Keycloak). */
public final class Jwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private Jwt() {
    }

    /** A parsed (not yet verified) token. */
    public record Parsed(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {
    }

    public static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /**
     * Signs with RS256. The header is written the way Keycloak writes it, with spaces around some
     * colons, so clients that compare header strings instead of parsing them fail here too.
     */
    public static String rs256(String kid, JsonNode claims, PrivateKey key) {
        String header = "{\"alg\":\"RS256\",\"typ\" : \"JWT\",\"kid\" : \"" + kid + "\"}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(Json.write(claims));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }

    public static String hs512(String kid, JsonNode claims, byte[] secret) {
        String header = "{\"alg\":\"HS512\",\"typ\" : \"JWT\",\"kid\" : \"" + kid + "\"}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(Json.write(claims));
        return input + "." + b64(hmac(input, secret));
    }

    /** Parses a compact JWS, or returns null when it is not one. */
    public static Parsed parse(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode header = Json.mapper().readTree(UNB64.decode(parts[0]));
            JsonNode claims = Json.mapper().readTree(UNB64.decode(parts[1]));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                return null;
            }
            return new Parsed(header, claims, parts[0] + "." + parts[1], UNB64.decode(parts[2]));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean verifyRs256(Parsed p, PublicKey key) {
        if (!"RS256".equals(p.header().path("alg").asText())) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(p.signingInput().getBytes(StandardCharsets.US_ASCII));
            return s.verify(p.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static boolean verifyHs512(Parsed p, byte[] secret) {
        return "HS512".equals(p.header().path("alg").asText())
                && MessageDigest.isEqual(hmac(p.signingInput(), secret), p.signature());
    }

    private static byte[] hmac(String input, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret, "HmacSHA512"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HS512 signing failed", e);
        }
    }
}
