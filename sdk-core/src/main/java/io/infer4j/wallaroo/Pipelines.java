package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.internal.WallarooApi.body;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.task.TaskHandle;
import io.infer4j.task.TaskState;
import io.infer4j.task.TaskStatus;
import io.infer4j.wallaroo.internal.Immutable;
import io.infer4j.wallaroo.internal.Shapes;
import io.infer4j.wallaroo.internal.WallarooApi;
import io.infer4j.wallaroo.model.Deployment;
import io.infer4j.wallaroo.model.DeploymentStatus;
import io.infer4j.wallaroo.model.EngineStatus;
import io.infer4j.wallaroo.model.ModelRef;
import io.infer4j.wallaroo.model.PipelineCreated;
import io.infer4j.wallaroo.model.PipelineInfo;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.internal.Operation;
import io.infer4j.table.Table;
import io.infer4j.table.internal.TableFormats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pipelines and deployments: list, create, deploy, undeploy, deployment status and waiting for
 * it, versions, inference logs, and inference ({@code infer}, {@code inferAsync},
 * {@code parallelInfer}). Thread-safe; get it from {@link WallarooClient#pipelines()}.
 */
public final class Pipelines {
    private final WallarooApi api;
    private final ExternalUrls urls;
    private final RequestOptions defaultRequestOptions;

    Pipelines(WallarooApi api, ExternalUrls urls, Duration inferenceTimeout) {
        this.api = api;
        this.urls = urls;
        this.defaultRequestOptions = RequestOptions.builder().attemptTimeout(inferenceTimeout).build();
    }

    /** Every pipeline the caller can see ({@code pipelines/list_pipelines}). */
    public List<PipelineInfo> list() {
        return api.call("pipelines.list_pipelines", "pipelines/list_pipelines", Map.of(), true, PipelineList.class)
                .pipelines();
    }

    /** The pipelines of one workspace. */
    public List<PipelineInfo> list(long workspaceId) {
        return api.call("pipelines.list_pipelines", "pipelines/list_pipelines", body("workspace_id", workspaceId),
                true, PipelineList.class).pipelines();
    }

    /** The versions of a pipeline ({@code pipelines/list_pipeline_versions}). */
    public List<PipelineInfo> versions(long workspaceId, String pipelineName) {
        Workspaces.requireText(pipelineName, "pipelineName");
        return api.call("pipelines.list_pipeline_versions", "pipelines/list_pipeline_versions",
                body("pipeline_id", pipelineName, "workspace_id", workspaceId), true, VersionList.class).versions();
    }

    /**
     * Creates an empty pipeline, or a new version of an existing one with that name. Names may use
     * ASCII letters, digits and {@code -}.
     */
    public PipelineCreated create(long workspaceId, String name) {
        return create(workspaceId, name, Map.of());
    }

    /** Creates a pipeline (or new version) whose single step runs these model versions. */
    public PipelineCreated create(long workspaceId, String name, List<ModelRef> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models must not be empty; use create(workspaceId, name) for an empty pipeline");
        }
        return create(workspaceId, name, Map.of("steps", List.of(Map.of("ModelInference", Map.of("models", models)))));
    }

    /** Creates a pipeline (or new version) with a raw definition such as {@code {"steps": [...]}}. */
    public PipelineCreated create(long workspaceId, String name, Object definition) {
        Workspaces.requireText(name, "name");
        Objects.requireNonNull(definition, "definition");
        return api.call("pipelines.create", "pipelines/create",
                body("pipeline_id", name, "workspace_id", workspaceId, "definition", definition), false,
                PipelineCreated.class);
    }

    /** Copies a pipeline under a new name ({@code pipelines/copy}, recorded 2022-2023, not in the 2025.2 spec). */
    public PipelineCreated copy(long workspaceId, long sourcePipelineId, String newName) {
        Workspaces.requireText(newName, "newName");
        return api.call("pipelines.copy", "pipelines/copy",
                body("name", newName, "workspace_id", workspaceId, "source_pipeline", sourcePipelineId), false,
                PipelineCreated.class);
    }

    /** Deploys a pipeline version; the deployment starts in the background (see {@link #waitUntilRunning}). */
    public Deployment deploy(DeployRequest request) {
        IdAnswer answer = api.call("pipelines.deploy", "pipelines/deploy", request.toBody(), false, IdAnswer.class);
        return new Deployment(request.deployId(), WallarooApi.required(answer.id(), "id", "pipelines.deploy"),
                request.pipelineId());
    }

    /** Undeploys; the server answers {@code null} or {@code {}}, both accepted. */
    public void undeploy(long pipelineId, long deploymentId) {
        api.call("pipelines.undeploy", "pipelines/undeploy",
                body("pipeline_id", pipelineId, "deployment_id", deploymentId), false, JsonNode.class);
    }

    /** Undeploys a deployment returned by {@link #deploy}. */
    public void undeploy(Deployment deployment) {
        undeploy(deployment.pipelineId(), deployment.id());
    }

    /**
     * The deployment's status ({@code status/get_deployment}).
     *
     * @param deploymentName {@code <pipeline name>-<deployment id>}, see {@link Deployment#name()}
     * @throws NotFoundException when nothing is deployed under that name
     */
    public DeploymentStatus status(String deploymentName) {
        Workspaces.requireText(deploymentName, "deploymentName");
        return api.call("status.get_deployment", "status/get_deployment", body("name", deploymentName), true,
                Shapes::deploymentStatus);
    }

    /** The status of a deployment returned by {@link #deploy}. */
    public DeploymentStatus status(Deployment deployment) {
        return status(deployment.name());
    }

    /**
     * A handle that polls the deployment's status: it succeeds with the status once it is
     * {@code Running}, fails ({@link io.infer4j.core.error.TaskFailedException}) on {@code Error},
     * and treats 404 (not visible yet) and any other status as still starting.
     */
    public TaskHandle<DeploymentStatus> deploymentHandle(Deployment deployment) {
        ClientOptions o = api.transport().options();
        return TaskHandle.<DeploymentStatus>builder(deployment.name(), () -> poll(deployment))
                .clock(o.clock()).sleeper(o.sleeper()).executor(api.transport().asyncExecutor())
                .pollInterval(Duration.ofMillis(500), Duration.ofSeconds(5)).build();
    }

    /**
     * Polls until the deployment is {@code Running} and returns that status.
     *
     * @throws io.infer4j.core.error.TaskFailedException  the deployment reported an error
     * @throws io.infer4j.core.error.WaitTimeoutException {@code timeout} passed first
     */
    public DeploymentStatus waitUntilRunning(Deployment deployment, Duration timeout) {
        return deploymentHandle(deployment).await(timeout);
    }

    // ---- inference ----------------------------------------------------------------------------

    /** Sends a table as pandas-records to the target and decodes the answer. */
    public InferenceResult infer(InferenceTarget target, Table table) {
        return infer(target, InferenceInput.table(table), InferOptions.DEFAULT);
    }

    /**
     * Sends a table in {@link InferOptions#format()} (pandas-records, or Arrow with
     * {@link InferenceFormat#ARROW}) and decodes the answer.
     */
    public InferenceResult infer(InferenceTarget target, Table table, InferOptions options) {
        return infer(target, InferenceInput.table(table), options);
    }

    /** Sends any input with default options. */
    public InferenceResult infer(InferenceTarget target, InferenceInput input) {
        return infer(target, input, InferOptions.DEFAULT);
    }

    /**
     * Sends {@code input} to the pipeline's inference URL and decodes a pandas-records, Arrow or
     * legacy InferenceResult answer (by its Content-Type; by its first bytes when that is missing
     * or {@code application/octet-stream}). Inference is not idempotent: only failures before the
     * request was sent, 429 and 503 ("resources not available" while a pipeline starts or scales
     * up) are retried, with backoff per the retry policy, unless
     * {@link InferOptions.Builder#idempotent} declares the call safe to repeat.
     *
     * <p>An Arrow request ({@link InferenceFormat#ARROW}, {@link InferenceInput#arrow(Table)}, raw
     * bytes of {@link InferenceInput#ARROW_FILE}) that the server refuses with 415, 406 or a 400
     * about Arrow fails with an {@link io.infer4j.core.error.UnsupportedByServerException} that
     * says to send pandas-records; it is not retried.
     *
     * @throws io.infer4j.core.error.ConfigurationException for Arrow without {@code io.infer4j:sdk-arrow}
     */
    public InferenceResult infer(InferenceTarget target, InferenceInput input, InferOptions options) {
        return api.transport().execute(inferOperation(target, input, options), requestOptions(options));
    }

    /** {@link #infer(InferenceTarget, InferenceInput, InferOptions)} on the client's executor; cancelling cancels the call. */
    public CompletableFuture<InferenceResult> inferAsync(InferenceTarget target, InferenceInput input, InferOptions options) {
        Operation<InferenceResult> op;
        try {
            op = inferOperation(target, input, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return api.transport().executeAsync(op, requestOptions(options));
    }

    /** {@code inferAsync} with default options. */
    public CompletableFuture<InferenceResult> inferAsync(InferenceTarget target, Table table) {
        return inferAsync(target, InferenceInput.table(table), InferOptions.DEFAULT);
    }

    /** {@code inferAsync} of a table in {@link InferOptions#format()}. */
    public CompletableFuture<InferenceResult> inferAsync(InferenceTarget target, Table table, InferOptions options) {
        return inferAsync(target, InferenceInput.table(table), options);
    }

    /**
     * Splits {@code table} into chunks by rows and encoded bytes, infers them with bounded
     * concurrency, and merges the answers in input order. A chunk that fails after the
     * transport's retries with a dropped connection, a cut-off answer, a client timeout or a 5xx
     * is sent again up to {@link ParallelInferOptions#retries()} times (default once), with backoff
     * and within the call timeout. A chunk that still fails becomes a
     * {@link ParallelInferResult.ChunkFailure} naming its rows and exception; the other chunks are
     * unaffected. Every chunk is encoded in the {@link InferOptions#format()} of
     * {@link ParallelInferOptions#inferOptions()} (with {@link InferenceFormat#ARROW}, an Arrow IPC
     * file per chunk, its size counted against {@code maxBatchBytes}).
     */
    public ParallelInferResult parallelInfer(InferenceTarget target, Table table, ParallelInferOptions options) {
        InferenceTarget resolved = InferenceTarget.url(target.resolve(urls));
        RequestOptions ro = requestOptions(options.inferOptions());
        RequestOptions effective = api.transport().defaults().withOverrides(ro);
        ClientOptions client = api.transport().options();
        ParallelInference.Resend resend = new ParallelInference.Resend(options.retries(),
                effective.retryPolicy().orElse(client.retryPolicy()), effective.applyTo(client.timeouts()).call(),
                client.clock(), client.sleeper());
        String chunkType = options.inferOptions().format().mediaType();
        return ParallelInference.run(table, options, api.transport().asyncExecutor(), resend,
                (chunk, remaining) -> api.transport().execute(inferOperation(resolved, InferenceInput.encoded(chunk,
                        chunkType), options.inferOptions()), ro.toBuilder().callTimeout(remaining).build()));
    }

    /** {@code parallelInfer} with the default options. */
    public ParallelInferResult parallelInfer(InferenceTarget target, Table table) {
        return parallelInfer(target, table, ParallelInferOptions.DEFAULT);
    }

    private Operation<InferenceResult> inferOperation(InferenceTarget target, InferenceInput input, InferOptions options) {
        HttpUrl base = target.httpUrl(urls);
        HttpUrl url = base;
        if (!options.dataset().isEmpty() || !options.exclude().isEmpty() || options.separator() != null) {
            HttpUrl.Builder b = base.newBuilder();
            options.dataset().forEach(d -> b.addQueryParameter("dataset[]", d));
            options.exclude().forEach(d -> b.addQueryParameter("dataset.exclude[]", d));
            if (options.separator() != null) {
                b.addQueryParameter("dataset.separator", options.separator());
            }
            url = b.build();
        }
        InferenceInput sent = input.in(options.format());
        byte[] body = sent.encode();
        Operation.Builder<InferenceResult> op = Operation.builder("pipelines.infer", "POST", url,
                        response -> InferenceCodec.decode(response.body() == null ? new byte[0] : response.body().bytes(),
                                response.header("Content-Type")))
                .idempotent(options.idempotent());
        if (sent.isArrow()) {
            // Binary: sent as a plain (replayable) body, so TRACE logging does not print it as text.
            op.body(RequestBody.create(body, sent.mediaType()));
            // Raw Arrow bytes without sdk-arrow: the client could not read an Arrow answer, so ask for JSON.
            boolean readsArrow = TableFormats.installed().find(InferenceInput.ARROW_FILE).isPresent();
            op.header("Accept", readsArrow ? InferenceInput.ARROW_FILE : InferenceInput.PANDAS_RECORDS + ", application/json")
                    .header(ArrowFallback.FORMAT_HEADER, ArrowFallback.FORMAT_ARROW)
                    .errorMapper(ArrowFallback.mapper("inference", "send pandas-records instead: "
                            + "InferOptions.builder().format(InferenceFormat.PANDAS_RECORDS), or InferenceInput.table(table)"));
        } else {
            op.body(body, sent.mediaType());
            boolean json = sent.contentType().startsWith("application/json");
            op.header("Accept", json ? sent.contentType() + ", application/json" : "application/json");
        }
        return op.build();
    }

    /**
     * The call's options over the client's inference timeout. The transport puts a view's options
     * ({@code withOptions}) between the two, so the inference timeout applies only when neither the
     * view nor the call set an attempt timeout.
     */
    private RequestOptions requestOptions(InferOptions options) {
        RequestOptions base = api.transport().defaults().attemptTimeout().isPresent()
                ? RequestOptions.NONE : defaultRequestOptions;
        RequestOptions ro = options.requestOptions();
        return ro == null ? base : base.withOverrides(ro);
    }

    // ---- logs -------------------------------------------------------------------------------

    /**
     * A pipeline's inference logs, newest first, as lazily fetched pages of {@code pageSize}
     * records: each {@code next()} posts {@code pipelines/get_logs} with the previous page's
     * {@code x-iteration-cursor}. Iteration ends when the server sends no cursor or an empty page.
     * Pages are asked for as pandas-records.
     */
    public Iterable<LogPage> logs(long workspaceId, String pipelineName, int pageSize) {
        return logs(workspaceId, pipelineName, pageSize, InferenceFormat.PANDAS_RECORDS);
    }

    /**
     * {@link #logs(long, String, int)} with pages asked for in {@code format}: with
     * {@link InferenceFormat#ARROW} each page is an Arrow IPC file ({@code Accept:
     * application/vnd.apache.arrow.file}), decoded into the same {@link LogPage#records()} columns
     * as pandas-records. A server that refuses Arrow logs (415, 406, a 400 about Arrow) fails the
     * page with an {@link io.infer4j.core.error.UnsupportedByServerException}.
     *
     * @throws io.infer4j.core.error.ConfigurationException at once for Arrow without {@code io.infer4j:sdk-arrow}
     */
    public Iterable<LogPage> logs(long workspaceId, String pipelineName, int pageSize, InferenceFormat format) {
        Workspaces.requireText(pipelineName, "pipelineName");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1, was " + pageSize);
        }
        Objects.requireNonNull(format, "format");
        if (format == InferenceFormat.ARROW) {
            TableFormats.installed().require(InferenceInput.ARROW_FILE);
        }
        return () -> new Iterator<>() {
            private LogPage next;
            private String cursor;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = fetch(workspaceId, pipelineName, pageSize, cursor, format);
                    cursor = next.cursor();
                    done = cursor == null || next.records().rowCount() == 0;
                    if (next.records().rowCount() == 0) {
                        next = null;
                    }
                }
                return next != null;
            }

            @Override
            public LogPage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more log pages");
                }
                LogPage p = next;
                next = null;
                return p;
            }
        };
    }

    private LogPage fetch(long workspaceId, String pipelineName, int pageSize, String cursor, InferenceFormat format) {
        Operation.Builder<LogPage> op = api.post("pipelines.get_logs", "pipelines/get_logs",
                        body("pipeline_name", pipelineName, "workspace_id", workspaceId, "order", "desc",
                                "page_size", pageSize, "cursor", cursor),
                        response -> {
                            byte[] b = response.body() == null ? new byte[0] : response.body().bytes();
                            String type = response.header("Content-Type");
                            Table t;
                            if (b.length == 0) {
                                t = Table.empty(0);
                            } else if (InferenceCodec.isArrow(b, type)) {
                                t = InferenceCodec.logRecords(b, type);
                            } else {
                                t = "null".equals(new String(b, StandardCharsets.UTF_8).trim())
                                        ? Table.empty(0) : InferenceCodec.logRecords(b, type);
                            }
                            String next = response.header("x-iteration-cursor");
                            return new LogPage(t, next == null || next.isBlank() ? null : next,
                                    response.header("x-iteration-status"));
                        })
                .idempotent(true);
        if (format == InferenceFormat.ARROW) {
            op.header("Accept", InferenceInput.ARROW_FILE)
                    .errorMapper(ArrowFallback.mapper("inference logs", "ask for pandas-records instead: "
                            + "logs(workspaceId, pipelineName, pageSize, InferenceFormat.PANDAS_RECORDS)"));
        } else {
            op.header("Accept", InferenceInput.PANDAS_RECORDS + ", application/json");
        }
        return api.transport().execute(op.build());
    }

    private TaskState<DeploymentStatus> poll(Deployment deployment) {
        DeploymentStatus s;
        try {
            s = status(deployment);
        } catch (NotFoundException e) {
            return TaskState.of(new TaskStatus("NotFound", TaskStatus.Phase.PENDING));
        }
        String word = s.status() == null ? "unknown" : s.status();
        if (s.isRunning()) {
            return new TaskState<>(new TaskStatus(word, TaskStatus.Phase.SUCCEEDED), s, 200, null);
        }
        if (s.isFailed()) {
            return new TaskState<>(new TaskStatus(word, TaskStatus.Phase.FAILED), null, 200, describe(s));
        }
        return TaskState.of(new TaskStatus(word, TaskStatus.Phase.RUNNING));
    }

    private static String describe(DeploymentStatus s) {
        List<String> parts = new ArrayList<>(s.details());
        for (EngineStatus e : s.engines()) {
            if (e.reason() != null) {
                parts.add(e.name() + ": " + e.reason());
            }
            e.details().forEach(d -> parts.add(e.name() + ": " + d));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private record PipelineList(List<PipelineInfo> pipelines) {
        PipelineList {
            pipelines = Immutable.list(pipelines);
        }
    }

    private record VersionList(@JsonProperty("pipeline_versions") List<PipelineInfo> versions) {
        VersionList {
            versions = Immutable.list(versions);
        }
    }

    private record IdAnswer(@JsonProperty("id") Long id) {
    }

}
