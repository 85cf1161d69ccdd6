package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.table.internal.TableFormats;
import io.infer4j.table.spi.TableFormatProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A pipeline engine: reads pandas-records, an Arrow IPC file (through {@link ArrowBodies}) or
 * legacy tensor JSON, runs the built-in model that fits the input column, and answers
 * pandas-records (current or 2023 shape), an Arrow IPC file when {@code Accept} asks for one, or
 * the legacy InferenceResult, as the recordings under {@code contract/wallaroo/recorded/inference}
 * show.
 */
final class Engine {
    /** What the engine knows about the pipeline it serves. */
    record Target(String pipelineName, String modelName, String modelSha, String modelVersion,
                  String pipelineVersion, String partition, boolean legacy) {
    }

    private enum Model { FRAUD, ALOHA }

    private Engine() {
    }

    /**
     * Runs one inference request; {@code log} receives the pandas-records rows for get_logs, and
     * {@code formats} are the binary table formats this platform reads and writes.
     */
    static Response infer(Request r, Target t, long now, List<ObjectNode> log, TableFormats formats) {
        JsonNode body;
        if (ArrowBodies.isArrowBody(r)) {
            TableFormatProvider in = ArrowBodies.forBody(r, formats, t.legacy(), Family.INFERENCE);
            body = ArrowBodies.records(in, r.body(), Family.INFERENCE);
        } else {
            body = r.json();
        }
        long started = System.nanoTime();
        if (body.isArray()) {
            // Before the model runs: a request whose answer cannot be written is refused, not logged.
            TableFormatProvider out = ArrowBodies.forAnswer(r, formats, t.legacy(), Family.INFERENCE);
            List<ObjectNode> records = pandasRecords(body, t, now);
            long elapsed = System.nanoTime() - started;
            ArrayNode answer = Json.mapper().createArrayNode();
            for (ObjectNode rec : records) {
                if (!t.legacy()) {
                    ((ObjectNode) rec.get("metadata")).putArray("elapsed").add(elapsed / 10).add(elapsed);
                }
                log.add(rec);
                answer.add(select(rec, r));
            }
            if (out != null) {
                return ArrowBodies.answer(out, answer);
            }
            return Response.json(200, answer).header("Content-Type", "application/json; format=pandas-records");
        }
        if (body.isObject()) {
            return Response.json(200, inferenceResult((ObjectNode) body, t, now, System.nanoTime() - started, log));
        }
        throw error(400, "request body must be pandas-records (a JSON array) or tensor JSON (an object)");
    }

    private static HttpError error(int status, String message) {
        return new HttpError(Family.INFERENCE.error(status, message));
    }

    private static Model modelFor(String column) {
        switch (column) {
            case "tensor":
            case "dense_input":
                return Model.FRAUD;
            case "text_input":
                return Model.ALOHA;
            default:
                throw error(400, "no input named '" + column + "': the built-in models take 'tensor' / 'dense_input' "
                        + "(29 floats) or 'text_input' (50 numbers)");
        }
    }

    private static double[] vector(JsonNode value, Model model, int row) {
        int width = model == Model.FRAUD ? BuiltinModels.FRAUD_WIDTH : BuiltinModels.ALOHA_WIDTH;
        JsonNode v = value;
        if (v.isArray() && v.size() == 1 && v.get(0).isArray()) {
            v = v.get(0); // a [1, n] tensor per row
        }
        if (!v.isArray()) {
            throw error(400, "row " + row + ": tensor must be an array of " + width + " numbers");
        }
        if (v.size() != width) {
            throw error(400, "row " + row + ": tensor has " + v.size() + " values, the model expects " + width);
        }
        double[] x = new double[width];
        for (int i = 0; i < width; i++) {
            JsonNode e = v.get(i);
            if (e == null || e.isNull()) {
                throw error(400, "tensor values may not be null");
            }
            if (!e.isNumber()) {
                throw error(400, "row " + row + ": tensor value " + i + " is not a number");
            }
            x[i] = e.asDouble();
        }
        return x;
    }

    private static String onlyColumn(JsonNode row, int index) {
        if (!row.isObject() || row.size() != 1) {
            throw error(400, "row " + index + " must be an object with exactly one input column");
        }
        return row.fieldNames().next();
    }

