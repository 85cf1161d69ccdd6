package io.infer4j.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenAuthTest {
    @Test
    void sendsTheTokenAsBearer() {
        BearerTokenAuth auth = BearerTokenAuth.of("tok-123");
        assertThat(auth.authHeaders().asMap()).containsExactly(java.util.Map.entry("Authorization", "Bearer tok-123"));
        assertThat(auth.authHeaders()).isEqualTo(AuthHeaders.bearer("tok-123"));
    }

    @Test
    void cannotRefreshSoA401SurfacesAtOnce() {
        BearerTokenAuth auth = BearerTokenAuth.of("tok-123");
        assertThat(auth.onUnauthorized(auth.authHeaders())).isFalse();
    }

    @Test
    void rejectsBlankOrMultiLineTokens() {
        assertThatThrownBy(() -> BearerTokenAuth.of(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        assertThatThrownBy(() -> BearerTokenAuth.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerTokenAuth.of("s3cr3t\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line breaks").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void toStringRedactsTheToken() {
        assertThat(BearerTokenAuth.of("very-secret-token").toString()).isEqualTo("BearerTokenAuth[token=***]");
        assertThat(AuthHeaders.bearer("very-secret-token").toString()).isEqualTo("AuthHeaders[Authorization]");
        assertThat(AuthProvider.none().authHeaders()).isEqualTo(AuthHeaders.EMPTY);
    }
}
