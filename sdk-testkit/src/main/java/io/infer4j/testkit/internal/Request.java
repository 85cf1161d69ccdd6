package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.internal.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One received HTTP request, fully read (bodies are small enough in tests). */
public final class Request {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private List<String> pathParams = List.of();
    private JsonNode json;
    private Map<String, String> form;

    Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(h);
        this.body = body;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public Map<String, List<String>> query() {
        return query;
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String contentType() {
        String ct = header("content-type");
        return ct == null ? "" : ct.toLowerCase(Locale.ROOT);
    }

    public byte[] body() {
        return body;
    }

    /** Groups captured by the route pattern. */
    public List<String> pathParams() {
        return pathParams;
    }

    void pathParams(List<String> params) {
        this.pathParams = Collections.unmodifiableList(new ArrayList<>(params)); // optional groups are null
    }

    /** The body as JSON; an empty body reads as an empty object; bad JSON is a 400. */
    public JsonNode json() {
        if (json == null) {
            if (body.length == 0) {
                json = Json.mapper().createObjectNode();
            } else {
                try {
                    json = Json.mapper().readTree(body);
                } catch (IOException e) {
                    throw new HttpError(Response.json(400, Map.of("msg", "invalid JSON body", "code", 400)));
                }
                if (json == null) {
                    json = Json.mapper().createObjectNode();
                }
            }
        }
        return json;
    }

    /** The body as {@code application/x-www-form-urlencoded} fields (first value wins). */
    public Map<String, String> form() {
        if (form == null) {
            Map<String, String> f = new LinkedHashMap<>();
            parseQuery(new String(body, StandardCharsets.UTF_8)).forEach((k, v) -> f.put(k, v.get(0)));
            form = Collections.unmodifiableMap(f);
        }
        return form;
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
