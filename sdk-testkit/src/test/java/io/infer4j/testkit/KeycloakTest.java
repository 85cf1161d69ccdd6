package io.infer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeycloakTest {
    static LocalPlatform platform;
    static Http http;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start();
        http = new Http(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static JsonNode claims(String jwt) throws Exception {
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void passwordGrantAnswersKeycloakShapeWithWallarooLifetimes() throws Exception {
        JsonNode t = http.login();
        assertThat(t.fieldNames()).toIterable().containsExactly("access_token", "expires_in", "refresh_expires_in",
                "refresh_token", "token_type", "not-before-policy", "session_state", "scope");
        assertThat(t.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(t.get("refresh_expires_in").asInt()).isEqualTo(1800);
        JsonNode c = claims(t.get("access_token").asText());
        assertThat(c.get("iss").asText()).isEqualTo(platform.issuer());
        assertThat(c.get("azp").asText()).isEqualTo("api-client");
        assertThat(c.get("email").asText()).isEqualTo(platform.user());
        assertThat(c.get("preferred_username").asText()).isEqualTo(platform.user());
        assertThat(c.get("sid").asText()).isEqualTo(t.get("session_state").asText());
        assertThat(c.get("exp").asLong() - c.get("iat").asLong()).isEqualTo(3600);
    }

    @Test
    void accessTokenVerifiesAgainstPublishedJwks() throws Exception {
        String token = http.accessToken();
        JsonNode header = Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        JsonNode jwks = http.get(platform.jwksUrl(), null).json();
        JsonNode key = null;
        for (JsonNode k : jwks.get("keys")) {
            if (k.get("kid").asText().equals(header.get("kid").asText()) && k.get("use").asText().equals("sig")) {
                key = k;
            }
        }
        assertThat(key).isNotNull();
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asText()))));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(pub);
        String[] parts = token.split("\\.");
        s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(s.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void discoveryPointsAtThisRealm() {
        JsonNode d = http.get(platform.discoveryUrl(), null).json();
        assertThat(d.get("issuer").asText()).isEqualTo(platform.issuer());
        assertThat(d.get("token_endpoint").asText()).isEqualTo(platform.tokenUrl());
        assertThat(d.get("jwks_uri").asText()).isEqualTo(platform.jwksUrl());
    }

    @Test
    void errorsMatchKeycloak() {
        Http.Reply wrongPassword = http.token(Map.of("grant_type", "password", "username", platform.user(),
                "password", "nope"), platform.clientId(), platform.clientSecret());
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(wrongPassword.body()).isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
        assertThat(wrongPassword.headers().get("Cache-Control")).isEqualTo("no-store");

        Http.Reply wrongSecret = http.token(Map.of("grant_type", "client_credentials"), platform.clientId(), "bad");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asText()).isEqualTo("unauthorized_client");

        Http.Reply noClient = http.token(Map.of("grant_type", "client_credentials"), null, null);
        assertThat(noClient.status()).isEqualTo(401);
        assertThat(noClient.json().get("error").asText()).isEqualTo("invalid_client");

        Http.Reply noGrant = http.token(Map.of("client_id", "sdk-client"), null, null);
        assertThat(noGrant.status()).isEqualTo(400);
        assertThat(noGrant.json().get("error_description").asText()).isEqualTo("Missing form parameter: grant_type");

        Http.Reply badGrant = http.token(Map.of("client_id", "sdk-client", "grant_type", "foo"), null, null);
        assertThat(badGrant.json().get("error").asText()).isEqualTo("unsupported_grant_type");

        Http.Reply garbage = http.token(Map.of("grant_type", "refresh_token", "refresh_token", "xyz"),
                platform.clientId(), platform.clientSecret());
        assertThat(garbage.json().get("error_description").asText()).isEqualTo("Invalid refresh token");
    }

    @Test
    void refreshPublicClientAndClientCredentials() throws Exception {
        Http.Reply pub = http.token(Map.of("client_id", "sdk-client", "grant_type", "password",
                "username", platform.user(), "password", platform.password()), null, null);
        assertThat(pub.status()).isEqualTo(200);
        Http.Reply refreshed = http.token(Map.of("client_id", "sdk-client", "grant_type", "refresh_token",
                "refresh_token", pub.json().get("refresh_token").asText()), null, null);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("session_state").asText()).isEqualTo(pub.json().get("session_state").asText());

        Http.Reply otherClient = http.token(Map.of("grant_type", "refresh_token",
                "refresh_token", pub.json().get("refresh_token").asText()), platform.clientId(), platform.clientSecret());
        assertThat(otherClient.json().get("error_description").asText())
                .isEqualTo("Invalid refresh token. Token client and authorized client don't match");

        Http.Reply cc = http.token(Map.of("grant_type", "client_credentials"), platform.clientId(), platform.clientSecret());
        assertThat(cc.json().has("refresh_token")).isFalse();
        assertThat(cc.json().get("refresh_expires_in").asInt()).isZero();
        assertThat(claims(cc.json().get("access_token").asText()).get("preferred_username").asText())
                .isEqualTo("service-account-api-client");
    }

    @Test
    void logoutEndsTheSession() {
        JsonNode t = http.login();
        String rt = t.get("refresh_token").asText();
        okhttp3.Request logout = new okhttp3.Request.Builder()
                .url(platform.issuer() + "/protocol/openid-connect/logout")
                .header("Authorization", okhttp3.Credentials.basic(platform.clientId(), platform.clientSecret()))
                .post(new okhttp3.FormBody.Builder().add("refresh_token", rt).build()).build();
        assertThat(http.send(logout).status()).isEqualTo(204);
        Http.Reply after = http.token(Map.of("grant_type", "refresh_token", "refresh_token", rt),
                platform.clientId(), platform.clientSecret());
        assertThat(after.status()).isEqualTo(400);
        assertThat(after.json().get("error_description").asText()).isEqualTo("Session not active");
        assertThat(http.mlops("workspaces/list", t.get("access_token").asText(), Map.of()).status()).isEqualTo(401);
    }
}
