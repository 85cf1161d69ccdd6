package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.internal.WallarooApi.body;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.internal.Bodies;
import io.infer4j.core.internal.Decoders;
import io.infer4j.core.internal.Operation;
import io.infer4j.task.TaskHandle;
import io.infer4j.task.TaskState;
import io.infer4j.wallaroo.internal.Multipart;
import io.infer4j.wallaroo.internal.WallarooApi;
import io.infer4j.wallaroo.model.Orchestration;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.RequestBody;

/**
 * ML Workload Orchestrations: upload a zip ({@code main.py} + optional {@code requirements.txt}),
 * wait for packaging, get, list. Run them with {@link Tasks}. Thread-safe; get it from
 * {@link WallarooClient#orchestrations()}.
 */
public final class Orchestrations {
    private static final TypeReference<List<Orchestration>> LIST = new TypeReference<>() { };

    private final WallarooApi api;

    Orchestrations(WallarooApi api) {
        this.api = api;
    }

    /**
     * Uploads an orchestration zip from disk ({@code orchestration/upload}, answered 202) and
     * returns a handle that waits until it is packaged ({@code ready}) or failed ({@code error}).
     *
     * @param name optional name, may be null
     */
    public TaskHandle<Orchestration> upload(long workspaceId, String name, Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("orchestration file " + zip + " does not exist or is not a regular file");
        }
        return upload(workspaceId, name, zip.getFileName().toString(), Bodies.file(zip, Multipart.OCTET));
    }

    /**
     * Uploads an orchestration zip read once from {@code in}: sent at most once, and where it would
     * have to be sent again (503, dropped connection, 401 with a refreshed token, 307/308) this
     * fails with {@link io.infer4j.core.error.BodyNotReplayableException}.
     */
    public TaskHandle<Orchestration> upload(long workspaceId, String name, InputStream in, String fileName) {
        Workspaces.requireText(fileName, "fileName");
        return upload(workspaceId, name, fileName, Bodies.stream(Objects.requireNonNull(in, "in"), Multipart.OCTET));
    }

    /** Uploads an orchestration zip from a new stream of {@code zip} per attempt, so it is re-sent like a file. */
    public TaskHandle<Orchestration> upload(long workspaceId, String name, Supplier<? extends InputStream> zip,
                                            String fileName) {
        Workspaces.requireText(fileName, "fileName");
        return upload(workspaceId, name, fileName, Bodies.streams(Objects.requireNonNull(zip, "zip"), Multipart.OCTET));
    }

    private TaskHandle<Orchestration> upload(long workspaceId, String name, String fileName, RequestBody file) {
        Operation<IdAnswer> op = Operation.builder("orchestration.upload", "POST", api.url("orchestration/upload"),
                        Decoders.json(IdAnswer.class, "orchestration.upload response"))
                .body(Multipart.upload(body("workspace_id", workspaceId, "name", name), fileName, file))
                .idempotent(false).build();
        String id = WallarooApi.required(api.transport().execute(op).id(), "id", "orchestration.upload");
        return handle(id);
    }

    /** One orchestration ({@code orchestration/get_by_id}). */
    public Orchestration get(String orchestrationId) {
        Workspaces.requireText(orchestrationId, "orchestrationId");
        return api.call("orchestration.get_by_id", "orchestration/get_by_id", body("id", orchestrationId), true,
                Orchestration.class);
    }

    /** The orchestrations of a workspace. */
    public List<Orchestration> list(long workspaceId) {
        return api.call("orchestration.list", "orchestration/list", body("workspace_id", workspaceId), true, LIST);
    }

    /** A handle that waits for orchestration {@code id} to be packaged; resumes after a restart. */
    public TaskHandle<Orchestration> handle(String orchestrationId) {
        Workspaces.requireText(orchestrationId, "orchestrationId");
        ClientOptions o = api.transport().options();
        return TaskHandle.<Orchestration>builder(orchestrationId, () -> {
            Orchestration orch = get(orchestrationId);
            return new TaskState<>(orch.taskStatus(), orch, 200, null);
        }).clock(o.clock()).sleeper(o.sleeper()).executor(api.transport().asyncExecutor())
                .pollInterval(Duration.ofSeconds(1), Duration.ofSeconds(10)).build();
    }

    private record IdAnswer(@JsonProperty("id") String id) {
    }
}
