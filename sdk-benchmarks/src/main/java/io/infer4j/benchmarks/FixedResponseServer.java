package io.infer4j.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP/1.1 keep-alive server on 127.0.0.1 that reads each request (headers and a
 * {@code Content-Length} body) and answers one precomputed response, optionally after a fixed
 * delay. It does next to no work per request, so what the benchmarks measure is the client; and it
 * counts accepted connections, so connection reuse can be checked from the server's side. Given an
 * Arrow answer too ({@link #FixedResponseServer(byte[], String, byte[], Duration)}), it serves that
 * one, as {@value #ARROW_FILE}, to the requests whose {@code Accept} names {@value #ARROW_FILE}, as
 * Wallaroo picks the answer's format.
 */
public final class FixedResponseServer implements AutoCloseable {
    /** The media type of an Arrow IPC file, Wallaroo's Arrow inference format. */
    public static final String ARROW_FILE = "application/vnd.apache.arrow.file";

    private final ServerSocket socket;
    private final byte[] response;
    private final byte[] arrowResponse;
    private final long delayMillis;
    private final ExecutorService connections;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong arrowAnswers = new AtomicLong();
    private volatile boolean closed;

    /** Starts serving {@code body} as {@code contentType} to every request, after {@code delay}. */
    public FixedResponseServer(byte[] body, String contentType, Duration delay) throws IOException {
        this(body, contentType, null, delay);
    }

    /**
     * Starts serving {@code arrowBody} as {@value #ARROW_FILE} to requests that accept it and
     * {@code body} as {@code contentType} to all others, after {@code delay}.
     */
    public FixedResponseServer(byte[] body, String contentType, byte[] arrowBody, Duration delay) throws IOException {
        this.response = response(body, contentType);
        this.arrowResponse = arrowBody == null ? null : response(arrowBody, ARROW_FILE);
        this.delayMillis = delay.toMillis();
        this.socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fixed-response-server");
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(this::acceptLoop, "fixed-response-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static byte[] response(byte[] body, String contentType) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    /** Request body bytes received so far. */
    public long bodyBytes() {
        return bodyBytes.get();
    }

    /** Requests answered with the Arrow answer so far. */
    public long arrowAnswers() {
        return arrowAnswers.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                accepted.incrementAndGet();
                connections.execute(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("accept failed", e);
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024); OutputStream out = s.getOutputStream()) {
            Head head = new Head();
            while (!closed) {
                if (!readHead(in, head)) {
                    return; // the client closed the connection
                }
                in.skipNBytes(head.length);
                bodyBytes.addAndGet(head.length);
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                boolean arrow = head.acceptsArrow && arrowResponse != null;
                if (arrow) {
                    arrowAnswers.incrementAndGet();
                }
                out.write(arrow ? arrowResponse : response);
                out.flush();
                requests.incrementAndGet();
            }
        } catch (IOException e) {
            // connection reset by the client: nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the server needs of a request's head. */
    private static final class Head {
        long length;
        boolean acceptsArrow;
    }

    /**
     * Reads the request line and headers into {@code head}: the Content-Length (0 if absent) and
     * whether Accept names Arrow; false at end of stream.
     */
    private static boolean readHead(InputStream in, Head head) throws IOException {
        StringBuilder line = new StringBuilder(64);
        head.length = 0;
        head.acceptsArrow = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return false;
            }
            if (c == '\n') {
                if (line.length() == 0) {
                    return true;
                }
                if (line.length() > 15 && line.substring(0, 15).equalsIgnoreCase("content-length:")) {
                    head.length = Long.parseLong(line.substring(15).trim());
                } else if (line.length() > 7 && line.substring(0, 7).equalsIgnoreCase("accept:")) {
                    head.acceptsArrow = line.indexOf(ARROW_FILE) >= 0;
                }
                line.setLength(0);
            } else if (c != '\r') {
                line.append((char) c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        connections.shutdownNow();
    }
}
