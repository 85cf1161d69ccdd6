package io.infer4j.testkit.internal;

import static io.infer4j.testkit.internal.OmegaState.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testkit.internal.OmegaState.ModelState;
import io.infer4j.testkit.internal.Pandas.Frame;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * omega-ml's {@code /api/v1/model}: create, metadata, and the actions of a linear-regression
 * model (fit with real OLS, predict, score) on stored datasets or inline data, now or async.
 */
final class OmegaModels {
    private static final Set<String> ACTIONS = Set.of("predict", "predict_proba", "fit", "partial_fit", "score",
            "transform", "decision_function", "complete", "embed");
    /** A dataset with a column projection, {@code name[a,b]} or {@code name[^a]}. */
    private static final Pattern PROJECTION = Pattern.compile("(.+)\\[([^\\]]*)\\]");
    private static final DateTimeFormatter CE_CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final OmegaState state;

    OmegaModels(OmegaState state) {
        this.state = state;
    }

    Response createModel(Request r) {
        JsonNode b = r.json();
        String name = b.path("name").asText("");
        JsonNode pipeline = b.path("pipeline");
        if (name.isEmpty()) {
            return state.error(400, "ValueError('name is required')", false);
        }
        if (pipeline.isArray() && pipeline.size() > 0 && !"LinearRegression".equals(pipeline.path(0).path(0).asText())) {
            return state.error(400, "ValueError('the LocalPlatform only builds LinearRegression models, not "
                    + pipeline.path(0).path(0).asText() + "')", false);
        }
        ModelState m = new ModelState();
        m.name = name;
        m.created = state.now();
        m.modified = m.created;
        state.models.put(name, m);
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode mo = body.putObject("model");
        mo.put("bucket", "store");
        mo.put("created", CE_CREATED.format(LocalDateTime.now(state.settings.clock())));
        mo.put("kind", "sklearn.joblib");
        mo.put("name", name);
        return json(201, body);
    }

    /** {@code /api/v1/model/{name}/} is the metadata, {@code /api/v1/model/{name}/{action}} an action. */
    Response model(Request r) {
        boolean ce = state.ce;
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

    private Response metadata(String name) {
        ModelState m = state.models.get(name);
        ObjectNode body = Json.mapper().createObjectNode();
        if (state.ce) {
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

    private Response action(Request r, String name, String action) {
        Response outcome;
        try {
            outcome = json(200, runAction(r, name, action));
        } catch (HttpError e) {
            outcome = e.response();
        }
        if (!OmegaState.async(r)) {
            return outcome;
        }
        ObjectNode accepted = Json.mapper().createObjectNode();
        accepted.put("model", name);
        accepted.put("result", "pending");
        accepted.put("resource_uri", "/api/v1/model/" + name + "/" + action);
        return state.later("model", name, outcome, accepted);
    }

    private ObjectNode runAction(Request r, String name, String action) {
        boolean ce = state.ce;
        ModelState m = state.models.get(name);
        if (m == null) {
            throw state.fail("ValueError('model " + name + " does not exist')");
        }
        String datax = r.query("datax");
        String datay = r.query("datay");
        ObjectNode body = Json.mapper().createObjectNode();
        switch (action) {
            case "fit":
            case "partial_fit": {
                if (datax == null || datay == null) {
                    throw state.fail("ValueError('fit requires ?datax=dataset&datay=dataset')");
                }
                Selected x = select(datax);
                Selected y = select(datay);
                if (x.matrix.length != y.matrix.length) {
                    throw state.fail("ValueError('Found input variables with inconsistent numbers of samples: ["
                            + x.matrix.length + ", " + y.matrix.length + "]')");
                }
                double[] target = new double[y.matrix.length];
                for (int i = 0; i < target.length; i++) {
                    target[i] = y.matrix[i][0];
                }
                try {
                    m.fit = Ols.fit(x.matrix, target);
                } catch (IllegalArgumentException e) {
                    throw state.fail("LinAlgError('" + e.getMessage() + "')");
                }
                m.features = x.columns;
                m.modified = state.now();
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
                    throw state.fail("NotFittedError(\"This LinearRegression instance is not fitted yet. Call 'fit' with "
                            + "appropriate arguments before using this estimator.\")");
                }
                JsonNode in = r.json();
                double[][] x = in.has("data") && action.equals("predict") ? inline(in, m) : datax != null
                        ? align(select(datax), m) : null;
                if (x == null) {
                    throw state.fail("ValueError('require either \"data\" key in body, or ?datax=dataset')");
                }
                double[] yhat = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    yhat[i] = m.fit.predict(x[i]);
                }
                JsonNode result;
                if (action.equals("score")) {
                    if (datay == null) {
                        throw state.fail("ValueError('score requires ?datay=dataset')");
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
                throw state.fail("AttributeError(\"'LinearRegression' object has no attribute '" + action + "'\")");
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
        Frame f = state.datasets.get(name);
        if (f == null) {
            throw state.fail("AttributeError(\"'NoneType' object has no attribute 'kind_meta'\")");
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
                    throw state.fail("KeyError(\"['" + c + "'] not in index\")");
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
            throw state.fail("ValueError(\"could not convert string to float: '" + v.asText() + "'\")");
        }
    }

    /** Columns by the feature names the model was fitted on, else by position. */
    private double[][] align(Selected s, ModelState m) {
        int p = m.features.size();
        int[] at = new int[p];
        boolean byName = s.columns.containsAll(m.features);
        if (!byName && s.columns.size() != p) {
            throw state.fail("ValueError('X has " + s.columns.size() + " features, but LinearRegression is expecting "
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
            throw state.fail("ValueError('\"data\" must be an object of columns or a list of records')");
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
}
