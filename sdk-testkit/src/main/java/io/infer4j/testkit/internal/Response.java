package io.infer4j.testkit.internal;

import io.infer4j.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A response to write; immutable apart from adding headers while it is being built. */
public final class Response {
    public static final String JSON = "application/json";

    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final byte[] body;

    public Response(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body == null ? new byte[0] : body;
        if (contentType != null) {
            header("Content-Type", contentType);
        }
    }

    /** A JSON response; {@code value} may be a Jackson node, a Map/List, or null (JSON {@code null}). */
    public static Response json(int status, Object value) {
        return new Response(status, JSON, Json.write(value));
    }

    public static Response empty(int status) {
        return new Response(status, null, null);
    }

    public static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Flask's HTML 404 page: what omega-ml (and many Python services) send for an unknown route. */
    public static Response htmlNotFound() {
        return text(404, "text/html; charset=utf-8", "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n"
                + "<h1>Not Found</h1>\n<p>The requested URL was not found on the server.</p>\n");
    }

    public Response header(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }
}
