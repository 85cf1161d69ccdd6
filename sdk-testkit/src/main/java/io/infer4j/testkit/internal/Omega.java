package io.infer4j.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testkit.OmegaEdition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The omega-ml REST API under {@code /api/v1} in the open-source (Flask) or commercial (tastypie)
 * dialect, as described in {@code reference/omegaml-api.md} and the {@code contract/omegaml}
 * recordings: datasets, linear-regression models with real OLS, async tasks, jobs and scripts.
 */
public final class Omega {
    private static final Set<String> NOT_FILTERS = Set.of("orient", "limit", "skip", "page", "offset", "format",
            "username", "api_key", "append");
    private static final Set<String> ACTIONS = Set.of("predict", "predict_proba", "fit", "partial_fit", "score",
            "transform", "decision_function", "complete", "embed");
    private static final Pattern PROJECTION = Pattern.compile("(.+)\\[([^\\]]*)\\]");
    private static final DateTimeFormatter CE_CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** omega-ml writes float NaN as the bare token {@code NaN}; so do we. */
    private static final ObjectWriter WRITER = Json.mapper().writer().without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);

    private final Settings settings;
    private final Keycloak keycloak;
    private final boolean ce;
    private final Map<String, Frame> datasets = new LinkedHashMap<>();
    private final Map<String, ModelState> models = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> jobRuns = new LinkedHashMap<>();
    private final Map<String, AsyncTask> tasks = new ConcurrentHashMap<>();

    /** A stored DataFrame: columns in order, values by column, dtypes, and index labels. */
    static final class Frame {
        final List<String> columns = new ArrayList<>();
        final Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        final Map<String, String> dtypes = new LinkedHashMap<>();
        final List<JsonNode> index = new ArrayList<>();

        int rows() {
            return index.size();
        }
    }

    static final class ModelState {
        String name;
        String created;
        String modified;
        List<String> features;
        Ols.Fit fit;
    }

    static final class AsyncTask {
        final String id = UUID.randomUUID().toString();
        Instant submitted;
        int reads;
        String kind;
        String name;
        Response outcome;
    }

    public Omega(Settings settings, Keycloak keycloak) {
        this.settings = settings;
        this.keycloak = keycloak;
        this.ce = settings.omegaEdition() == OmegaEdition.COMMERCIAL;
    }

    public void routes(Router router) {
        String s = "/?"; // the commercial API writes a trailing slash everywhere
        add(router, "GET", "/api/v1/ping" + s, "omega:ping", r -> json(200, Map.of("ping", LocalDateTime.now(settings.clock()).toString())));
        add(router, "GET", "/api/v1/dataset/", "omega:dataset.list", this::listDatasets);
        add(router, "GET", "/api/v1/dataset/(.+?)" + s, "omega:dataset.get", this::getDataset);
        add(router, "PUT", "/api/v1/dataset/(.+?)" + s, "omega:dataset.put", this::putDataset);
        add(router, "DELETE", "/api/v1/dataset/(.+?)" + s, "omega:dataset.delete", this::deleteDataset);
        add(router, "POST", "/api/v1/model/", "omega:model.create", this::createModel);
        add(router, "GET,PUT", "/api/v1/model/(.+)", "omega:model.action", this::model);
        add(router, "GET", "/api/v1/task/([^/]+)/(result|status)" + s, "omega:task.result", this::taskResult);
        add(router, "GET", "/api/v1/job/", "omega:job.list", this::listJobs);
        add(router, "POST", "/api/v1/job/(.+?)/run" + s, "omega:job.run", this::runJob);
        add(router, "GET", "/api/v1/job/(.+?)/", "omega:job.get", this::getJob);
        add(router, "POST", "/api/v1/script/(.+?)/run" + s, "omega:script.run", this::runScript);
        add(router, "GET", "/api/v1/config/", "omega:config", this::config);
    }

    private void add(Router router, String methods, String regex, String op, Router.Handler h) {
        router.add(methods, regex, op, Family.OMEGA, r -> {
            if (!ce) {
                return h.handle(r);
            }
            if (!authenticated(r)) {
                return Response.empty(401); // tastypie answers 401 with an empty body
            }
            Response answer;
            try {
                answer = h.handle(r);
            } catch (HttpError e) {
                answer = e.response();
            }
            return tastypie(answer);
        });
    }

    /**
     * The commercial edition's serializer: every object's keys sorted (json.dumps sort_keys), so a
     * dict-orient dataset lists its columns by name, and a float NaN written as null.
     */
    private static Response tastypie(Response answer) {
        List<String> type = answer.headers().get("Content-Type");
        if (type == null || !type.get(0).startsWith(Response.JSON) || answer.body().length == 0) {
            return answer;
        }
        Response out;
        try {
            out = new Response(answer.status(), Response.JSON, WRITER.writeValueAsBytes(sortedNaNAsNull(Json.mapper().readTree(answer.body()))));
        } catch (java.io.IOException e) {
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

    private boolean authenticated(Request r) {
        String auth = r.header("authorization");
        if (auth == null) {
            return false;
        }
        if (auth.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            return auth.substring(7).trim().equals(settings.username() + ":" + settings.apiKey());
        }
        return keycloak.verify(auth).ok();
    }

    static Response json(int status, Object value) {
        try {
            return new Response(status, Response.JSON, WRITER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response error(int status, String repr, boolean withId) {
        if (ce) {
            return json(status, Map.of("error", repr));
        }
        return json(status, Map.of("message", withId ? repr + " [Error ID: " + UUID.randomUUID() + "]" : repr));
    }

    private HttpError fail(String repr) {
        return new HttpError(error(400, repr, true));
    }

    private String now() {
        return LocalDateTime.now(settings.clock()).toString();
    }

    // ---------------------------------------------------------------------------------- datasets

    private synchronized Response putDataset(Request r) {
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
            incoming = parse(body.get("data"), orient, index);
            applyDtypes(incoming, body.get("dtypes"));
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage(), false);
        }
        Frame existing = datasets.get(name);
        if (append && existing != null) {
            appendTo(existing, incoming);
        } else {
            datasets.put(name, incoming);
        }
        return ce ? Response.empty(204) : json(200, "");
    }

    private Frame parse(JsonNode data, String orient, JsonNode ceIndex) {
        Frame f = new Frame();
        switch (orient) {
            case "dict":
            case "columns": {
                List<String> labels = null;
                for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> col = it.next();
                    List<JsonNode> vals = new ArrayList<>();
                    if (col.getValue().isArray()) {
                        col.getValue().forEach(vals::add);
                    } else if (col.getValue().isObject()) {
                        List<String> keys = new ArrayList<>();
                        col.getValue().fields().forEachRemaining(e -> {
                            keys.add(e.getKey());
                            vals.add(e.getValue());
                        });
                        labels = labels == null ? keys : labels;
                    } else {
                        throw new IllegalArgumentException("ValueError('If using all scalar values, you must pass an index')");
                    }
                    addColumn(f, col.getKey(), vals);
                }
                int n = f.columns.isEmpty() ? 0 : f.values.get(f.columns.get(0)).size();
                if (ceIndex.isArray() && ceIndex.size() == n) {
                    ceIndex.forEach(f.index::add);
                } else if (labels != null) {
                    labels.forEach(l -> f.index.add(JsonNodeFactory.instance.textNode(l)));
                } else {
                    for (int i = 0; i < n; i++) {
                        f.index.add(JsonNodeFactory.instance.numberNode(i));
                    }
                }
                break;
            }
            case "index": {
                Map<String, List<JsonNode>> cols = new LinkedHashMap<>();
                int row = 0;
                for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); row++) {
                    Map.Entry<String, JsonNode> e = it.next();
                    f.index.add(JsonNodeFactory.instance.textNode(e.getKey()));
                    final int at = row;
                    e.getValue().fields().forEachRemaining(c -> {
                        List<JsonNode> v = cols.computeIfAbsent(c.getKey(), k -> new ArrayList<>());
                        while (v.size() < at) {
                            v.add(JsonNodeFactory.instance.nullNode());
                        }
                        v.add(c.getValue());
                    });
                }
                int n = row;
                cols.forEach((k, v) -> {
                    while (v.size() < n) {
                        v.add(JsonNodeFactory.instance.nullNode());
                    }
                    addColumn(f, k, v);
                });
                break;
            }
            case "tight":
            case "split": {
                JsonNode columns = data.path("columns");
                JsonNode rows = data.path("data");
                if (!columns.isArray() || !rows.isArray()) {
                    throw new IllegalArgumentException("ValueError('" + orient + " orient needs \"columns\" and \"data\"')");
                }
                for (int c = 0; c < columns.size(); c++) {
                    List<JsonNode> v = new ArrayList<>();
                    for (JsonNode row : rows) {
                        v.add(row.path(c).isMissingNode() ? JsonNodeFactory.instance.nullNode() : row.get(c));
                    }
                    addColumn(f, columns.get(c).asText(), v);
                }
                JsonNode idx = data.path("index");
                for (int i = 0; i < rows.size(); i++) {
                    f.index.add(idx.has(i) ? idx.get(i) : JsonNodeFactory.instance.numberNode(i));
                }
                break;
            }
            default:
                throw new IllegalArgumentException("ValueError(\"Expected 'index', 'columns' or 'tight' for orient parameter. Got '" + orient + "' instead\")");
        }
        return f;
    }

    private static void addColumn(Frame f, String name, List<JsonNode> values) {
        if (!f.columns.isEmpty() && f.values.get(f.columns.get(0)).size() != values.size()) {
            throw new IllegalArgumentException("ValueError('All arrays must be of the same length')");
        }
        f.columns.add(name);
        f.values.put(name, values);
    }

    /** pandas {@code astype}: OSS casts every column without a dtype to float64 when dtypes is absent. */
    private void applyDtypes(Frame f, JsonNode dtypes) {
        for (String c : f.columns) {
            String dtype = dtypes != null && dtypes.has(c) ? dtypes.get(c).asText()
                    : dtypes == null && !ce ? "float64" : infer(f.values.get(c));
            f.dtypes.put(c, normalise(dtype));
            List<JsonNode> vals = f.values.get(c);
            for (int i = 0; i < vals.size(); i++) {
                vals.set(i, cast(vals.get(i), f.dtypes.get(c)));
            }
        }
    }

    private static String normalise(String dtype) {
        switch (dtype) {
            case "int64": case "int32": case "int": return "int64";
            case "float64": case "float32": case "float": return "float64";
            case "str": case "object": return "object";
            case "bool": return "bool";
            case "datetime64[ns]": return "datetime64[ns]";
            default: throw new IllegalArgumentException("TypeError(\"data type '" + dtype + "' not understood\")");
        }
    }

    private static String infer(List<JsonNode> vals) {
        boolean allInt = true;
        boolean allNum = true;
        boolean allBool = true;
        for (JsonNode v : vals) {
            if (v.isNull()) {
                allInt = false;
                continue;
            }
            allInt &= v.isIntegralNumber();
            allNum &= v.isNumber();
            allBool &= v.isBoolean();
        }
        return vals.isEmpty() ? "object" : allBool && !vals.get(0).isNull() ? "bool" : allInt ? "int64" : allNum ? "float64" : "object";
    }

    private static JsonNode cast(JsonNode v, String dtype) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        switch (dtype) {
            case "int64":
                if (v.isNull()) {
                    throw new IllegalArgumentException("IntCastingNaNError('Cannot convert non-finite values (NA or inf) to integer')");
                }
                if (v.isNumber()) {
                    return n.numberNode(v.asLong());
                }
                try {
                    return n.numberNode(Long.parseLong(v.asText().trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("ValueError(\"invalid literal for int() with base 10: '" + v.asText() + "'\")");
                }
            case "float64":
                if (v.isNull()) {
                    return n.numberNode(Double.NaN);
                }
                if (v.isNumber()) {
                    return n.numberNode(v.asDouble());
                }
                try {
                    return n.numberNode(Double.parseDouble(v.asText().trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("ValueError(\"could not convert string to float: '" + v.asText() + "'\")");
                }
            case "bool":
                return v.isNull() ? n.booleanNode(false) : v.isBoolean() ? v : n.booleanNode(!v.asText().isEmpty() && !v.asText().equals("0"));
            default:
                return v;
        }
    }

    private static void appendTo(Frame existing, Frame incoming) {
        int before = existing.rows();
        for (String c : incoming.columns) {
            if (!existing.values.containsKey(c)) {
                existing.columns.add(c);
                existing.dtypes.put(c, incoming.dtypes.get(c));
                List<JsonNode> pad = new ArrayList<>();
                for (int i = 0; i < before; i++) {
                    pad.add(JsonNodeFactory.instance.nullNode());
                }
                existing.values.put(c, pad);
            }
        }
        for (String c : existing.columns) {
            List<JsonNode> add = incoming.values.get(c);
            for (int i = 0; i < incoming.rows(); i++) {
                existing.values.get(c).add(add == null ? JsonNodeFactory.instance.nullNode() : add.get(i));
            }
        }
        existing.index.addAll(incoming.index);
    }

    private Frame dataset(String name) {
        Frame f = datasets.get(name);
        if (f == null) {
            throw new HttpError(ce ? json(404, Map.of("error_message", "dataset " + name + " does not exist"))
                    : error(400, "AttributeError(\"'NoneType' object has no attribute 'kind_meta'\")", false));
        }
        return f;
    }

    private synchronized Response getDataset(Request r) {
        String name = r.pathParams().get(0);
        Frame f = filter(dataset(name), r);
        String orient = r.query("orient") == null ? "dict" : r.query("orient");
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("data", toDict(f, orient));
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

    private JsonNode toDict(Frame f, String orient) {
        ObjectNode out = Json.mapper().createObjectNode();
        int n = f.rows();
        switch (orient) {
            case "dict": {
                for (String c : f.columns) {
                    // (the commercial edition's serializer then sorts these keys as strings: "0", "1", "10", ...)
                    ObjectNode col = out.putObject(c);
                    for (int i = 0; i < n; i++) {
                        col.set(Integer.toString(i), f.values.get(c).get(i));
                    }
                }
                return out;
            }
            case "list":
            case "series":
                for (String c : f.columns) {
                    ArrayNode a = out.putArray(c);
                    f.values.get(c).forEach(a::add);
                }
                return out;
            case "records": {
                ArrayNode a = Json.mapper().createArrayNode();
                for (int i = 0; i < n; i++) {
                    ObjectNode row = a.addObject();
                    for (String c : f.columns) {
                        row.set(c, f.values.get(c).get(i));
                    }
                }
                return a;
            }
            case "index":
                for (int i = 0; i < n; i++) {
                    ObjectNode row = out.putObject(Integer.toString(i));
                    for (String c : f.columns) {
                        row.set(c, f.values.get(c).get(i));
                    }
                }
                return out;
            case "split":
            case "tight": {
                ArrayNode idx = out.putArray("index");
                for (int i = 0; i < n; i++) {
                    idx.add(i);
                }
                ArrayNode cols = out.putArray("columns");
                f.columns.forEach(cols::add);
                ArrayNode data = out.putArray("data");
                for (int i = 0; i < n; i++) {
                    ArrayNode row = data.addArray();
                    for (String c : f.columns) {
                        row.add(f.values.get(c).get(i));
                    }
                }
                if (orient.equals("tight")) {
                    out.putArray("index_names").addNull();
                    out.putArray("column_names").addNull();
                }
                return out;
            }
            default:
                throw new HttpError(error(400, "ValueError(\"orient '" + orient + "' not understood\")", false));
        }
    }

    /** Query filters: {@code col=value} or {@code col__op=value}, values cast by the column dtype. */
    private Frame filter(Frame f, Request r) {
        boolean[] rows = new boolean[f.rows()];
        java.util.Arrays.fill(rows, true);
        boolean any = false;
        for (Map.Entry<String, List<String>> q : r.query().entrySet()) {
            if (NOT_FILTERS.contains(q.getKey())) {
                continue;
            }
            any = true;
            String[] parts = q.getKey().split("__", 2);
            String col = parts[0];
            String op = parts.length > 1 ? parts[1] : "eq";
            if (!f.values.containsKey(col)) {
                throw new HttpError(error(400, "KeyError('" + col + "')", false));
            }
            String raw = q.getValue().get(0);
            for (int i = 0; i < f.rows(); i++) {
                rows[i] &= test(f.values.get(col).get(i), op, raw, f.dtypes.get(col));
            }
        }
        if (!any) {
            return f;
        }
        Frame out = new Frame();
        out.dtypes.putAll(f.dtypes);
        for (String c : f.columns) {
            out.columns.add(c);
            out.values.put(c, new ArrayList<>());
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i]) {
                for (String c : f.columns) {
                    out.values.get(c).add(f.values.get(c).get(i));
                }
                out.index.add(f.index.get(i));
            }
        }
        return out;
    }

    private boolean test(JsonNode v, String op, String raw, String dtype) {
        if (op.equals("isnull")) {
            return v.isNull() || (v.isDouble() && Double.isNaN(v.asDouble()));
        }
        int cmp;
        if (dtype.equals("int64") || dtype.equals("float64")) {
            double x;
            try {
                x = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                throw new HttpError(error(400, "ValueError(\"could not convert string to float: '" + raw + "'\")", false));
            }
            if (op.equals("in")) {
                for (String s : raw.split(",")) {
                    if (Double.parseDouble(s) == v.asDouble()) {
                        return true;
                    }
                }
                return false;
            }
            cmp = Double.compare(v.asDouble(), x);
        } else {
            String s = v.asText();
            switch (op) {
                case "contains": return s.contains(raw);
                case "startswith": return s.startsWith(raw);
                case "endswith": return s.endsWith(raw);
                case "in": return List.of(raw.split(",")).contains(s);
                default: cmp = s.compareTo(raw);
            }
        }
        switch (op) {
            case "eq": return cmp == 0;
            case "ne": return cmp != 0;
            case "lt": return cmp < 0;
            case "lte": return cmp <= 0;
            case "gt": return cmp > 0;
            case "gte": return cmp >= 0;
            default: throw new HttpError(error(400, "ValueError('unsupported filter operator " + op + "')", false));
        }
    }

    private synchronized Response deleteDataset(Request r) {
        boolean existed = datasets.remove(r.pathParams().get(0)) != null;
        if (ce) {
            return existed ? Response.empty(204) : Response.empty(404);
        }
        return json(existed ? 200 : 404, "");
    }

    private synchronized Response listDatasets(Request r) {
        if (!ce) {
            return Response.htmlNotFound();
        }
        List<ObjectNode> all = new ArrayList<>();
        for (String name : datasets.keySet()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.putObject("data").put("kind", "pandas.dfrows").put("name", name);
            o.putNull("dtypes");
            o.putNull("index");
            o.putNull("name");
            o.putNull("orient");
            o.put("resource_uri", "/api/v1/dataset/" + name + "/");
            all.add(o);
        }
        return json(200, page(all, r, "/api/v1/dataset/"));
    }

    /** A tastypie list page: {@code meta} (limit, next, offset, previous, total_count) and {@code objects}. */
    private static ObjectNode page(List<ObjectNode> all, Request r, String path) {
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
            throw new HttpError(json(400, Map.of("error", "Invalid " + name + " '" + v + "' provided. Please provide a positive integer.")));
        }
    }

    // ------------------------------------------------------------------------------------ models

    private synchronized Response createModel(Request r) {
        JsonNode b = r.json();
        String name = b.path("name").asText("");
        JsonNode pipeline = b.path("pipeline");
        if (name.isEmpty()) {
            return error(400, "ValueError('name is required')", false);
        }
        if (pipeline.isArray() && pipeline.size() > 0 && !"LinearRegression".equals(pipeline.path(0).path(0).asText())) {
            return error(400, "ValueError('the LocalPlatform only builds LinearRegression models, not "
                    + pipeline.path(0).path(0).asText() + "')", false);
        }
        ModelState m = new ModelState();
        m.name = name;
        m.created = now();
        m.modified = m.created;
        models.put(name, m);
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode mo = body.putObject("model");
        mo.put("bucket", "store");
        mo.put("created", CE_CREATED.format(LocalDateTime.now(settings.clock())));
        mo.put("kind", "sklearn.joblib");
        mo.put("name", name);
        return json(201, body);
    }

    private Response model(Request r) throws Exception {
        String rest = r.pathParams().get(0);
        boolean slash = rest.endsWith("/");
        String path = slash ? rest.substring(0, rest.length() - 1) : rest;
        int cut = path.lastIndexOf('/');
        String action = cut < 0 ? null : path.substring(cut + 1);
        if (action != null && ACTIONS.contains(action) && (ce || !slash)) {
            return action(r, path.substring(0, cut), action);
        }
        if (!slash && !ce || !r.method().equals("GET")) {
            return Response.htmlNotFound();
        }
        return metadata(path);
    }

    private synchronized Response metadata(String name) {
        ModelState m = models.get(name);
        ObjectNode body = Json.mapper().createObjectNode();
        if (ce) {
            if (m == null) {
                return json(404, Map.of("error_message", "model " + name + " does not exist"));
            }
            ObjectNode mo = body.putObject("model");
            mo.put("bucket", "store");
            mo.put("created", m.created.replace('T', ' '));
            mo.put("kind", "sklearn.joblib");
            mo.put("name", name);
            return json(200, body);
        }
        if (m == null) {
            body.putNull("model");
            body.putNull("result");
            body.putNull("resource_uri");
            return json(200, body);
        }
        body.put("model", name);
        ObjectNode res = body.putObject("result");
        res.put("name", name);
        res.put("kind", "sklearn.joblib");
        res.put("created", m.created);
        res.put("modified", m.modified);
        res.put("bucket", "omegaml");
        body.putNull("resource_uri");
        return json(200, body);
    }

    private static boolean async(Request r) {
        String v = r.query("async") != null ? r.query("async") : r.header("async");
        return v != null && !v.isEmpty() && "yt1".indexOf(Character.toLowerCase(v.charAt(0))) >= 0;
    }

    private Response action(Request r, String name, String action) {
        Response outcome;
        try {
            outcome = json(200, runAction(r, name, action));
        } catch (HttpError e) {
            outcome = e.response();
        }
        if (!async(r)) {
            return outcome;
        }
        AsyncTask t = submit("model", name, outcome);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", name);
        body.put("result", "pending");
        body.put("resource_uri", "/api/v1/model/" + name + "/" + action);
        return json(202, body).header("Location", "/api/v1/task/" + t.id + "/result");
    }

    private synchronized ObjectNode runAction(Request r, String name, String action) {
        ModelState m = models.get(name);
        if (m == null) {
            throw fail("ValueError('model " + name + " does not exist')");
        }
        String datax = r.query("datax");
        String datay = r.query("datay");
        ObjectNode body = Json.mapper().createObjectNode();
        switch (action) {
            case "fit":
            case "partial_fit": {
                if (datax == null || datay == null) {
                    throw fail("ValueError('fit requires ?datax=dataset&datay=dataset')");
                }
                Selected x = select(datax);
                Selected y = select(datay);
                if (x.matrix.length != y.matrix.length) {
                    throw fail("ValueError('Found input variables with inconsistent numbers of samples: ["
                            + x.matrix.length + ", " + y.matrix.length + "]')");
                }
                double[] target = new double[y.matrix.length];
                for (int i = 0; i < target.length; i++) {
                    target[i] = y.matrix[i][0];
                }
                try {
                    m.fit = Ols.fit(x.matrix, target);
                } catch (IllegalArgumentException e) {
                    throw fail("LinAlgError('" + e.getMessage() + "')");
                }
                m.features = x.columns;
                m.modified = now();
                if (ce) {
                    return body.put("datax", datax).put("datay", datay).put("result", "ok");
                }
                return body.put("model", name).put("result", "<Metadata: Metadata(name=" + name
                        + ",bucket=omegaml,prefix=models/,kind=sklearn.joblib,created=" + m.created + ")>")
                        .put("resource_uri", name);
            }
            case "predict":
            case "score": {
                if (m.fit == null) {
                    throw fail("NotFittedError(\"This LinearRegression instance is not fitted yet. Call 'fit' with "
                            + "appropriate arguments before using this estimator.\")");
                }
                JsonNode in = r.json();
                double[][] x = in.has("data") && action.equals("predict") ? inline(in, m) : datax != null
                        ? align(select(datax), m) : null;
                if (x == null) {
                    throw fail("ValueError('require either \"data\" key in body, or ?datax=dataset')");
                }
                double[] yhat = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    yhat[i] = m.fit.predict(x[i]);
                }
                JsonNode result;
                if (action.equals("score")) {
                    if (datay == null) {
                        throw fail("ValueError('score requires ?datay=dataset')");
                    }
                    result = JsonNodeFactory.instance.numberNode(r2(yhat, select(datay).matrix));
                } else {
                    ArrayNode a = Json.mapper().createArrayNode();
                    for (double v : yhat) {
                        a.add(v);
                    }
                    result = a;
                }
                if (ce) {
                    body.put("datax", datax);
                    body.put("datay", datay);
                    body.set("result", result);
                    return body;
                }
                body.put("model", name);
                body.set("result", result);
                body.put("resource_uri", name);
                return body;
            }
            default:
                throw fail("AttributeError(\"'LinearRegression' object has no attribute '" + action + "'\")");
        }
    }

    private static double r2(double[] yhat, double[][] y) {
        double mean = 0;
        for (double[] row : y) {
            mean += row[0] / y.length;
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < y.length; i++) {
            ssRes += Math.pow(y[i][0] - yhat[i], 2);
            ssTot += Math.pow(y[i][0] - mean, 2);
        }
        return ssTot == 0 ? 1.0 : 1 - ssRes / ssTot;
    }

    private record Selected(List<String> columns, double[][] matrix) {
    }

    /** A dataset (optionally projected, {@code name[a,b]}) as a numeric matrix. */
    private Selected select(String spec) {
        Matcher pm = PROJECTION.matcher(spec);
        String name = pm.matches() ? pm.group(1) : spec;
        Frame f = datasets.get(name);
        if (f == null) {
            throw fail("AttributeError(\"'NoneType' object has no attribute 'kind_meta'\")");
        }
        List<String> cols = new ArrayList<>(f.columns);
        if (pm.matches()) {
            String p = pm.group(2).trim();
            if (p.startsWith("^")) {
                cols.removeAll(List.of(p.substring(1).split(",")));
            } else if (!p.contains(":")) {
                cols = new ArrayList<>(List.of(p.split(",")));
            }
            for (String c : cols) {
                if (!f.values.containsKey(c)) {
                    throw fail("KeyError(\"['" + c + "'] not in index\")");
                }
            }
        }
        double[][] m = new double[f.rows()][cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            List<JsonNode> v = f.values.get(cols.get(j));
            for (int i = 0; i < f.rows(); i++) {
                m[i][j] = number(v.get(i));
            }
        }
        return new Selected(cols, m);
    }

    private double number(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            throw fail("ValueError(\"could not convert string to float: '" + v.asText() + "'\")");
        }
    }

    /** Columns by the feature names the model was fitted on, else by position. */
    private double[][] align(Selected s, ModelState m) {
        int p = m.features.size();
        int[] at = new int[p];
        boolean byName = s.columns.containsAll(m.features);
        if (!byName && s.columns.size() != p) {
            throw fail("ValueError('X has " + s.columns.size() + " features, but LinearRegression is expecting "
                    + p + " features as input.')");
        }
        for (int j = 0; j < p; j++) {
            at[j] = byName ? s.columns.indexOf(m.features.get(j)) : j;
        }
        double[][] x = new double[s.matrix.length][p];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = s.matrix[i][at[j]];
            }
        }
        return x;
    }

    /** Inline predict input: {@code {"columns": [...], "data": {col: [...]} | [records]}}. */
    private double[][] inline(JsonNode in, ModelState m) {
        JsonNode data = in.get("data");
        List<String> cols = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        if (data.isObject()) {
            data.fieldNames().forEachRemaining(cols::add);
            int n = cols.isEmpty() ? 0 : data.get(cols.get(0)).size();
            for (int i = 0; i < n; i++) {
                double[] row = new double[cols.size()];
                for (int j = 0; j < cols.size(); j++) {
                    JsonNode col = data.get(cols.get(j));
                    row[j] = number(col.isArray() ? col.path(i) : col.path(Integer.toString(i)));
                }
                rows.add(row);
            }
        } else if (data.isArray()) {
            if (data.size() > 0) {
                data.get(0).fieldNames().forEachRemaining(cols::add);
            }
            for (JsonNode rec : data) {
                double[] row = new double[cols.size()];
                for (int j = 0; j < cols.size(); j++) {
                    row[j] = number(rec.path(cols.get(j)));
                }
                rows.add(row);
            }
        } else {
            throw fail("ValueError('\"data\" must be an object of columns or a list of records')");
        }
        if (in.path("columns").isArray() && in.get("columns").size() > 0) {
            List<String> named = new ArrayList<>();
            in.get("columns").forEach(c -> named.add(c.asText()));
            if (named.size() == cols.size()) {
                cols = named;
            }
        }
        return align(new Selected(cols, rows.toArray(new double[0][])), m);
    }

    // ------------------------------------------------------------------------------------- tasks

    private AsyncTask submit(String kind, String name, Response outcome) {
        AsyncTask t = new AsyncTask();
        t.kind = kind;
        t.name = name;
        t.outcome = outcome;
        t.submitted = settings.clock().instant();
        tasks.put(t.id, t);
        return t;
    }

    private Response taskResult(Request r) throws Exception {
        String id = r.pathParams().get(0);
        boolean statusOnly = r.pathParams().get(1).equals("status");
        AsyncTask t = tasks.get(id);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("task_id", id);
        if (t == null) {
            body.put("status", "PENDING"); // celery reports unknown ids as pending
            body.putNull("response");
            return json(200, body);
        }
        int k;
        synchronized (t) {
            k = t.reads++;
        }
        boolean done = k >= settings.taskPolls()
                && !settings.clock().instant().isBefore(t.submitted.plus(settings.taskDelay()));
        boolean failed = t.outcome.status() >= 400;
        String status = !done ? (k == 0 ? "PENDING" : "STARTED") : failed ? "FAILURE" : "SUCCESS";
        body.put("status", status);
        if (statusOnly || failed && done) {
            body.putNull("response");
            return json(done && failed && !statusOnly ? 400 : 200, body);
        }
        if (done) {
            body.set("response", Json.mapper().readTree(t.outcome.body()));
        } else if (t.kind.equals("model")) {
            ObjectNode pending = body.putObject("response");
            pending.put("model", t.name);
            pending.putNull("result");
            pending.put("resource_uri", t.name);
        } else {
            body.putNull("response");
        }
        return json(200, body);
    }

    // ------------------------------------------------------------------------------ jobs, scripts

    private synchronized ObjectNode jobJson(String name) {
        List<ObjectNode> runs = jobRuns.computeIfAbsent(name, k -> new ArrayList<>());
        ObjectNode j = Json.mapper().createObjectNode();
        if (ce) {
            ObjectNode nb = j.putObject("content").put("nbformat_minor", 0).put("nbformat", 4);
            nb.putArray("cells");
            nb.putObject("metadata");
            j.putArray("job_runs");
            j.putObject("job_results");
            j.put("name", name + ".ipynb");
            j.put("created", now());
            return j;
        }
        j.putNull("resource_uri");
        j.put("job", name + ".ipynb");
        j.putNull("source_job");
        if (runs.isEmpty()) {
            j.putObject("job_results");
        } else {
            ArrayNode res = j.putArray("job_results");
            runs.forEach(run -> res.add(run.get("results").asText()));
        }
        ArrayNode jr = j.putArray("job_runs");
        runs.forEach(jr::add);
        j.put("created", now());
        return j;
    }

    private Response getJob(Request r) {
        return json(200, jobJson(r.pathParams().get(0)));
    }

    private synchronized Response listJobs(Request r) {
        if (!ce) {
            return error(400, "AttributeError(\"'GenericJobResource' object has no attribute 'list'\")", true);
        }
        List<ObjectNode> all = new ArrayList<>();
        for (String name : jobRuns.keySet()) {
            ObjectNode o = jobJson(name);
            o.remove("content");
            all.add(o);
        }
        return json(200, page(all, r, "/api/v1/job/"));
    }

    private Response runJob(Request r) {
        String name = r.pathParams().get(0);
        Instant at = settings.clock().instant();
        String result = "results/" + name + "_" + LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString().replace('T', ' ') + ".ipynb";
        ObjectNode run = Json.mapper().createObjectNode();
        run.put("status", "OK");
        run.put("ts", LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString());
        run.put("message", "...");
        run.put("results", result);
        synchronized (this) {
            jobRuns.computeIfAbsent(name, k -> new ArrayList<>()).add(run);
        }
        ObjectNode body;
        if (ce) {
            body = Json.mapper().createObjectNode();
            body.putObject("job_runs").put(Long.toString(at.getEpochSecond()), "OK");
            body.putArray("job_results").add(result);
            body.put("name", name + ".ipynb");
            body.put("created", now());
        } else {
            body = jobJson(name);
        }
        Response outcome = json(200, body);
        if (!async(r)) {
            return outcome;
        }
        AsyncTask t = submit("job", name, outcome);
        ObjectNode accepted = Json.mapper().createObjectNode();
        accepted.put("resource_uri", "/api/v1/job/" + name + "/run");
        accepted.put("job", name);
        for (String k : List.of("source_job", "job_results", "job_runs", "created")) {
            accepted.putNull(k);
        }
        return json(202, accepted).header("Location", "/api/v1/task/" + t.id + "/result");
    }

    private Response runScript(Request r) {
        String name = r.pathParams().get(0);
        Instant started = settings.clock().instant();
        ObjectNode body = Json.mapper().createObjectNode();
        body.putNull("resource_uri");
        body.put("script", name);
        ObjectNode result = body.putObject("result");
        result.set("data", r.json());
        result.put("method", "run");
        if (!r.query().isEmpty()) {
            ObjectNode kw = result.putObject("kwargs");
            r.query().forEach((k, v) -> kw.put(k, v.get(0)));
        }
        body.put("runtimes", Duration.between(started, settings.clock().instant()).toNanos() / 1e9);
        body.put("started", LocalDateTime.ofInstant(started, ZoneOffset.UTC).toString());
        body.put("ended", now());
        Response outcome = json(200, body);
        if (!async(r)) {
            return outcome;
        }
        AsyncTask t = submit("script", name, outcome);
        ObjectNode accepted = Json.mapper().createObjectNode();
        accepted.put("resource_uri", "/api/v1/script/" + name + "/run");
        accepted.put("script", name);
        accepted.put("result", "pending");
        accepted.putNull("runtimes");
        accepted.putNull("started");
        accepted.putNull("ended");
        return json(202, accepted).header("Location", "/api/v1/task/" + t.id + "/result");
    }

    private Response config(Request r) {
        if (!ce) {
            return Response.htmlNotFound();
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode data = body.putArray("objects").addObject().putObject("data");
        data.put("OMEGA_MONGO_URL", "mongodb://127.0.0.1:27017/omega");
        data.put("OMEGA_USERNAME", settings.username());
        data.putObject("OMEGA_CELERY_CONFIG").put("CELERY_ALWAYS_EAGER", false);
        return json(200, body);
    }
}
