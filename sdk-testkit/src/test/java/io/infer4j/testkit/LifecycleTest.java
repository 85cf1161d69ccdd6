package io.infer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.testkit.internal.BuiltinModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void concurrentInferenceNeverMixesUpRows() throws Exception {
        try (LocalPlatform p = LocalPlatform.builder().threads(8).start()) {
            Http http = new Http(p);
            String token = http.accessToken();
            String url = p.inferenceUrl(LocalPlatform.FRAUD_PIPELINE);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int task = 0; task < 64; task++) {
                    final int seed = task;
                    results.add(pool.submit(() -> {
                        List<Map<String, Object>> rows = new ArrayList<>();
                        for (int r = 0; r < 10; r++) {
                            rows.add(Map.of("tensor", WallarooTest.row(seed * 10 + r, 29)));
                        }
                        JsonNode out = http.postJson(url, token, rows, Http.PANDAS).json();
                        for (int r = 0; r < 10; r++) {
                            float expected = BuiltinModels.fraud(WallarooTest.array(WallarooTest.row(seed * 10 + r, 29)));
                            if (out.get(r).at("/out/dense_1/0").floatValue() != expected) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(p.inferenceRequests()).isEqualTo(64);
        }
    }

    @Test
    void closeStopsEveryThreadAndThePort() throws Exception {
        LocalPlatform p = LocalPlatform.start();
        Http http = new Http(p);
        for (int i = 0; i < 20; i++) {
            http.get(p.endpointUrl() + "/health", null);
        }
        String prefix = "infer4j-testkit-" + p.port() + "-";
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().startsWith(prefix));
        p.close();
        p.close(); // idempotent
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
        http.client.connectionPool().evictAll();
        assertThatThrownBy(() -> http.get(p.endpointUrl() + "/health", null)).isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void builderRejectsBadOptions() {
        assertThatThrownBy(() -> LocalPlatform.builder().threads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> LocalPlatform.builder().accessTokenLifetime(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accessTokenLifetime");
        try (LocalPlatform p = LocalPlatform.start()) {
            assertThatThrownBy(() -> p.faults().everywhere().withProbability(1.5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probability");
            assertThatThrownBy(() -> p.faults().everywhere().status(200))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4xx or 5xx");
        }
    }
}
