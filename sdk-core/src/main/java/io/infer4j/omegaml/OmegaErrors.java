package io.infer4j.omegaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.ServiceException;
import io.infer4j.core.internal.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads omega-ml specifics out of a {@link ServiceException}: the {@code [Error ID: uuid]} the
 * server appends to action failures (quote it to the operator, who finds it in the server log) and
 * the per-field reasons of {@code {"errors": {...}, "message": "Input payload validation failed"}}.
 */
public final class OmegaErrors {
    private static final Pattern ERROR_ID = Pattern.compile("\\[Error ID: ([0-9A-Za-z-]+)]");

    private OmegaErrors() {
    }

    /** The server's error id, if the message carries one. */
    public static Optional<String> errorId(ServiceException e) {
        for (String text : new String[] {e.errorMessage().orElse(null), e.body()}) {
            if (text != null) {
                Matcher m = ERROR_ID.matcher(text);
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /** Field name to reason from a payload validation failure; empty for other errors. */
    public static Map<String, String> fieldErrors(ServiceException e) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode errors = Json.mapper().readTree(e.body()).get("errors");
            if (errors != null && errors.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = errors.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    out.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
                }
            }
        } catch (Exception notJson) {
            // not a JSON body: no field errors
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
