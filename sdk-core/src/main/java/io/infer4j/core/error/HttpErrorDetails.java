package io.infer4j.core.error;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a non-2xx response said, in one immutable value. {@code code}, {@code message},
 * {@code source} and {@code requestId} are {@code null} when the server did not send them.
 *
 * @param status    HTTP status code
 * @param method    request method
 * @param url       request URL with secret query values masked
 * @param headers   response headers (cookies removed)
 * @param requestId request id from the response headers, or {@code null}
 * @param code      the server's error code, or {@code null}
 * @param message   the server's error message, or {@code null}
 * @param source    the failing component where the server names it, or {@code null}
 * @param body      the raw body, truncated
 */
public record HttpErrorDetails(int status, String method, String url, Map<String, List<String>> headers,
                               String requestId, String code, String message, String source, String body) {

    /** Normalises nulls in the always-present fields and freezes the header map. */
    public HttpErrorDetails {
        method = Objects.requireNonNullElse(method, "?");
        url = Objects.requireNonNullElse(url, "?");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = Objects.requireNonNullElse(body, "");
    }

    /** A one-line description used as the exception message. */
    String describe() {
        StringBuilder sb = new StringBuilder("HTTP ").append(status).append(" from ")
                .append(method).append(' ').append(url);
        if (message != null) {
            sb.append(": ").append(message);
        } else if (!body.isEmpty()) {
            sb.append(": ").append(body.length() > 200 ? body.substring(0, 200) + "..." : body);
        }
        if (code != null) {
            sb.append(" [code=").append(code).append(']');
        }
        if (source != null) {
            sb.append(" [source=").append(source).append(']');
        }
        if (requestId != null) {
            sb.append(" [request-id=").append(requestId).append(']');
        }
        return sb.toString();
    }
}
