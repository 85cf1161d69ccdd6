package io.infer4j.table.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.internal.Json;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.internal.Cells;
import io.infer4j.table.internal.Cells.CellWriter;
import io.infer4j.table.internal.Decoding;
import io.infer4j.table.internal.Decoding.Cursor;
import io.infer4j.table.internal.TensorReader;
import io.infer4j.table.codec.WriteOptions.Dates;
import io.infer4j.table.codec.WriteOptions.NonFinite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Codec for Wallaroo's legacy InferenceResult body: a JSON array of {@link InferenceResult}s
 * whose outputs are typed, flattened tensors with a {@code dim}. The tensor data is streamed into
 * primitive arrays. {@code Float} outputs are written back as Wallaroo writes them: the float32
 * value widened to double ({@code 0.001519581419415772}), which reads back to the same float.
 */
public final class InferenceResults {
    private static final String FORMAT = "Wallaroo InferenceResult";

    private InferenceResults() {
    }

    /** Reads the array of results. @throws io.infer4j.core.error.DecodeException naming the field and offset */
    public static List<InferenceResult> read(byte[] body) {
        return Decoding.decode(FORMAT, body, InferenceResults::parse);
    }

    /** Reads from a stream (not closed). */
    public static List<InferenceResult> read(InputStream in) {
        return Decoding.decode(FORMAT, in, InferenceResults::parse);
    }

