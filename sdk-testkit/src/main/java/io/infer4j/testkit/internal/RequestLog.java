package io.infer4j.testkit.internal;

import io.infer4j.core.internal.Redaction;
import io.infer4j.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A bounded log of received requests with every secret masked, plus per-operation counters. */
public final class RequestLog {
    static final int MAX_BODY_TEXT = 64 * 1024;
    private static final Set<String> SECRET_HEADERS = Set.of("x-api-key", "cookie", "set-cookie", "apikey", "api-key");
    private static final Set<String> SCHEMED_HEADERS = Set.of("authorization", "proxy-authorization");

    private final int capacity;
    private final Deque<RecordedRequest> entries = new ArrayDeque<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public RequestLog(int capacity) {
        this.capacity = capacity;
    }

    /** Counts a request when it is routed, before any answer, so a client never sees a stale count. */
    public void counted(String operation) {
        counts.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    public void add(Instant time, Request request, String operation, int status) {
        if (capacity <= 0) {
            return;
        }
        RecordedRequest entry = new RecordedRequest(time, request.method(), request.path(),
                request.rawQuery() == null ? "" : Redaction.maskJsonSecrets(request.rawQuery()),
                maskHeaders(request.headers()), request.body().length, bodyText(request), operation, status);
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
    }

    public List<RecordedRequest> snapshot() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
        counts.clear();
    }

    public long count(String operation) {
        LongAdder a = counts.get(operation);
        return a == null ? 0 : a.sum();
    }

    static Map<String, List<String>> maskHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            List<String> masked = new ArrayList<>(values.size());
            for (String v : values) {
                masked.add(maskHeader(n, v));
            }
            out.put(n, Collections.unmodifiableList(masked));
        });
        return Collections.unmodifiableMap(out);
    }

    static String maskHeader(String name, String value) {
        if (SCHEMED_HEADERS.contains(name)) {
            int sp = value.indexOf(' ');
            return sp < 0 ? "***" : value.substring(0, sp) + " ***";
        }
        return SECRET_HEADERS.contains(name) ? "***" : value;
    }

    private static String bodyText(Request r) {
        String ct = r.contentType();
        boolean text = ct.startsWith("application/json") || ct.startsWith("application/x-www-form-urlencoded");
        if (!text || r.body().length == 0 || r.body().length > MAX_BODY_TEXT) {
            return null;
        }
        return Redaction.maskJsonSecrets(new String(r.body(), StandardCharsets.UTF_8));
    }
}
