package io.infer4j.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request the {@link LocalPlatform} received, as kept in {@link LocalPlatform#requests()}.
 * Secrets never appear: {@code Authorization}, {@code X-Api-Key} and cookie values are masked, and
 * so are secret keys (password, client_secret, tokens, ...) in JSON and form bodies.
 *
 * @param time      when the request arrived (platform clock)
 * @param method    HTTP method
 * @param path      the path, without query
 * @param query     the raw query string, or {@code ""}
 * @param headers   request headers, names lower-cased, secret values masked
 * @param bodySize  request body size in bytes
 * @param body      the body text for JSON and form bodies up to 64 KiB (secrets masked), else null
 * @param operation the operation name the request was routed to (see {@link Faults#onOperation}),
 *                  or {@code "unknown"}
 * @param status    the status sent, or {@code -1} when the connection was dropped on purpose
 */
public record RecordedRequest(Instant time, String method, String path, String query,
                              Map<String, List<String>> headers, long bodySize, String body,
                              String operation, int status) {

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
