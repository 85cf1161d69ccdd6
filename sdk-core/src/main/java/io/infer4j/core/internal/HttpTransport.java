package io.infer4j.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.Timeouts;
import io.infer4j.core.auth.AuthHeaders;
import io.infer4j.core.error.BodyNotReplayableException;
import io.infer4j.core.error.ClientTimeoutException;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.core.error.ServiceException;
import io.infer4j.core.error.TransportException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;

/**
 * The one path every infer4j request takes: authorize, send, classify the failure, retry with
 * backoff, decode, map errors. Nothing else in the SDK opens a socket, sleeps for a retry, logs a
 * request or parses an error body. Thread-safe; one per top-level client.
 */
public final class HttpTransport implements Closeable {
    /** {@code infer4j/<version> java/<runtime version>}. */
    public static final String USER_AGENT = "infer4j/" + version() + " java/" + Runtime.version();

    /**
     * Idle connections kept by the client the transport creates. OkHttp's default of 5 closes
     * connections whenever more than 5 callers are between calls: 32 threads sharing a client
     * opened a new connection every ~40 calls (docs/performance.md, "Inference").
     */
    public static final int MAX_IDLE_CONNECTIONS = 32;
    private static final SocketFactory NO_DELAY = new NoDelaySocketFactory();

    private final ClientOptions options;
    private final OkHttpClient client;
    private final boolean ownsClient;
    private final HttpLog log;
    private final Map<Duration, OkHttpClient> perAttemptClients;
    private final AtomicReference<ExecutorService> ownedExecutor;
    // Shared with views, so closing the client ends its views too.
    private final AtomicBoolean closed;
    /** Added under every call's own options; {@link RequestOptions#NONE} except on a view. */
    private final RequestOptions defaults;
    private final boolean view;

    /** Creates the transport; derives its OkHttpClient from the caller's, if given. */
    public HttpTransport(ClientOptions options) {
        this.options = options;
        this.ownsClient = options.httpClient().isEmpty();
        Timeouts t = options.timeouts();
        OkHttpClient base = options.httpClient().orElseGet(HttpTransport::newDefaultClient);
        OkHttpClient.Builder builder = base.newBuilder();
        if (base.socketFactory() == SocketFactory.getDefault()) {
            // Nagle + delayed ACK stall multi-segment request bodies ~40 ms; a caller's own factory is kept.
            builder.socketFactory(NO_DELAY);
        }
        // Our retry loop is the only one: OkHttp's silent retry could resend a POST that reached the server.
        this.client = builder
                .retryOnConnectionFailure(false)
                .connectTimeout(t.connect())
                .readTimeout(t.attempt())
                .writeTimeout(t.attempt())
                .callTimeout(Duration.ZERO)
                .addNetworkInterceptor(SENT_MARKER)
                .build();
        this.log = new HttpLog(options.loggedHeaders());
        this.perAttemptClients = new ConcurrentHashMap<>();
        this.ownedExecutor = new AtomicReference<>();
        this.closed = new AtomicBoolean();
        this.defaults = RequestOptions.NONE;
        this.view = false;
    }

    private HttpTransport(HttpTransport parent, RequestOptions defaults) {
        this.options = parent.options;
        this.ownsClient = parent.ownsClient;
        this.client = parent.client;
        this.log = parent.log;
        this.perAttemptClients = parent.perAttemptClients;
        this.ownedExecutor = parent.ownedExecutor;
        this.closed = parent.closed;
        this.defaults = defaults;
        this.view = true;
    }

    /**
     * A view that adds {@code overrides} on top of this transport's defaults to every call (a
     * call's own options still win). It shares the pool, dispatcher, async executor and closed
     * state, owns nothing: its {@link #close()} does nothing, and closing this transport ends it.
     */
    public HttpTransport withDefaults(RequestOptions overrides) {
        return new HttpTransport(this, defaults.withOverrides(overrides));
    }

    /** What this transport adds to every call ({@link RequestOptions#NONE} unless it is a view). */
    public RequestOptions defaults() {
        return defaults;
    }