    private static List<ObjectNode> pandasRecords(JsonNode rows, Target t, long now) {
        List<ObjectNode> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String column = onlyColumn(rows.get(i), i);
            Model model = modelFor(column);
            double[] x = vector(rows.get(i).get(column), model, i);
            ObjectNode rec = Json.mapper().createObjectNode();
            rec.put("time", now);
            ArrayNode in = rec.putObject("in").putArray(column);
            for (double d : x) {
                in.add(d);
            }
            ObjectNode o = rec.putObject("out");
            if (model == Model.FRAUD) {
                o.putArray("dense_1").add(BuiltinModels.fraud(x));
            } else {
                float[] y = BuiltinModels.aloha(x);
                for (int k = 0; k < y.length; k++) {
                    o.putArray(BuiltinModels.ALOHA_OUTPUTS.get(k)).add(y[k]);
                }
            }
            if (t.legacy()) {
                rec.putArray("check_failures");
            } else {
                rec.putObject("anomaly").put("count", 0);
            }
            ObjectNode meta = rec.putObject("metadata");
            meta.put("last_model", "{\"model_name\":\"" + t.modelName() + "\",\"model_sha\":\"" + t.modelSha() + "\"}");
            if (!t.legacy()) {
                meta.put("pipeline_version", t.pipelineVersion());
                meta.putArray("elapsed");
                meta.putArray("dropped");
                meta.put("partition", t.partition());
            }
            out.add(rec);
        }
        return out;
    }

    /** Applies {@code dataset[]}, {@code dataset.exclude[]} and {@code dataset.separator}. */
    private static ObjectNode select(ObjectNode rec, Request r) {
        List<String> wanted = new ArrayList<>(r.queryAll("dataset[]"));
        wanted.addAll(r.queryAll("dataset"));
        Set<String> keep = new LinkedHashSet<>();
        if (wanted.isEmpty()) {
            rec.fieldNames().forEachRemaining(keep::add);
        } else {
            for (String w : wanted) {
                for (String part : w.split(",")) {
                    if (part.equals("*")) {
                        keep.addAll(List.of("time", "in", "out", "anomaly", "check_failures"));
                    } else {
                        keep.add(part.trim());
                    }
                }
            }
        }
        List<String> excluded = new ArrayList<>(r.queryAll("dataset.exclude[]"));
        excluded.addAll(r.queryAll("dataset.exclude"));
        excluded.forEach(keep::remove);
        ObjectNode picked = Json.mapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = rec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (keep.contains(e.getKey())) {
                picked.set(e.getKey(), e.getValue());
            }
        }
        String sep = r.query("dataset.separator");
        if (sep == null || sep.isEmpty()) {
            return picked;
        }
        // Flattened records come back with their keys sorted, as recorded.
        TreeMap<String, JsonNode> flat = new TreeMap<>();
        picked.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                e.getValue().fields().forEachRemaining(s -> flat.put(e.getKey() + sep + s.getKey(), s.getValue()));
            } else {
                flat.put(e.getKey(), e.getValue());
            }
        });
        ObjectNode out = Json.mapper().createObjectNode();
        flat.forEach(out::set);
        return out;
    }

    private static ArrayNode inferenceResult(ObjectNode body, Target t, long now, long elapsed, List<ObjectNode> log) {
        if (body.size() != 1) {
            throw error(400, "tensor JSON must have exactly one input, e.g. {\"tensor\": [[...]]}");
        }
        String column = body.fieldNames().next();
        Model model = modelFor(column);
        JsonNode rows = body.get(column);
        if (!rows.isArray()) {
            throw error(400, "'" + column + "' must be a 2-D array (rows x features)");
        }
        int outputs = model == Model.FRAUD ? 1 : BuiltinModels.ALOHA_OUTPUTS.size();
        float[][] y = new float[outputs][rows.size()];
        ArrayNode pandasIn = Json.mapper().createArrayNode();
        for (int i = 0; i < rows.size(); i++) {
            double[] x = vector(rows.get(i), model, i);
            if (model == Model.FRAUD) {
                y[0][i] = BuiltinModels.fraud(x);
            } else {
                float[] a = BuiltinModels.aloha(x);
                for (int k = 0; k < outputs; k++) {
                    y[k][i] = a[k];
                }
            }
            pandasIn.addObject().set(column, rows.get(i));
        }
        log.addAll(pandasRecords(pandasIn, t, now));
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("model_name", t.modelName());
        result.put("model_version", t.modelVersion());
        result.put("pipeline_name", t.pipelineName());
        ArrayNode outs = result.putArray("outputs");
        for (int k = 0; k < outputs; k++) {
            ObjectNode tensor = outs.addObject().putObject("Float");
            tensor.put("v", 1);
            tensor.putArray("dim").add(rows.size()).add(1);
            ArrayNode data = tensor.putArray("data");
            for (float v : y[k]) {
                data.add(v);
            }
        }
        if (t.legacy()) {
            result.put("elapsed", elapsed);
        } else {
            result.putArray("elapsed").add(elapsed / 10).add(elapsed);
        }
        result.putNull("original_data");
        result.putArray("check_failures");
        result.putObject("shadow_data");
        result.put("time", now);
        ArrayNode out = Json.mapper().createArrayNode();
        out.add(result);
        return out;
    }
}
