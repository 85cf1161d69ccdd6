package io.infer4j.omegaml.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.DecodeException;
import io.infer4j.omegaml.model.DatasetInfo;
import io.infer4j.omegaml.model.JobExport;
import io.infer4j.omegaml.model.JobInfo;
import io.infer4j.omegaml.model.JobRun;
import io.infer4j.omegaml.model.ModelInfo;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.omegaml.model.Page;
import io.infer4j.omegaml.model.ScriptResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Maps the JSON of both editions to the typed values in {@code io.infer4j.omegaml.model}. */
public final class Decode {
    private Decode() {
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
            throw new DecodeException("Cannot decode " + what + ": objects is not an array");
        }
        int limit = meta != null && meta.has("limit") ? meta.get("limit").asInt() : items.size();
        int offset = meta != null && meta.has("offset") ? meta.get("offset").asInt() : 0;
        long total = meta != null && meta.has("total_count") ? meta.get("total_count").asLong() : items.size();
        return new Page<>(items, limit, offset, total, Trees.text(meta, "next"));
    }
}
