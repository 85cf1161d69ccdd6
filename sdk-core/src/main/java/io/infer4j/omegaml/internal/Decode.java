package io.infer4j.omegaml.internal;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.internal.Json;
import io.infer4j.omegaml.model.DatasetInfo;
import io.infer4j.omegaml.model.JobExport;
import io.infer4j.omegaml.model.JobInfo;
import io.infer4j.omegaml.model.JobRun;
import io.infer4j.omegaml.model.ModelInfo;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.omegaml.model.Page;
import io.infer4j.omegaml.model.ScriptResult;
import io.infer4j.table.Table;
import io.infer4j.table.codec.OmegaDataset;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.ReadOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Function;

/** Maps the JSON of both editions to the typed values in {@code io.infer4j.omegaml.model}. */
public final class Decode {
    /** Writes NaN/Infinity as the bare tokens the codecs read (Jackson's default would turn them into strings). */
    private static final ObjectWriter TOKENS = Json.mapper().writer().without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);

    private Decode() {
    }

    /**
     * A tabular model result as a Table, read the way {@code pd.DataFrame(result)} reads it: a
     * dataset envelope ({@code data} plus {@code index} or {@code dtypes}), a dict of columns
     * ({@code {col: [..]}} or {@code {col: {row: v}}}), a list of records, a list of rows (columns
     * {@code "0"}, {@code "1"}, ...) or a flat list (one column {@code "0"}).
     */
    public static Table table(JsonNode result) {
        try {
            if (result.isObject()) {
                if (result.has("data") && (result.has("index") || result.has("dtypes"))) {
                    return OmegaDataset.read(TOKENS.writeValueAsBytes(result), ReadOptions.defaults().keepNested()).table();
                }
                boolean columns = result.size() > 0;
                for (JsonNode v : result) {
                    columns &= v.isArray() || v.isObject();
                }
                if (!columns) {
                    throw notTabular("an object whose values are not all columns (arrays or objects)");
                }
                return envelope(result);
            }
            if (!result.isArray()) {
                throw notTabular(result.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            if (result.isEmpty()) {
                return Table.empty(0);
            }
            JsonNode first = result.get(0);
            if (first.isObject()) {
                return PandasRecords.read(TOKENS.writeValueAsBytes(result), ReadOptions.defaults().keepNested());
            }
            ObjectNode byColumn = Json.mapper().createObjectNode();
            if (!first.isArray()) {
                byColumn.set("0", result);
                return envelope(byColumn);
            }
            for (int c = 0; c < first.size(); c++) {
                byColumn.putArray(Integer.toString(c));
            }
            for (int r = 0; r < result.size(); r++) {
                JsonNode row = result.get(r);
                if (!row.isArray() || row.size() != first.size()) {
                    throw notTabular("a list of rows whose row " + r + " is not an array of " + first.size() + " values");
                }
                for (int c = 0; c < row.size(); c++) {
                    ((ArrayNode) byColumn.get(Integer.toString(c))).add(row.get(c));
                }
            }
            return envelope(byColumn);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DecodeException("Cannot decode model result as a table: " + e.getOriginalMessage());
        }
    }

    /** Columns in a dataset envelope without orient, so the codec tells dict from list by the shape. */
    private static Table envelope(JsonNode columns) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode env = Json.mapper().createObjectNode();
        env.set("data", columns);
        return OmegaDataset.read(TOKENS.writeValueAsBytes(env), ReadOptions.defaults().keepNested()).table();
    }

    private static DecodeException notTabular(String what) {
        return new DecodeException("Cannot decode model result as a table: it is " + what);
    }

    /**
     * Model metadata: open-source {@code {"model": name, "result": {...}}} or commercial create
     * {@code {"model": {...}}}. Returns {@code null} when the server reported no model (the
     * open-source server answers an unknown name with all fields null).
     */
    public static ModelInfo modelInfo(JsonNode body) {
        Trees.requireObject(body, "model metadata");
        JsonNode m = body.get("model");
        JsonNode meta = m != null && m.isObject() ? m : body.get("result");
        if (meta == null || !meta.isObject()) {
            return null;
        }
        String name = Trees.text(meta, "name");
        return new ModelInfo(name != null ? name : Trees.text(body, "model"), Trees.text(meta, "kind"),
                Trees.text(meta, "bucket"), Trees.text(meta, "created"), Trees.text(meta, "modified"));
    }

    /** A model action answer of either edition. */
    public static ModelResult modelResult(JsonNode body) {
        Trees.requireObject(body, "model result");
        return new ModelResult(Trees.text(body, "model"), Trees.field(body, "result"), Trees.text(body, "resource_uri"),
                Trees.text(body, "datax"), Trees.text(body, "datay"));
    }

    /** Job metadata, run answer or result notebook of either edition. */
    public static JobInfo jobInfo(JsonNode body) {
        Trees.requireObject(body, "job");
        List<JobRun> runs = new ArrayList<>();
        JsonNode r = body.get("job_runs");
        if (r != null && r.isArray()) {
            r.forEach(run -> runs.add(new JobRun(Trees.text(run, "status"), Trees.text(run, "ts"),
                    Trees.text(run, "message"), Trees.text(run, "results"))));
        } else if (r != null && r.isObject()) {
            // Commercial guide: {"<epoch seconds>": "OK"}.
            Iterator<Map.Entry<String, JsonNode>> it = r.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                runs.add(new JobRun(e.getValue().asText(), e.getKey(), null, null));
            }
        }
        return new JobInfo(Trees.firstText(body, "job", "name"), Trees.text(body, "source_job"),
                Trees.texts(body, "job_results"), runs, Trees.text(body, "created"), Trees.field(body, "content"),
                Trees.text(body, "resource_uri"));
    }

    /** A job export. */
    public static JobExport jobExport(JsonNode body) {
        Trees.requireObject(body, "job export");
        return new JobExport(Trees.text(body, "name"), Trees.text(body, "content"));
    }

    /** A script run answer; for async results the open-source server may send the raw script output. */
    public static ScriptResult scriptResult(JsonNode body) {
        Trees.requireObject(body, "script result");
        JsonNode rt = body.get("runtimes");
        return new ScriptResult(Trees.text(body, "script"), Trees.field(body, "result"),
                rt != null && rt.isNumber() ? rt.doubleValue() : null, Trees.text(body, "started"),
                Trees.text(body, "ended"), Trees.text(body, "resource_uri"));
    }

    /** A commercial dataset list entry: {@code {"data": {"kind", "name"}, "resource_uri"}}. */
    public static DatasetInfo datasetInfo(JsonNode item) {
        JsonNode data = item.get("data");
        return new DatasetInfo(Trees.text(data, "name"), Trees.text(data, "kind"), Trees.text(item, "resource_uri"));
    }

    /** A tastypie list page. */
    public static <T> Page<T> page(JsonNode body, Function<JsonNode, T> item, String what) {
        Trees.requireObject(body, what);
        JsonNode meta = body.get("meta");
        JsonNode objects = body.get("objects");
        List<T> items = new ArrayList<>();
        if (objects != null && objects.isArray()) {
            objects.forEach(o -> items.add(item.apply(o)));
        } else if (objects != null && !objects.isNull()) {
            throw new io.infer4j.core.error.DecodeException("Cannot decode " + what + ": objects is not an array");
        }
        int limit = meta != null && meta.has("limit") ? meta.get("limit").asInt() : items.size();
        int offset = meta != null && meta.has("offset") ? meta.get("offset").asInt() : 0;
        long total = meta != null && meta.has("total_count") ? meta.get("total_count").asLong() : items.size();
        return new Page<>(items, limit, offset, total, Trees.text(meta, "next"));
    }
}
