package io.infer4j.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthTest {
    @Test
    void encodesUserAndPasswordAsUtf8Base64() {
        String header = BasicAuth.of("jürgen", "pä:ss word").authHeaders().get("Authorization");
        assertThat(header).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("jürgen:pä:ss word");
    }

    @Test
    void anEmptyPasswordIsAllowedButNotAMissingOne() {
        assertThat(BasicAuth.of("user", "").authHeaders().get("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("user:".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> BasicAuth.of("user", null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
    }

    @Test
    void aColonInTheUserNameIsRefused() {
        assertThatThrownBy(() -> BasicAuth.of("us:er", "pw")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("':'");
        assertThatThrownBy(() -> BasicAuth.of(" ", "pw")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username");
    }

    @Test
    void toStringRedactsThePassword() {
        BasicAuth auth = BasicAuth.of("user", "hunter2-secret");
        assertThat(auth.toString()).contains("user", "password=***").doesNotContain("hunter2-secret");
        assertThat(auth.authHeaders().toString()).doesNotContain("Basic");
        assertThat(auth.onUnauthorized(auth.authHeaders())).isFalse();
    }
}
