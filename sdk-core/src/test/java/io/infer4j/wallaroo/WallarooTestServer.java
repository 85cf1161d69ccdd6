package io.infer4j.wallaroo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.Sleeper;
import io.infer4j.core.auth.BearerTokenAuth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Shared helpers for Wallaroo tests: a client against a MockWebServer with a fake clock and sleeper. */
final class WallarooTestServer {
    static final String TOKEN = "test-token-abc123";
    static final ObjectMapper JSON = new ObjectMapper();

    private WallarooTestServer() {
    }

    /** A client with a static token, no retries, and a sleeper that advances the fake clock. */
    static WallarooClient client(MockWebServer server, FakeTime time) {
        return client(server, time, RetryPolicy.NONE);
    }

    static WallarooClient client(MockWebServer server, FakeTime time, RetryPolicy retry) {
        return WallarooClient.builder().apiUrl(server.url("/").uri()).auth(BearerTokenAuth.of(TOKEN))
                .retryPolicy(retry).clock(time).sleeper(time).build();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse json(int code, byte[] body) {
        return json(code, new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    static JsonNode body(RecordedRequest r) {
        try {
            return JSON.readTree(r.getBody() == null ? new byte[0] : r.getBody().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clock that only moves when the code under test sleeps; records every sleep. */
    static final class FakeTime extends Clock implements Sleeper {
        private volatile long millis = 1_700_000_000_000L;
        final List<Duration> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            sleeps.add(d);
            synchronized (this) {
                millis += d.toMillis();
            }
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