    /**
     * The OkHttpClient infer4j creates when the caller brings none: {@code TCP_NODELAY} and a pool
     * of {@link #MAX_IDLE_CONNECTIONS}. Clients that share one base with their auth provider use this.
     */
    public static OkHttpClient newDefaultClient() {
        return new OkHttpClient.Builder().socketFactory(NO_DELAY)
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES)).build();
    }

    /** The settings this transport was built with. */
    public ClientOptions options() {
        return options;
    }

    /**
     * The underlying HTTP client (shares pool and dispatcher); for callers that must bypass auth,
     * such as token endpoints. Requests made on it are not retried or logged by the transport.
     */
    public OkHttpClient httpClient() {
        return client;
    }

    /** Executes with the client defaults. */
    public <T> T execute(Operation<T> op) {
        return execute(op, RequestOptions.NONE);
    }

    /** Executes {@code op}, retrying per its idempotency and the retry policy. */
    public <T> T execute(Operation<T> op, RequestOptions ro) {
        return execute(op, ro, null);
    }

    /** Executes on an executor; cancelling the future cancels the in-flight HTTP call and stops retrying. */
    public <T> CompletableFuture<T> executeAsync(Operation<T> op, RequestOptions ro) {
        Cancellation cancellation = new Cancellation();
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                cancellation.cancel();
                return super.cancel(mayInterruptIfRunning);
            }
        };
        try {
            asyncExecutor().execute(() -> {
                try {
                    future.complete(execute(op, ro, cancellation));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RuntimeException rejected) {
            future.completeExceptionally(new TransportException("Cannot schedule " + op.method() + " "
                    + Redaction.url(op.url()) + ": " + rejected.getMessage(), false, rejected));
        }
        return future;
    }

    /** The executor used for async work: the caller's, or one this transport owns. */
    public Executor asyncExecutor() {
        if (options.asyncExecutor().isPresent()) {
            return options.asyncExecutor().get();
        }
        ExecutorService ex = ownedExecutor.get();
        if (ex == null) {
            if (closed.get()) {
                // A view used after its client closed must not start a pool nobody will shut down.
                throw new IllegalStateException("client is closed");
            }
            ExecutorService created = Executors.newCachedThreadPool(daemonThreads("infer4j-async-"));
            if (ownedExecutor.compareAndSet(null, created)) {
                if (closed.get() && ownedExecutor.compareAndSet(created, null)) {
                    created.shutdownNow(); // close() ran between the check and the set
                    throw new IllegalStateException("client is closed");
                }
                ex = created;
            } else {
                created.shutdown();
                ex = ownedExecutor.get();
                if (ex == null) {
                    throw new IllegalStateException("client is closed");
                }
            }
        }
        return ex;
    }

    private <T> T execute(Operation<T> op, RequestOptions ro, Cancellation cancellation) {
        if (closed.get()) {
            throw new IllegalStateException("client is closed");
        }
        ro = defaults.withOverrides(ro);
        Timeouts t = ro.applyTo(options.timeouts());
        RetryPolicy policy = ro.retryPolicy().orElse(options.retryPolicy());
        String url = Redaction.url(op.url());
        long start = options.clock().millis();
        long deadline = saturatedAdd(start, t.call().toMillis());
        List<Infer4jException> earlier = new ArrayList<>();
        boolean authReplayed = false;
        int attempts = 0;
        int retries = 0;
        while (true) {
            attempts++;
            long remaining = deadline - options.clock().millis();
            if (remaining <= 0) {
                throw finish(new ClientTimeoutException(ClientTimeoutException.Kind.CALL, t.call(),
                        op.method() + " " + url + " exceeded the call timeout of " + t.call(), !earlier.isEmpty(), null),
                        attempts - 1, earlier);
            }
            boolean limitedByCall = remaining < t.attempt().toMillis();
            long attemptMillis = Math.min(t.attempt().toMillis(), remaining);
            AuthHeaders auth = options.auth().authHeaders();
            AttemptState state = new AttemptState();
            Call call = clientFor(t).newCall(request(op, ro, auth, state));
            call.timeout().timeout(attemptMillis, TimeUnit.MILLISECONDS);
            if (cancellation != null && !cancellation.track(call)) {
                throw finish(new TransportException(op.method() + " " + url + " was cancelled", false, null), attempts, earlier);
            }
            long sentAt = System.nanoTime();
            Infer4jException failure;
            boolean retryable;
            Duration retryAfter = null;
            try (Response response = call.execute()) {
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
                log.response(op, url, response, attempts, elapsedMs);
                int code = response.code();
                if (response.isSuccessful()) {
                    return decode(op, response, state);
                }
                if (code == 401 && !authReplayed && options.auth().onUnauthorized(auth)) {
                    if (!op.replayable()) {
                        // The provider refreshed, so the caller's next call with a fresh body will pass.
                        throw notReplayable(op, url, "HTTP 401 and the auth provider has refreshed its credentials",
                                ErrorBodies.toException(response, op.method(), url));
                    }
                    authReplayed = true;
                    log.authReplay(op, url);
                    continue;
                }
                HttpLog.traceErrorBody(op, response);
                ServiceException se = mapError(op, ErrorBodies.toException(response, op.method(), url));
                if ((code == 307 || code == 308) && !op.replayable() && client.followRedirects()
                        && response.header("Location") != null) {
                    // OkHttp follows 307/308 by re-sending the body, and hands them back when the body is one-shot.
                    throw notReplayable(op, url, "the server redirected it with HTTP " + code, se);
                }
                failure = se;
                retryable = code == 429 || code == 503
                        || (op.idempotent() && (code == 408 || code == 500 || code == 502 || code == 504));
                if (retryable) {
                    retryAfter = RetryAfter.parse(ErrorBodies.safeHeaders(response.headers()),
                            options.clock().instant()).orElse(null);
                }
            } catch (IOException e) {
                failure = ioFailure(op, url, e, state, limitedByCall, t, attemptMillis);
                retryable = !state.sent || op.idempotent();
                if (cancellation != null && cancellation.cancelled()) {
                    retryable = false;
                }
            } catch (RuntimeException e) {
                if (e instanceof Infer4jException) {
                    throw finish((Infer4jException) e, attempts, earlier);
                }
                throw e;
            } finally {
                if (cancellation != null) {
                    cancellation.untrack(call);
                }
            }

            if (!retryable || retries >= policy.maxRetries()) {
                throw finish(failure, attempts, earlier);
            }
            if (state.sent && !op.replayable()) {
                // A body that was not sent (connect failure) is still unread, so only a sent one stops the retry.
                throw finish(notReplayable(op, url, "the attempt failed in a way that is retried", failure), attempts, earlier);
            }
            Duration delay = policy.delayBeforeRetry(retries + 1, retryAfter);
            if (options.clock().millis() + delay.toMillis() >= deadline) {
                throw finish(failure, attempts, earlier);
            }
            log.retry(op, url, attempts, failure, delay);
            earlier.add(failure);
            retries++;
            try {
                options.sleeper().sleep(delay);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw finish(new TransportException(op.method() + " " + url + " was interrupted while waiting to retry",
                        true, ie), attempts, earlier);
            }
        }
    }

    /**
     * Decodes a 2xx answer. A body that ended early (connection cut before Content-Length or the
     * last chunk, a read timeout) surfaces as the read's IOException, a transport failure, even
     * when the decoder wrapped it in a DecodeException or swallowed it.
     */
    private static <T> T decode(Operation<T> op, Response response, AttemptState state) throws IOException {
        T value;
        try {
            // Successful bodies are streamed into the decoder, never logged; error bodies are (HttpLog).
            value = op.decoder().decode(watchBody(response, state));
        } catch (IOException | RuntimeException e) {
            if (state.bodyFailure != null) {
                throw state.bodyFailure;
            }
            if (e instanceof JsonProcessingException) {
                throw Json.decodeFailure(op.name() + " response", (JsonProcessingException) e, null);
            }
            throw e;
        }
        if (state.bodyFailure != null) {
            throw state.bodyFailure;
        }
        return value;
    }

    /**
     * The response with a body that records the first read failure in {@code state}. No copy: the
     * forwarding layer moves Okio segments, it does not buffer the body.
     */
    private static Response watchBody(Response response, AttemptState state) {
        ResponseBody body = response.body();
        ForwardingSource watched = new ForwardingSource(body.source()) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                try {
                    return super.read(sink, byteCount);
                } catch (IOException e) {
                    if (state.bodyFailure == null) {
                        state.bodyFailure = e;
                    }
                    throw e;
                }
            }
        };
        return response.newBuilder()
                .body(ResponseBody.create(Okio.buffer(watched), body.contentType(), body.contentLength()))
                .build();
    }

    /** The operation's own reading of an error answer; a mapper that returns null leaves it as parsed. */
    private static ServiceException mapError(Operation<?> op, ServiceException parsed) {
        ServiceException mapped = op.errorMapper().apply(parsed);
        return mapped == null ? parsed : mapped;
    }

    private static BodyNotReplayableException notReplayable(Operation<?> op, String url, String why,
                                                            Infer4jException failure) {
        return new BodyNotReplayableException(op.method() + " " + url + " must be sent again (" + why
                + "), but its body is a one-shot InputStream that was already sent, so infer4j does not re-send it."
                + " To make it replayable, pass the content as a file Path or as a Supplier<InputStream> that opens"
                + " a fresh stream. The failure: " + failure.getMessage(), failure);
    }

    private static Infer4jException ioFailure(Operation<?> op, String url, IOException e, AttemptState state,
                                              boolean limitedByCall, Timeouts t, long attemptMillis) {
        boolean sent = state.sent;
        String what = op.method() + " " + url;
        if (e instanceof SocketTimeoutException && !sent) {
            return new ClientTimeoutException(ClientTimeoutException.Kind.CONNECT, t.connect(),
                    what + " could not connect within " + t.connect(), false, e);
        }
        if (e instanceof InterruptedIOException) {
            ClientTimeoutException.Kind kind = limitedByCall ? ClientTimeoutException.Kind.CALL : ClientTimeoutException.Kind.ATTEMPT;
            Duration limit = limitedByCall ? t.call() : Duration.ofMillis(attemptMillis);
            return new ClientTimeoutException(kind, limit, what + " timed out after " + limit
                    + (kind == ClientTimeoutException.Kind.CALL ? " (call timeout)" : " (attempt timeout)"), sent, e);
        }
        String when = !sent ? " before the request was sent"
                : e == state.bodyFailure ? " while reading the response body, which ended early" : "";
        return new TransportException(what + " failed" + when + ": " + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""), sent, e);
    }

    private static Infer4jException finish(Infer4jException e, int attempts, List<Infer4jException> earlier) {
        e.recordAttempts(attempts);
        for (Infer4jException prior : earlier) {
            if (prior != e) {
                e.addSuppressed(prior);
            }
        }
        return e;
    }

    private Request request(Operation<?> op, RequestOptions ro, AuthHeaders auth, AttemptState state) {
        Request.Builder b = new Request.Builder().url(op.url()).method(op.method(), op.body())
                .header("User-Agent", USER_AGENT)
                .tag(AttemptState.class, state)
                .tag(Operation.class, op);
        if (!op.headers().containsKey("Accept")) {
            b.header("Accept", "application/json");
        }
        op.headers().forEach(b::header);
        ro.headers().forEach(b::header);
        auth.asMap().forEach(b::header);
        return b.build();
    }

    private OkHttpClient clientFor(Timeouts t) {
        Timeouts defaults = options.timeouts();
        if (t.attempt().equals(defaults.attempt()) && t.connect().equals(defaults.connect())) {
            return client;
        }
        Duration key = t.attempt();
        OkHttpClient c = perAttemptClients.get(key);
        if (c == null) {
            c = client.newBuilder().readTimeout(t.attempt()).writeTimeout(t.attempt()).build();
            if (perAttemptClients.size() < 16) {
                perAttemptClients.put(key, c);
            }
        }
        return c;
    }

    /**
     * Releases what this transport created: its executor and, if it created the OkHttpClient, its
     * pool and threads. On a view ({@link #withDefaults}) it does nothing.
     */
    @Override
    public void close() {
        if (view) {
            return;
        }
        closed.set(true);
        ExecutorService ex = ownedExecutor.getAndSet(null);
        if (ex != null) {
            ex.shutdownNow();
        }
        if (ownsClient) {
            release(client);
        }
    }

    /** Stops an OkHttpClient infer4j created: its dispatcher threads and pooled connections. */
    public static void release(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Daemon threads with a name prefix, so a forgotten client never keeps the JVM alive. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread th = new Thread(r, prefix + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        };
    }

    private static String version() {
        try (InputStream in = HttpTransport.class.getResourceAsStream("/io/infer4j/core/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** What one attempt did: whether the request reached a connection, and how reading its answer failed. */
    static final class AttemptState {
        /** Set by the network interceptor just before the request is written to a connection. */
        volatile boolean sent;
        /** The first I/O failure while the decoder read a 2xx body (a body cut short), or null. */
        volatile IOException bodyFailure;
    }

    private static final Interceptor SENT_MARKER = chain -> {
        AttemptState s = chain.request().tag(AttemptState.class);
        if (s != null) {
            s.sent = true;
        }
        return chain.proceed(chain.request());
    };

    /** Lets an async caller cancel the in-flight call. */
    private static final class Cancellation {
        private boolean cancelled;
        private Call current;

        synchronized boolean track(Call call) {
            if (cancelled) {
                return false;
            }
            current = call;
            return true;
        }

        synchronized void untrack(Call call) {
            if (current == call) {
                current = null;
            }
        }

        synchronized boolean cancelled() {
            return cancelled;
        }

        void cancel() {
            Call c;
            synchronized (this) {
                cancelled = true;
                c = current;
            }
            if (c != null) {
                c.cancel();
            }
        }
    }
}
