package io.infer4j.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyAuthTest {
    private static final String KEY = "0f6c3e1d9a8b7c6d5e4f";
    /** A JWT-shaped key (header {"alg":"HS256","typ":"JWT"}); omega-ml's client sends such keys as Bearer. */
    private static final String JWT_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvbW9wcyJ9.c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void sendsApiKeyAuthorizationAndTheDefaultQualifier() {
        AuthHeaders h = ApiKeyAuth.of("omops", KEY).authHeaders();
        assertThat(h.asMap()).containsExactly(Map.entry("Authorization", "ApiKey omops:" + KEY),
                Map.entry("Qualifier", "default"));
    }

    @Test
    void sendsTheQualifierAndBucketWhenSet() {
        AuthHeaders h = ApiKeyAuth.builder().user("omops").apiKey(KEY).qualifier("prod").bucket("models").build().authHeaders();
        assertThat(h.asMap()).containsExactly(Map.entry("Authorization", "ApiKey omops:" + KEY),
                Map.entry("Qualifier", "prod"), Map.entry("Bucket", "models"));
        assertThat(h.get("qualifier")).isEqualTo("prod");
    }

    @Test
    void aJwtKeyIsSentAsBearerAndNeedsNoUser() {
        AuthHeaders h = ApiKeyAuth.builder().apiKey(JWT_KEY).build().authHeaders();
        assertThat(h.get("Authorization")).isEqualTo("Bearer " + JWT_KEY);
        assertThat(h.get("Qualifier")).isEqualTo("default");
    }

    @Test
    void onlyRealJwtShapesCountAsJwt() {
        assertThat(ApiKeyAuth.looksLikeJwt(JWT_KEY)).isTrue();
        assertThat(ApiKeyAuth.looksLikeJwt(KEY)).isFalse();
        assertThat(ApiKeyAuth.looksLikeJwt("a.b.c")).isFalse(); // header must be base64url JSON ("eyJ")
        assertThat(ApiKeyAuth.looksLikeJwt("eyJa.b")).isFalse();
        assertThat(ApiKeyAuth.looksLikeJwt("eyJa..c")).isFalse();
        assertThat(ApiKeyAuth.looksLikeJwt("eyJa.b c.d")).isFalse();
        assertThat(ApiKeyAuth.looksLikeJwt("eyJa.b.c.d")).isFalse();
    }

    @Test
    void rejectsMissingOrUnusableValues() {
        assertThatThrownBy(() -> ApiKeyAuth.of("omops", " ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> ApiKeyAuth.of(null, KEY)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
        assertThatThrownBy(() -> ApiKeyAuth.of("om:ops", KEY)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("':'");
        assertThatThrownBy(() -> ApiKeyAuth.of("omops", "key\nInjected: header")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line breaks").hasMessageNotContaining("Injected");
        assertThatThrownBy(() -> ApiKeyAuth.builder().user("omops").apiKey(KEY).qualifier("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qualifier");
    }

    @Test
    void staticCredentialsNeverAskForAReplay() {
        assertThat(ApiKeyAuth.of("omops", KEY).onUnauthorized(ApiKeyAuth.of("omops", KEY).authHeaders())).isFalse();
    }

    @Test
    void toStringRedactsTheKey() {
        ApiKeyAuth auth = ApiKeyAuth.builder().user("omops").apiKey(KEY).qualifier("prod").bucket("b").build();
        assertThat(auth.toString()).doesNotContain(KEY).contains("omops", "apiKey=***", "prod");
        assertThat(auth.authHeaders().toString()).doesNotContain(KEY).contains("Authorization");
        assertThat(ApiKeyAuth.builder().apiKey(JWT_KEY).build().toString()).doesNotContain(JWT_KEY).contains("bearer");
    }
}
