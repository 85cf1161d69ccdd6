package io.infer4j.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: one catch-all context on 127.0.0.1, a fixed pool of daemon worker threads, and
 * the single request path every route goes through (route, fault rules, handler, write, log).
 */
public final class HttpCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCore.class);

    static {
        // The JDK server writes headers and body separately; with Nagle on, every small response
        // waits for the client's delayed ACK (~40 ms). Only set when the user has not chosen.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Escapes the handler on purpose: the JDK server then closes the connection mid-response. */
    private static final class AbortConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbortConnection() {
            super("connection cut by fault injection", null, false, false);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router;
    private final FaultEngine faults;
    private final RequestLog log;
    private final Clock clock;
    private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public HttpCore(int port, int threads, Router router, FaultEngine faults, RequestLog log, Clock clock) {
        this.router = router;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                daemonThreads("infer4j-testkit-" + server.getAddress().getPort() + "-"));
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** Starts serving; routes must be complete by now (the router is not thread-safe). */
    public void start() {
        server.start();
    }

    /** Thread name prefix of the worker threads (tests check they are gone after close). */
    public static String threadPrefix(int port) {
        return "infer4j-testkit-" + port + "-";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            workers.add(t);
            return t;
        };
    }

    private void dispatch(HttpExchange ex) {
        Request request = null;
        String operation = "unknown";
        int status = -1;
        try {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = ex.getRequestURI().getRawPath();
            request = new Request(ex.getRequestMethod(), Request.decode(path.replace("+", "%2B")),
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
            Router.Match match = router.find(request.method(), request.path());
            Family family = match == null ? familyOf(request.path()) : match.route().family();
            operation = match == null ? "unknown" : match.route().operation();
            log.counted(operation);

            FaultEngine.Decision decision = faults.evaluate(request.method(), request.path(), operation);
            if (!decision.delay().isZero()) {
                Thread.sleep(decision.delay().toMillis());
            }
            FaultEngine.Rule fault = decision.terminal();
            if (fault != null && fault.action() == FaultEngine.Action.DROP) {
                throw new AbortConnection();
            }
            Response response;
            if (fault != null && fault.action() == FaultEngine.Action.STATUS) {
                response = family.error(fault.status(), Family.defaultMessage(fault.status(), family));
            } else if (fault != null && fault.action() == FaultEngine.Action.RATE_LIMIT) {
                response = family.error(429, Family.defaultMessage(429, family))
                        .header("Retry-After", Long.toString(Math.max(0, fault.duration().toSeconds())));
            } else {
                response = handle(match, request, family);
            }
            status = response.status();
            write(ex, response, fault == null ? null : fault.action());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortConnection();
        } catch (AbortConnection e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The client went away, or a bug: either way the connection is finished.
            LOG.debug("request failed", e);
            throw new AbortConnection();
        } finally {
            if (request != null) {
                log.add(clock.instant(), request, operation, status);
            }
        }
    }

    private Response handle(Router.Match match, Request request, Family family) {
        if (match == null) {
            return family == Family.MLOPS || family == Family.INFERENCE
                    ? family.error(404, "Not Found") : Response.htmlNotFound();
        }
        if (match.methodNotAllowed()) {
            return family == Family.OMEGA
                    ? Response.json(405, Map.of("message", "The method is not allowed for the requested URL."))
                    : family.error(405, "Method Not Allowed");
        }
        request.pathParams(match.params());
        try {
            return match.route().handler().handle(request);
        } catch (HttpError e) {
            return e.response();
        } catch (Exception e) {
            LOG.warn("testkit handler {} failed", match.route().operation(), e);
            return family.error(500, Family.defaultMessage(500, family));
        }
    }

    private static Family familyOf(String path) {
        if (path.startsWith("/v1/api/pipelines/infer")) {
            return Family.INFERENCE;
        }
        if (path.startsWith("/v1/") || path.startsWith("/v2/")) {
            return Family.MLOPS;
        }
        if (path.startsWith("/auth/")) {
            return Family.KEYCLOAK;
        }
        return Family.OMEGA;
    }

    private static void write(HttpExchange ex, Response response, FaultEngine.Action fault) throws IOException {
        for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
            ex.getResponseHeaders().put(h.getKey(), h.getValue());
        }
        byte[] body = response.body();
        if (fault == FaultEngine.Action.TRUNCATE) {
            body = Arrays.copyOf(body, body.length / 2);
        }
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304;
        if (fault == FaultEngine.Action.CUT && !noBody) {
            ex.sendResponseHeaders(response.status(), body.length);
            OutputStream out = ex.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            throw new AbortConnection(); // fewer bytes than announced, then the connection closes
        }
        ex.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } else {
            ex.close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("testkit worker threads still running 5 s after close");
            }
            // The pool reports termination just before its last threads exit; wait for them too.
            for (Thread t : workers) {
                t.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps for a handler (latency simulation); interruption ends the request. */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(Response.empty(503));
        }
    }
}
