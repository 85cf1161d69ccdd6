package io.infer4j.core.internal;

import io.infer4j.core.ClientOptions;
import io.infer4j.core.error.Infer4jException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request logging. DEBUG: method, masked URL, status, elapsed, attempt, and allow-listed headers.
 * TRACE: bodies (bounded) with secret JSON keys masked; never for operations marked sensitive.
 * Credential headers are never logged.
 */
final class HttpLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.infer4j.http");
    private static final int MAX_TRACE_BODY = 16 * 1024;

    private final Set<String> allowed;

    HttpLog(Set<String> allowed) {
        this.allowed = allowed;
    }

    void response(Operation<?> op, String url, Response response, int attempt, long elapsedMs) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} -> {} in {} ms (attempt {}){}", op.name(), op.method(), url, response.code(),
                    elapsedMs, attempt, headers(response.headers()));
        }
        if (LOG.isTraceEnabled() && !op.sensitive() && op.loggableBody() != null) {
            LOG.trace("{} request body: {}", op.name(), body(op.loggableBody()));
        }
    }

    void retry(Operation<?> op, String url, int attempt, Infer4jException failure, Duration delay) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} attempt {} failed ({}: {}); retrying in {} ms", op.name(), op.method(), url, attempt,
                    failure.getClass().getSimpleName(), failure.getMessage(), delay.toMillis());
        }
    }

    void authReplay(Operation<?> op, String url) {
        LOG.debug("{} {} {} got 401; credentials refreshed, replaying once", op.name(), op.method(), url);
    }

    static void traceErrorBody(Operation<?> op, Response response) {
        if (LOG.isTraceEnabled() && !op.sensitive()) {
            try {
                LOG.trace("{} response body: {}", op.name(), body(response.peekBody(MAX_TRACE_BODY).bytes()));
            } catch (IOException | IllegalStateException ignored) {
                // nothing to log
            }
        }
    }

    private String headers(Headers h) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.size(); i++) {
            String name = h.name(i).toLowerCase(Locale.ROOT);
            if (allowed.contains(name) && !ClientOptions.NEVER_LOGGED_HEADERS.contains(name)) {
                sb.append(sb.length() == 0 ? " [" : ", ").append(name).append('=').append(h.value(i));
            }
        }
        return sb.length() == 0 ? "" : sb.append(']').toString();
    }

    private static String body(byte[] bytes) {
        int n = Math.min(bytes.length, MAX_TRACE_BODY);
        String s = new String(bytes, 0, n, StandardCharsets.UTF_8);
        return Redaction.maskJsonSecrets(s) + (bytes.length > n ? "...(" + bytes.length + " bytes)" : "");
    }
}
