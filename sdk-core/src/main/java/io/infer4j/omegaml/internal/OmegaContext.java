package io.infer4j.omegaml.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.HttpErrorDetails;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.core.error.ServiceException;
import io.infer4j.core.error.UnsupportedByServerException;
import io.infer4j.core.internal.Decoders;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.core.internal.Json;
import io.infer4j.core.internal.Operation;
import io.infer4j.core.internal.ResponseDecoder;
import io.infer4j.omegaml.Edition;
import io.infer4j.task.TaskHandle;
import io.infer4j.task.TaskState;
import io.infer4j.task.TaskStatus;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * What every omega-ml resource client shares: the transport, the base URL, the edition, URL
 * building, the async (202 + Location) protocol and task polling. Thread-safe and immutable.
 */
public final class OmegaContext {
    private static final Pattern TASK_LOCATION = Pattern.compile("/task/([^/?#]+)/");
    /** Task id given to handles of async requests the server answered synchronously. */
    public static final String SYNCHRONOUS = "synchronous";

    private final HttpTransport transport;
    private final HttpUrl base;
    private final Edition edition;
    private final GetWithBody getWithBody;

    /** Creates the context. */
    public OmegaContext(HttpTransport transport, HttpUrl base, Edition edition) {
        this(transport, base, edition, new GetWithBody(transport.options()));
    }

