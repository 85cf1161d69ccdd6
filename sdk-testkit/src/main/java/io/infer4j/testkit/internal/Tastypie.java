package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the commercial omega-ml edition's API framework (django-tastypie) does to answers. */
final class Tastypie {
    private Tastypie() {
    }

    /**
     * The commercial edition's serializer: every object's keys sorted (json.dumps sort_keys), so a
     * dict-orient dataset lists its columns by name, and a float NaN written as null.
     */
    static Response serialize(Response answer) {
        List<String> type = answer.headers().get("Content-Type");
        if (type == null || !type.get(0).startsWith(Response.JSON) || answer.body().length == 0) {
            return answer;
        }
        Response out;
        try {
            out = OmegaState.json(answer.status(), sortedNaNAsNull(Json.mapper().readTree(answer.body())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        answer.headers().forEach((name, values) -> {
            if (!name.equals("Content-Type")) {
                values.forEach(v -> out.header(name, v));
            }
        });
        return out;
    }

    private static JsonNode sortedNaNAsNull(JsonNode n) {
        if (n.isObject()) {
            Map<String, JsonNode> byName = new TreeMap<>();
            n.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
            ObjectNode sorted = Json.mapper().createObjectNode();
            byName.forEach((k, v) -> sorted.set(k, sortedNaNAsNull(v)));
            return sorted;
        }
        if (n.isArray()) {
            ArrayNode a = Json.mapper().createArrayNode();
            n.forEach(v -> a.add(sortedNaNAsNull(v)));
            return a;
        }
        return n.isNumber() && Double.isNaN(n.doubleValue()) ? JsonNodeFactory.instance.nullNode() : n;
    }

    /** A list page: {@code meta} (limit, next, offset, previous, total_count) and {@code objects}. */
    static ObjectNode page(List<ObjectNode> all, Request r, String path) {
        int limit = intParam(r, "limit", 20);
        int offset = intParam(r, "offset", 0);
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode meta = body.putObject("meta");
        meta.put("limit", limit);
        if (offset + limit < all.size()) {
            meta.put("next", path + "?limit=" + limit + "&offset=" + (offset + limit));
        } else {
            meta.putNull("next");
        }
        meta.put("offset", offset);
        if (offset > 0) {
            meta.put("previous", path + "?limit=" + limit + "&offset=" + Math.max(0, offset - limit));
        } else {
            meta.putNull("previous");
        }
        meta.put("total_count", all.size());
        ArrayNode objects = body.putArray("objects");
        for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
            objects.add(all.get(i));
        }
        return body;
    }

    private static int intParam(Request r, String name, int dflt) {
        String v = r.query(name);
        try {
            return v == null ? dflt : Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new HttpError(OmegaState.json(400, Map.of("error", "Invalid " + name + " '" + v + "' provided. Please provide a positive integer.")));
        }
    }
}
