package io.infer4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.internal.Decoders;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.core.internal.Operation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;

/**
 * Interim quickstart: exercises the transport (one 503, retried, then a JSON answer) against an
 * embedded server. Replaced by the Wallaroo external-URL tutorial once the Wallaroo client and
 * the LocalPlatform testkit land.
 */
public final class Quickstart {
    private Quickstart() {
    }

    /** Runs the example. */
    public static void main(String[] args) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/api/workspaces/list", exchange -> {
            boolean first = calls.incrementAndGet() == 1;
            byte[] body = (first ? "{\"msg\":\"starting\"}" : "{\"workspaces\":[{\"id\":1,\"name\":\"urldemoworkspace\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(first ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (HttpTransport transport = new HttpTransport(ClientOptions.builder().build())) {
            HttpUrl url = HttpUrl.get("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/api/workspaces/list");
            JsonNode answer = transport.execute(Operation.postJson("workspaces.list", url, Map.of(),
                    Decoders.tree("workspaces")).idempotent(true).build());
            System.out.println("HTTP calls: " + calls.get() + " (the first answered 503 and was retried)");
            System.out.println("workspaces: " + answer.get("workspaces"));
        } finally {
            server.stop(0);
        }
    }
}