    private OmegaContext(HttpTransport transport, HttpUrl base, Edition edition, GetWithBody getWithBody) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.base = Objects.requireNonNull(base, "base");
        this.edition = Objects.requireNonNull(edition, "edition");
        this.getWithBody = getWithBody;
    }

    /** The same context over {@code view} (a client view's transport), sharing the GET-with-body client. */
    public OmegaContext withTransport(HttpTransport view) {
        return new OmegaContext(view, base, edition, getWithBody);
    }

    /** The transport. */
    public HttpTransport transport() {
        return transport;
    }

    /** The edition hint. */
    public Edition edition() {
        return edition;
    }

    /** Whether URLs get the commercial (tastypie) trailing slash. */
    public boolean commercial() {
        return edition == Edition.COMMERCIAL;
    }

    /** Starts {@code <base>/api/v1/<resource>}. */
    public Url api(String resource) {
        return new Url(base.newBuilder().addPathSegment("api").addPathSegment("v1").addPathSegment(resource));
    }

    /** Starts a URL from a path relative to the base, e.g. {@code /api/service/x/} (raw calls). */
    public HttpUrl resolve(String path, Map<String, String> query) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        String rel = path.startsWith("/") ? path.substring(1) : path;
        HttpUrl.Builder b = base.newBuilder();
        String basePath = base.encodedPath();
        b.encodedPath((basePath.endsWith("/") ? basePath : basePath + "/") + rel);
        query.forEach(b::addQueryParameter);
        return b.build();
    }

    /** Builds a resource URL segment by segment. */
    public final class Url {
        private final HttpUrl.Builder b;

        private Url(HttpUrl.Builder b) {
            this.b = b;
        }

        /**
         * Appends an object name. Names may contain {@code /} (omega-ml's path converter accepts
         * it), version and projection suffixes ({@code name@tag}, {@code name^}); every part is
         * percent-encoded. Empty, {@code .} and {@code ..} parts are refused.
         */
        public Url name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be null or blank");
            }
            for (String part : name.split("/", -1)) {
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    throw new IllegalArgumentException("name '" + name + "' has an empty, '.' or '..' path part");
                }
                b.addPathSegment(part);
            }
            return this;
        }

        /** Appends a fixed path segment. */
        public Url segment(String segment) {
            b.addPathSegment(segment);
            return this;
        }

        /** Adds a query parameter. */
        public Url query(String name, String value) {
            b.addQueryParameter(name, value);
            return this;
        }

        /** Adds query parameters in map order. */
        public Url query(Map<String, String> params) {
            params.forEach(b::addQueryParameter);
            return this;
        }

        /** Ends with {@code /} when {@code slash} is true or the edition is commercial. */
        public HttpUrl build(boolean slash) {
            if (slash || commercial()) {
                b.addPathSegment("");
            }
            return b.build();
        }
    }

    /** Runs one operation. */
    public <T> T execute(Operation<T> op) {
        return transport.execute(op, RequestOptions.NONE);
    }

    /**
     * The {@link NotFoundException} for a 400 with which the open-source server says that
     * {@code what} (e.g. {@code dataset 'x'}) does not exist. It keeps the server's status, body
     * and text, and has the 400 as its cause.
     */
    public static NotFoundException notFound(BadRequestException e, String what) {
        HttpErrorDetails d = e.details();
        NotFoundException nf = new NotFoundException(new HttpErrorDetails(d.status(), d.method(), d.url(), d.headers(),
                d.requestId(), d.code(), what + " does not exist (the server said: " + e.errorMessage().orElse(d.body()) + ")",
                d.source(), d.body()));
        nf.initCause(e);
        return nf;
    }

    /** What the server said in {@code e} (its message, else its body), in lower case for matching. */
    public static String said(BadRequestException e) {
        return e.errorMessage().orElse(e.body()).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A JSON operation. PUT and POST always carry a JSON body ({@code {}} when there is nothing
     * to send): the open-source server rejects them without one.
     */
    public <T> Operation.Builder<T> op(String name, String method, HttpUrl url, Object body, ResponseDecoder<T> decoder) {
        Operation.Builder<T> b = Operation.builder(name, method, url, decoder);
        if (method.equals("GET")) {
            if (body != null) {
                // OkHttp, like most HTTP stacks and proxies, cannot send a GET with a body.
                throw new IllegalArgumentException("a GET request cannot carry a body");
            }
        } else if (!method.equals("DELETE") || body != null) {
            b.jsonBody(body != null ? body : Map.of());
        }
        return b.idempotent(method.equals("GET") || method.equals("DELETE"));
    }

    /** Runs a JSON call and returns the body tree (JSON null for an empty body). */
    public JsonNode call(String name, String method, HttpUrl url, Object body, boolean idempotent) {
        return execute(op(name, method, url, body, Decoders.tree(name + " response")).idempotent(idempotent).build());
    }

    /**
     * Runs a commercial-only feature. On {@link Edition#OPEN_SOURCE} it fails at once; on
     * {@link Edition#AUTO} an answer that says the route does not exist (404, 405, or the
     * open-source 400 "object has no attribute") becomes {@link UnsupportedByServerException}.
     */
    public <T> T commercialOnly(String feature, Supplier<T> call) {
        if (edition == Edition.OPEN_SOURCE) {
            throw new UnsupportedByServerException(feature, "the open-source omega-ml server (commercial edition only)", null);
        }
        try {
            return call.get();
        } catch (ServiceException e) {
            boolean missingRoute = e.status() == 404 || e.status() == 405
                    || (e instanceof BadRequestException && e.body().contains("has no attribute"));
            if (edition == Edition.AUTO && missingRoute) {
                throw new UnsupportedByServerException(feature, "this omega-ml server (HTTP " + e.status()
                        + "; the open-source edition lacks it, set Edition.COMMERCIAL for the hub)", e);
            }
            throw e;
        }
    }

    /**
     * Starts an action asynchronously: adds {@code ?async=1} and the {@code async: true} header.
     * A 202 answer gives a polling handle for the task named in {@code Location}; any other 2xx is
     * a server that ran the action at once, and the handle is already complete.
     */
    public <T> TaskHandle<T> startAsync(String name, String method, HttpUrl url, Object body,
                                        Function<JsonNode, T> decode) {
        HttpUrl asyncUrl = url.newBuilder().setQueryParameter("async", "1").build();
        ResponseDecoder<Started> decoder = response -> {
            JsonNode tree = Decoders.tree(name + " response").decode(response);
            if (response.code() != 202) {
                return new Started(null, null, null, tree);
            }
            String location = response.header("Location");
            String taskId = null;
            if (location != null) {
                Matcher m = TASK_LOCATION.matcher(location);
                taskId = m.find() ? m.group(1) : null;
            }
            if (taskId == null) {
                taskId = Trees.text(tree, "task_id");
            }
            if (taskId == null) {
                throw new DecodeException("Cannot start " + name + " asynchronously: the 202 answer names no task"
                        + " (Location: " + location + ")");
            }
            String resourceUri = Trees.text(tree, "resource_uri");
            return new Started(taskId, location, resourceUri != null ? resourceUri : url.encodedPath(), tree);
        };
        Started s = execute(op(name + ".async", method, asyncUrl, body, decoder).header("async", "true")
                .idempotent(false).build());
        if (s.taskId == null) {
            return TaskHandle.completed(SYNCHRONOUS, "SUCCESS", decode.apply(s.body));
        }
        HttpUrl pollUrl = s.location != null ? base.resolve(s.location) : null;
        return handle(s.taskId, pollUrl, s.resourceUri, decode);
    }

    private record Started(String taskId, String location, String resourceUri, JsonNode body) {
    }

    /**
     * A polling handle for an existing task. {@code resourceUri} (the URI of the call that started
     * the task) tells the server how to format the result; it is sent as query parameter
     * {@code resource_uri}.
     */
    public <T> TaskHandle<T> handle(String taskId, HttpUrl pollUrl, String resourceUri, Function<JsonNode, T> decode) {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("task id must not be blank");
        }
        HttpUrl.Builder ub = (pollUrl != null ? pollUrl : api("task").name(taskId).segment("result").build(false)).newBuilder();
        if (resourceUri != null) {
            ub.setQueryParameter("resource_uri", resourceUri);
        }
        HttpUrl url = ub.build();
        // Set once the server showed it needs resource_uri in a GET body (open-source edition).
        java.util.concurrent.atomic.AtomicBoolean bodyGet = new java.util.concurrent.atomic.AtomicBoolean();
        TaskHandle.Poller<T> poller = () -> poll(taskId, url, resourceUri, bodyGet, decode);
        return TaskHandle.builder(taskId, poller)
                .clock(transport.options().clock())
                .sleeper(transport.options().sleeper())
                .executor(transport.asyncExecutor())
                .build();
    }

    private <T> TaskState<T> poll(String taskId, HttpUrl url, String resourceUri,
                                  java.util.concurrent.atomic.AtomicBoolean bodyGet, Function<JsonNode, T> decode) {
        JsonNode body;
        try {
            body = fetchResult(url, resourceUri, bodyGet.get());
        } catch (BadRequestException e) {
            TaskState<T> failed = failedState(e);
            if (failed != null) {
                return failed;
            }
            if (bodyGet.get() || edition == Edition.COMMERCIAL || resourceUri == null || !unresolvedResult(e)) {
                throw e;
            }
            // The open-source server reads resource_uri only from a GET body, and without it answers
            // 400 {"task_id", "status", "response": null}: ask again the way it wants, from now on.
            bodyGet.set(true);
            try {
                body = fetchResult(url, resourceUri, true);
            } catch (BadRequestException again) {
                failed = failedState(again);
                if (failed != null) {
                    return failed;
                }
                throw again;
            }
        }
        Trees.requireObject(body, "task " + taskId + " result");
        String word = Trees.text(body, "status");
        if (word == null) {
            throw new DecodeException("Cannot decode task " + taskId + " result: it has no status");
        }
        TaskStatus status = TaskStatus.of(word);
        if (status.phase() == TaskStatus.Phase.SUCCEEDED) {
            return new TaskState<>(status, decode.apply(Trees.field(body, "response")), 200, null);
        }
        return new TaskState<>(status, null, 200, null);
    }

    private JsonNode fetchResult(HttpUrl url, String resourceUri, boolean withBody) {
        return withBody ? getWithBody.get("tasks.result", url, Map.of("resource_uri", resourceUri), transport.defaults())
                : call("tasks.result", "GET", url, null, true);
    }

    private static boolean unresolvedResult(BadRequestException e) {
        JsonNode b = parseQuietly(e.body());
        return b.isObject() && b.has("task_id") && b.has("response") && b.get("response").isNull();
    }

    /** Failed and revoked tasks answer 400 with {@code {"task_id", "status", "response": null}}. */
    private static <T> TaskState<T> failedState(BadRequestException e) {
        TaskStatus status = TaskStatus.of(Trees.text(parseQuietly(e.body()), "status"));
        return status.phase() == TaskStatus.Phase.FAILED || status.phase() == TaskStatus.Phase.CANCELLED
                ? new TaskState<>(status, null, e.status(), e.body()) : null;
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception notJson) {
            return Json.mapper().nullNode();
        }
    }
}
