package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.internal.WallarooApi.body;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.core.internal.Decoders;
import io.infer4j.core.internal.Operation;
import io.infer4j.task.TaskHandle;
import io.infer4j.task.TaskState;
import io.infer4j.task.TaskStatus;
import io.infer4j.wallaroo.internal.Multipart;
import io.infer4j.wallaroo.internal.Shapes;
import io.infer4j.wallaroo.internal.WallarooApi;
import io.infer4j.wallaroo.model.Model;
import io.infer4j.wallaroo.model.ModelConfig;
import io.infer4j.wallaroo.model.ModelVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Models and model versions: list (every recorded response shape), get, versions, config, and
 * upload with a waiter for conversion. Thread-safe; get it from {@link WallarooClient#models()}.
 */
public final class Models {
    /** Endpoint names seen for reading one version: tutorials use the first, the 2025.2 spec the second. */
    private static final List<String> VERSION_ENDPOINTS = List.of("get_version_by_id", "get_model_version_by_id");

    private final WallarooApi api;
    private final AtomicReference<String> versionEndpoint = new AtomicReference<>();

    Models(WallarooApi api) {
        this.api = api;
    }

    /** The models of a workspace, each with the versions the server lists alongside (2025 shape). */
    public List<Model> list(long workspaceId) {
        return api.call("models.list", "models/list", body("workspace_id", workspaceId), true, Shapes::modelList);
    }

    /** One model by id ({@code models/get_by_id}), with its config if it has one. */
    public Model get(long modelId) {
        return api.call("models.get_by_id", "models/get_by_id", body("id", modelId), true, Shapes::model);
    }

    /**
     * The versions of a model ({@code models/list_versions}).
     *
     * @param modelName the model's name ({@code model_id} on the wire)
     * @param modelId   the model's id ({@code models_pk_id})
     */
    public List<ModelVersion> versions(String modelName, long modelId) {
        Workspaces.requireText(modelName, "modelName");
        return api.call("models.list_versions", "models/list_versions",
                body("model_id", modelName, "models_pk_id", modelId), true, Models::versionList);
    }

    /**
     * One model version with its config and status. Tries {@code get_version_by_id}, falls back to
     * {@code get_model_version_by_id} on 404, and remembers which one this server answers.
     */
    public ModelVersion version(long versionId) {
        String known = versionEndpoint.get();
        if (known != null) {
            return version(known, versionId);
        }
        NotFoundException first = null;
        for (String endpoint : VERSION_ENDPOINTS) {
            try {
                ModelVersion v = version(endpoint, versionId);
                versionEndpoint.compareAndSet(null, endpoint);
                return v;
            } catch (NotFoundException e) {
                if (first != null) {
                    e.addSuppressed(first);
                    throw e;
                }
                first = e;
            }
        }
        throw first;
    }

    private ModelVersion version(String endpoint, long versionId) {
        return api.call("models." + endpoint, "models/" + endpoint, body("model_version_id", versionId), true,
                Shapes::modelVersion);
    }

    /**
     * A model version's config ({@code models/get_config_by_id}); empty when the server says
     * {@code null}. The endpoint's {@code model_id} is a model <em>version</em> id, as the tutorials
     * call it: given a model's id it answers with the config of whichever version has that id, or
     * 400.
     */
    public Optional<ModelConfig> config(ModelVersion version) {
        return configByVersionId(version.id());
    }

    /** {@link #config(ModelVersion)} by the version's id ({@link ModelVersion#id()}, not a model id). */
    public Optional<ModelConfig> configByVersionId(long modelVersionId) {
        return api.call("models.get_config_by_id", "models/get_config_by_id", body("model_id", modelVersionId), true,
                root -> Optional.ofNullable(Shapes.config(root.get("model_config"))));
    }

    /**
     * Sets the input column names a version's model reads ({@code models/insert_model_config}),
     * e.g. {@code ["tensor"]} so a pandas-records column named {@code tensor} feeds the model.
     */
    public ModelConfig setTensorFields(long versionId, List<String> tensorFields) {
        return api.call("models.insert_model_config", "models/insert_model_config",
                body("model_version_id", versionId, "tensor_fields", List.copyOf(tensorFields)), false,
                root -> WallarooApi.required(Shapes.config(root.get("model_config")), "model_config",
                        "models.insert_model_config"));
    }

    /**
     * Uploads a model file ({@code models/upload_and_convert}, multipart, answered 202) and returns
     * a handle on its conversion: {@code await} polls the version until {@code ready} (returns the
     * version, with {@link ModelVersion#modelId()} looked up in {@code models/list}) or
     * {@code error} ({@link io.infer4j.core.error.TaskFailedException} carrying the server's
     * {@code error_summary}).
     */
    public TaskHandle<ModelVersion> upload(ModelUpload upload) {
        Operation<JsonNode> op = Operation.builder("models.upload_and_convert", "POST",
                        api.url("models/upload_and_convert"), Decoders.tree("models.upload_and_convert response"))
                .body(Multipart.upload(upload.metadata(), upload.fileName(), upload.file()))
                .idempotent(false).build();
        JsonNode answer = api.transport().execute(op);
        JsonNode id = answer.path("insert_models").path("returning").path(0).path("models").path(0).path("id");
        if (!id.canConvertToLong()) {
            throw new DecodeException("Cannot decode models.upload_and_convert response: no model version id at "
                    + "insert_models.returning[0].models[0].id", "insert_models.returning[0].models[0].id", -1, null);
        }
        return versionHandle(id.asLong());
    }

    /** A handle on the conversion of an uploaded version, to resume waiting after a restart. */
    public TaskHandle<ModelVersion> versionHandle(long versionId) {
        ClientOptions o = api.transport().options();
        return TaskHandle.<ModelVersion>builder(Long.toString(versionId), () -> pollVersion(versionId))
                .clock(o.clock()).sleeper(o.sleeper()).executor(api.transport().asyncExecutor())
                .pollInterval(Duration.ofMillis(500), Duration.ofSeconds(10)).build();
    }

    private TaskState<ModelVersion> pollVersion(long versionId) {
        ModelVersion v = version(versionId);
        var status = v.taskStatus();
        if (status.phase() == TaskStatus.Phase.SUCCEEDED) {
            v = withModelId(v);
        }
        return new TaskState<>(status, v, 200, v.errorSummary());
    }

    /**
     * The version with its model's id, which {@code get_version_by_id} does not send: the model in
     * the version's workspace that lists this version, or (2023 lists carry no versions) the one
     * model of that name there, since an upload under an existing name adds a version to it.
     */
    private ModelVersion withModelId(ModelVersion v) {
        if (v.modelId() != null || v.workspaceId() == null) {
            return v;
        }
        List<Model> models = list(v.workspaceId());
        for (Model m : models) {
            if (m.versions().stream().anyMatch(mv -> mv.id() == v.id())) {
                return v.withModelId(m.id());
            }
        }
        List<Model> named = models.stream().filter(m -> m.versions().isEmpty() && m.name() != null
                && m.name().equals(v.name())).toList();
        return named.size() == 1 ? v.withModelId(named.get(0).id()) : v;
    }

    private static List<ModelVersion> versionList(JsonNode root) {
        List<ModelVersion> out = new ArrayList<>();
        if (root.isNull()) {
            return out;
        }
        if (!root.isArray()) {
            throw new DecodeException("Cannot decode models.list_versions response: expected a JSON array");
        }
        root.forEach(n -> out.add(Shapes.modelVersion(n)));
        return List.copyOf(out);
    }

}
