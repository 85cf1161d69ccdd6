package io.infer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.ConfigEnvironment;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.spark.internal.ExecutorClients;
import io.infer4j.wallaroo.WallarooClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WallarooSparkSettingsTest {
    private static final String PASSWORD = "pw-7f3a9c-never-shown";
    private static final String SECRET = "cs-51be02-never-shown";
    private static final String TOKEN = "tk-d41d8c-never-shown";

    @Test
    void toStringShowsTheLoginButNoSecret() {
        WallarooSparkSettings password = WallarooSparkSettings.builder().apiUrl("https://w.example.com")
                .login("alice", PASSWORD).clientCredentials("spark-client", SECRET).build();
        WallarooSparkSettings token = WallarooSparkSettings.builder().apiUrl("https://w.example.com").token(TOKEN).build();
        assertThat(password.toString()).contains("https://w.example.com", "alice", "spark-client")
                .doesNotContain(PASSWORD, SECRET);
        assertThat(token.toString()).contains("token").doesNotContain(TOKEN);
        SparkScorer scorer = SparkScoring.wallaroo(password).pipeline("p", "ws");
        assertThat(scorer.toString()).contains("pipeline p in workspace ws").doesNotContain(PASSWORD, SECRET);
        assertThat(SparkScoring.wallaroo(token).toString()).doesNotContain(TOKEN);
    }

    @Test
    void survivesJavaSerializationAsSparkShipsIt() throws Exception {
        WallarooSparkSettings s = WallarooSparkSettings.builder().apiUrl("https://w.example.com")
                .login("alice", PASSWORD).inferenceTimeout(Duration.ofSeconds(30)).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Object back = in.readObject();
            assertThat(back).isEqualTo(s).hasSameHashCodeAs(s).isNotSameAs(s);
        }
    }

    @Test
    void equalSettingsShareOneClientPerJvm() {
        WallarooSparkSettings a = WallarooSparkSettings.builder().apiUrl("http://127.0.0.1:9/one").token(TOKEN).build();
        WallarooSparkSettings b = WallarooSparkSettings.builder().apiUrl("http://127.0.0.1:9/one").token(TOKEN).build();
        WallarooSparkSettings c = WallarooSparkSettings.builder().apiUrl("http://127.0.0.1:9/one").token(TOKEN + "x").build();
        WallarooClient ca = ExecutorClients.client(a);
        assertThat(ExecutorClients.client(b)).isSameAs(ca);
        assertThat(ExecutorClients.client(c)).isNotSameAs(ca);
    }

    @Test
    void fromEnvReadsTheWallarooSettingsOnce() {
        ConfigEnvironment env = ConfigEnvironment.of(Map.of("WALLAROO_URL", "https://w.example.com",
                "WALLAROO_USER", "alice", "WALLAROO_PASSWORD", PASSWORD, "WALLAROO_INFERENCE_TIMEOUT", "20"), Map.of());
        WallarooSparkSettings s = WallarooSparkSettings.fromEnv(env);
        assertThat(s).isEqualTo(WallarooSparkSettings.builder().apiUrl("https://w.example.com").login("alice", PASSWORD)
                .inferenceTimeout(Duration.ofSeconds(20)).requestTimeout(Duration.ofSeconds(45)).build()); // 45 s: the setting's default
        assertThat(s.apiUrl()).isEqualTo("https://w.example.com");

        assertThatThrownBy(() -> WallarooSparkSettings.fromEnv(ConfigEnvironment.of(Map.of(), Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WALLAROO_URL");
        assertThatThrownBy(() -> WallarooSparkSettings.fromEnv(ConfigEnvironment.of(Map.of("WALLAROO_URL", "https://w",
                "WALLAROO_INFERENCE_TIMEOUT", "soon"), Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WALLAROO_INFERENCE_TIMEOUT");
    }

    @Test
    void refusesIncompleteOrContradictoryLogins() {
        assertThatThrownBy(() -> WallarooSparkSettings.builder().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("apiUrl");
        assertThatThrownBy(() -> WallarooSparkSettings.builder().apiUrl("https://w").token(TOKEN).login("a", PASSWORD).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("either a token or a login")
                .hasMessageNotContaining(TOKEN).hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> WallarooSparkSettings.builder().apiUrl("https://w").login("a", " "))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("password");
    }
}
