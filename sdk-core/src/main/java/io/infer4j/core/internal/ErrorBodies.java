package io.infer4j.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.HttpErrorDetails;
import io.infer4j.core.error.ServiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Knows every error body shape the supported servers send and maps a non-2xx response to the
 * right {@link ServiceException} subclass:
 *
 * <ul>
 *   <li>Wallaroo MLOps {@code {"msg": "...", "code": 400}};</li>
 *   <li>Wallaroo inference {@code {"code": 400, "status": "Error", "error": "...", "source": "engine"}};</li>
 *   <li>omega-ml {@code {"message": "... [Error ID: uuid]"}} and {@code {"errors": {...}, "message": "..."}};</li>
 *   <li>omega-ml commercial edition (tastypie) {@code {"error_message": "..."}} and {@code {"error": "<sentence>"}};</li>
 *   <li>Keycloak / OAuth2 {@code {"error": "<code>", "error_description": "..."}} ({@code error} is
 *   taken as the code when it has a description or looks like one: lower case, no spaces);</li>
 *   <li>FastAPI {@code {"detail": ...}}, plain text, and HTML error pages (title or first heading).</li>
 * </ul>
 */
public final class ErrorBodies {
    /** How much of an error body is read. */
    static final int MAX_READ = 64 * 1024;
    /** How much of it is kept in the exception. */
    static final int MAX_KEPT = 4 * 1024;

    private static final List<String> REQUEST_ID_HEADERS = List.of(
            "x-request-id", "x-amzn-requestid", "x-amz-request-id", "x-correlation-id", "request-id", "x-b3-traceid");
    private static final Pattern HTML_TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HTML_H1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAGS = Pattern.compile("<[^>]+>");
    /** An OAuth2-style error code such as {@code invalid_grant}: lower case, no spaces. */
    private static final Pattern MACHINE_CODE = Pattern.compile("[a-z][a-z0-9_.:-]*");

    private ErrorBodies() {
    }

    /** What an error body says; fields are null when absent. */
    public record Parsed(String code, String message, String source) {
    }

    /** Reads (a bounded prefix of) the response body and builds the exception. */
    public static ServiceException toException(Response response, String method, String redactedUrl) {
        String body;
        try {
            ResponseBody rb = response.peekBody(MAX_READ);
            body = new String(rb.bytes(), StandardCharsets.UTF_8);
        } catch (IOException | IllegalStateException e) {
            body = "";
        }
        return toException(response.code(), response.headers(), body, method, redactedUrl);
    }

    /** Builds the exception from already-read parts. */
    public static ServiceException toException(int status, Headers headers, String body, String method, String redactedUrl) {
        Parsed p = parse(body);
        String kept = Redaction.maskJsonSecrets(body.length() > MAX_KEPT ? body.substring(0, MAX_KEPT) + "..." : body);
        return ServiceException.of(new HttpErrorDetails(status, method, redactedUrl, safeHeaders(headers),
                requestId(headers), p.code(), p.message(), p.source(), kept));
    }

    /** Parses any supported error body; never throws. */
    public static Parsed parse(String body) {
        if (body == null) {
            return new Parsed(null, null, null);
        }
        String trimmed = body.trim();
        if (trimmed.isEmpty()) {
            return new Parsed(null, null, null);
        }
        if (trimmed.startsWith("{")) {
            try {
                JsonNode n = Json.mapper().readTree(trimmed);
                if (n != null && n.isObject()) {
                    return fromJson(n);
                }
            } catch (IOException | RuntimeException notJson) {
                // fall through to plain text
            }
        }
        if (trimmed.startsWith("<") || trimmed.regionMatches(true, 0, "<!doctype", 0, 9)) {
            Matcher m = HTML_TITLE.matcher(trimmed);
            if (!m.find()) {
                m = HTML_H1.matcher(trimmed);
                if (!m.find()) {
                    return new Parsed(null, abbreviate(TAGS.matcher(trimmed).replaceAll(" ").replaceAll("\\s+", " ").trim()), null);
                }
            }
            return new Parsed(null, abbreviate(TAGS.matcher(m.group(1)).replaceAll("").replaceAll("\\s+", " ").trim()), null);
        }
        int nl = trimmed.indexOf('\n');
        return new Parsed(null, abbreviate(Redaction.maskJsonSecrets(nl > 0 ? trimmed.substring(0, nl).trim() : trimmed)), null);
    }

    private static Parsed fromJson(JsonNode n) {
        String code = text(n.get("code"));
        String message = firstText(n, "msg", "message", "error_message", "error_description", "detail", "error");
        String source = text(n.get("source"));
        String error = text(n.get("error"));
        // OAuth2 / Keycloak send a machine code in "error" (invalid_grant); tastypie sends a sentence there.
        if (error != null && code == null && (n.hasNonNull("error_description") || MACHINE_CODE.matcher(error).matches())) {
            code = error;
        }
        JsonNode errors = n.get("errors");
        if (errors != null && !errors.isNull() && !errors.isMissingNode()) {
            String detail = errors.isTextual() ? errors.asText() : errors.toString();
            message = message == null ? detail : message + ": " + detail;
        }
        if (message == null && n.has("status") && n.get("status").isTextual() && !"error".equalsIgnoreCase(n.get("status").asText())) {
            message = n.get("status").asText();
        }
        return new Parsed(code, message == null ? null : abbreviate(Redaction.maskJsonSecrets(message)), source);
    }

    private static String firstText(JsonNode n, String... names) {
        for (String name : names) {
            String t = text(n.get(name));
            if (t != null && !t.isEmpty()) {
                return t;
            }
        }
        return null;
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) + "..." : s;
    }

    static String requestId(Headers headers) {
        for (String name : REQUEST_ID_HEADERS) {
            String v = headers.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Response headers without cookies or credentials. */
    static Map<String, List<String>> safeHeaders(Headers headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!io.infer4j.core.ClientOptions.NEVER_LOGGED_HEADERS.contains(lower) && !lower.contains("token")) {
                out.put(lower, List.copyOf(headers.values(name)));
            }
        }
        return out;
    }
}
