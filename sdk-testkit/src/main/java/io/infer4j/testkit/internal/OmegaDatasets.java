package io.infer4j.testkit.internal;

import static io.infer4j.testkit.internal.OmegaState.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testkit.internal.Pandas.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** omega-ml's {@code /api/v1/dataset}: put (replace or append), get with filters and an orient, delete, list. */
final class OmegaDatasets {
    /** Query parameters that are not column filters. */
    private static final Set<String> NOT_FILTERS = Set.of("orient", "limit", "skip", "page", "offset", "format",
            "username", "api_key", "append");

    private final OmegaState state;

    OmegaDatasets(OmegaState state) {
        this.state = state;
    }

    Response putDataset(Request r) {
        boolean ce = state.ce;
        String name = r.pathParams().get(0);
        JsonNode body = r.json();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!body.path("data").isObject()) {
            errors.put("data", body.has("data") ? body.get("data") + " is not of type 'object'" : "'data' is a required property");
        }
        if (body.has("append") && !body.get("append").isBoolean()) {
            errors.put("append", body.get("append") + " is not of type 'boolean'");
        }
        if (body.has("dtypes") && !body.get("dtypes").isObject()) {
            errors.put("dtypes", body.get("dtypes") + " is not of type 'object'");
        }
        if (!errors.isEmpty()) {
            return json(400, Map.of("errors", errors, "message", "Input payload validation failed"));
        }
        boolean append = body.path("append").asBoolean(true);
        if (r.query("append") != null) {
            append = r.query("append").toLowerCase().startsWith("t") || r.query("append").equals("1");
        }
        // The open-source server ignores the body's orient and index (reference/omegaml-api.md, PUT);
        // only the commercial edition reads them.
        String orient = r.query("orient") != null ? r.query("orient") : ce ? body.path("orient").asText("columns") : "columns";
        JsonNode index = ce ? body.path("index").path("values") : JsonNodeFactory.instance.missingNode();
        Frame incoming;
        try {
            incoming = Pandas.parse(body.get("data"), orient, index);
            Pandas.applyDtypes(incoming, body.get("dtypes"), !ce);
        } catch (IllegalArgumentException e) {
            return state.error(400, e.getMessage(), false);
        }
        Frame existing = state.datasets.get(name);
        if (append && existing != null) {
            Pandas.append(existing, incoming);
        } else {
            state.datasets.put(name, incoming);
        }
        return ce ? Response.empty(204) : json(200, "");
    }

    private Frame dataset(String name) {
        Frame f = state.datasets.get(name);
        if (f == null) {
            throw new HttpError(state.ce ? json(404, Map.of("error_message", "dataset " + name + " does not exist"))
                    : state.error(400, "AttributeError(\"'NoneType' object has no attribute 'kind_meta'\")", false));
        }
        return f;
    }

    Response getDataset(Request r) {
        boolean ce = state.ce;
        String name = r.pathParams().get(0);
        Frame stored = dataset(name);
        Map<String, String> filters = new LinkedHashMap<>();
        r.query().forEach((k, v) -> {
            if (!NOT_FILTERS.contains(k)) {
                filters.put(k, v.get(0));
            }
        });
        String orient = r.query("orient") == null ? "dict" : r.query("orient");
        Frame f;
        JsonNode data;
        try {
            f = Pandas.filter(stored, filters);
            data = Pandas.toDict(f, orient);
        } catch (IllegalArgumentException e) {
            throw new HttpError(state.error(400, e.getMessage(), false));
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("data", data);
        if (ce) {
            ObjectNode d = body.putObject("dtypes");
            f.dtypes.forEach(d::put);
        }
        ObjectNode idx = Json.mapper().createObjectNode();
        boolean ints = f.index.stream().allMatch(JsonNode::isIntegralNumber);
        boolean floats = f.index.stream().allMatch(JsonNode::isNumber);
        String type = !ce ? "Index" : ints ? "Int64Index" : floats ? "Float64Index" : "Index";
        if (ce) {
            idx.put("type", type);
        }
        ArrayNode values = idx.putArray("values");
        f.index.forEach(values::add);
        if (!ce) {
            idx.put("type", type);
        }
        body.set("index", idx);
        if (ce) {
            body.put("name", name);
            body.put("orient", orient);
            body.put("resource_uri", "/api/v1/dataset/" + name + "/");
        }
        return json(200, body);
    }

    Response deleteDataset(Request r) {
        boolean existed = state.datasets.remove(r.pathParams().get(0)) != null;
        if (state.ce) {
            return existed ? Response.empty(204) : Response.empty(404);
        }
        return json(existed ? 200 : 404, "");
    }

    Response listDatasets(Request r) {
        if (!state.ce) {
            return Response.htmlNotFound();
        }
        List<ObjectNode> all = new ArrayList<>();
        for (String name : state.datasets.keySet()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.putObject("data").put("kind", "pandas.dfrows").put("name", name);
            o.putNull("dtypes");
            o.putNull("index");
            o.putNull("name");
            o.putNull("orient");
            o.put("resource_uri", "/api/v1/dataset/" + name + "/");
            all.add(o);
        }
        return json(200, Tastypie.page(all, r, "/api/v1/dataset/"));
    }
}