    private static List<InferenceResult> parse(JsonParser p, Cursor at) throws IOException {
        List<InferenceResult> out = new ArrayList<>();
        if (p.currentToken() == JsonToken.START_OBJECT) {
            out.add(parseResult(p, at, 0)); // tolerate a single object
            return out;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new Cells.JsonParseFailure("expected an array of inference results but found " + p.currentToken());
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new Cells.JsonParseFailure("expected an inference result object but found " + t);
            }
            out.add(parseResult(p, at, out.size()));
        }
        return out;
    }

    private static InferenceResult parseResult(JsonParser p, Cursor at, int index) throws IOException {
        String modelName = null;
        String modelVersion = null;
        String pipelineName = null;
        List<OutputTensor> outputs = null;
        JsonNode elapsed = null;
        Long time = null;
        JsonNode checkFailures = null;
        Map<String, List<OutputTensor>> shadow = null;
        JsonNode original = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            at.column = "[" + index + "]." + field;
            JsonToken v = p.nextToken();
            switch (field) {
                case "model_name" -> modelName = text(p, v);
                case "model_version" -> modelVersion = text(p, v);
                case "pipeline_name" -> pipelineName = text(p, v);
                case "outputs" -> outputs = parseOutputs(p, v, at, at.column);
                case "elapsed" -> elapsed = Cells.readTree(p);
                case "time" -> time = v == JsonToken.VALUE_NULL ? null : p.getValueAsLong();
                case "check_failures" -> checkFailures = Cells.readTree(p);
                case "original_data" -> original = Cells.readTree(p);
                case "shadow_data" -> {
                    if (v == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (v != JsonToken.START_OBJECT) {
                        throw new Cells.JsonParseFailure("shadow_data must be an object");
                    }
                    shadow = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String model = p.currentName();
                        shadow.put(model, parseOutputs(p, p.nextToken(), at, at.column + "." + model));
                    }
                }
                default -> p.skipChildren(); // servers add fields; unknown ones are not kept
            }
        }
        at.column = null;
        if (outputs == null) {
            throw new Cells.JsonParseFailure("inference result [" + index + "] has no \"outputs\"");
        }
        return new InferenceResult(modelName, modelVersion, pipelineName, outputs, elapsed, time, checkFailures, shadow, original);
    }

    private static String text(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            throw new Cells.JsonParseFailure("expected a string but found " + v);
        }
        return p.getText();
    }

    private static List<OutputTensor> parseOutputs(JsonParser p, JsonToken v, Cursor at, String path) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new Cells.JsonParseFailure("expected an array of outputs but found " + v);
        }
        List<OutputTensor> outputs = new ArrayList<>();
        TensorReader unused = new TensorReader();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            at.column = path + "[" + outputs.size() + "]";
            if (p.nextToken() != JsonToken.FIELD_NAME) {
                throw new Cells.JsonParseFailure("empty output object");
            }
            String type = p.currentName();
            at.column += "." + type;
            var elementType = OutputTensor.elementTypeOf(type);
            if (elementType == null) {
                throw new Cells.JsonParseFailure("unknown output type '" + type + "'");
            }
            Cells.expect(p, JsonToken.START_OBJECT, "an output body {v, dim, data}");
            int ver = 1;
            int[] dim = null;
            Column data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case "v" -> ver = p.getValueAsInt();
                    case "dim" -> dim = Json.mapper().readValue(p, int[].class);
                    case "data" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw new Cells.JsonParseFailure("output data must be an array");
                        }
                        ColumnBuilder b = ColumnBuilder.of("data", elementType);
                        int i = 0;
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (t == JsonToken.VALUE_NULL) {
                                throw new Cells.JsonParseFailure("null at data[" + i + "]");
                            }
                            Cells.readCell(p, t, b, unused);
                            i++;
                        }
                        data = b.build();
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != JsonToken.END_OBJECT) {
                throw new Cells.JsonParseFailure("an output object must hold exactly one type key");
            }
            if (data == null || dim == null) {
                throw new Cells.JsonParseFailure("output without " + (data == null ? "data" : "dim"));
            }
            outputs.add(new OutputTensor(type, ver, dim, data));
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new Cells.JsonParseFailure("expected an output object but found " + p.currentToken());
        }
        return outputs;
    }

    // ------------------------------------------------------------------ writing

    /** Writes the results (the stream is flushed, not closed). Null fields are left out. */
    public static void write(List<InferenceResult> results, OutputStream out) {
        try (JsonGenerator g = Cells.generator(out)) {
            g.writeStartArray();
            for (InferenceResult r : results) {
                writeResult(g, r);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the results to bytes. */
    public static byte[] toBytes(List<InferenceResult> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(results, out);
        return out.toByteArray();
    }

    private static void writeResult(JsonGenerator g, InferenceResult r) throws IOException {
        g.writeStartObject();
        tree(g, "check_failures", r.checkFailures());
        tree(g, "elapsed", r.elapsed());
        if (r.modelName() != null) {
            g.writeStringField("model_name", r.modelName());
        }
        if (r.modelVersion() != null) {
            g.writeStringField("model_version", r.modelVersion());
        }
        tree(g, "original_data", r.originalData());
        if (r.outputs() != null) {
            g.writeFieldName("outputs");
            writeOutputs(g, r.outputs());
        }
        if (r.pipelineName() != null) {
            g.writeStringField("pipeline_name", r.pipelineName());
        }
        if (r.shadowData() != null) {
            g.writeObjectFieldStart("shadow_data");
            for (Map.Entry<String, List<OutputTensor>> e : r.shadowData().entrySet()) {
                g.writeFieldName(e.getKey());
                writeOutputs(g, e.getValue());
            }
            g.writeEndObject();
        }
        if (r.time() != null) {
            g.writeNumberField("time", r.time());
        }
        g.writeEndObject();
    }

    private static void tree(JsonGenerator g, String name, JsonNode n) throws IOException {
        if (n != null) {
            g.writeFieldName(name);
            Json.mapper().writeTree(g, n);
        }
    }

    private static final Cells.WriteStyle STYLE = new Cells.WriteStyle(NonFinite.NULL, Dates.ISO, true);

    private static void writeOutputs(JsonGenerator g, List<OutputTensor> outputs) throws IOException {
        g.writeStartArray();
        for (OutputTensor o : outputs) {
            g.writeStartObject();
            g.writeObjectFieldStart(o.type());
            g.writeFieldName("data");
            g.writeStartArray();
            CellWriter w = Cells.writer(o.data(), STYLE);
            for (int i = 0; i < o.data().size(); i++) {
                w.write(g, i);
            }
            g.writeEndArray();
            g.writeFieldName("dim");
            g.writeArray(o.dim(), 0, o.dim().length);
            g.writeNumberField("v", o.v());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
