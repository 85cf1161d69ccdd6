package io.infer4j.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Streaming request bodies for uploads. A file, or a supplier of fresh streams, is re-read on
 * every attempt, so it can be retried; a single stream can be read once, so it (and any multipart
 * body holding it) says it is one-shot: neither OkHttp nor the transport ever sends it twice.
 * Nothing is buffered in memory.
 */
public final class Bodies {
    private Bodies() {
    }

    /** The file's bytes, streamed from disk on each attempt. */
    public static RequestBody file(Path path, MediaType type) {
        return RequestBody.create(path.toFile(), type);
    }

    /** The stream's bytes, readable once. */
    public static RequestBody stream(InputStream in, MediaType type) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return type;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                copy(in, sink);
            }
        };
    }

    /**
     * A stream from {@code streams} per attempt, so the body can be re-sent like a file. The
     * supplier must open a new stream on every call; each is closed after it was sent.
     */
    public static RequestBody streams(Supplier<? extends InputStream> streams, MediaType type) {
        Objects.requireNonNull(streams, "streams");
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return type;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                InputStream in;
                try {
                    in = streams.get();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                if (in == null) {
                    throw new IOException("the Supplier<InputStream> of the upload returned null instead of a stream");
                }
                copy(in, sink);
            }
        };
    }

    private static void copy(InputStream in, BufferedSink sink) throws IOException {
        try (Source source = Okio.source(in)) {
            sink.writeAll(source);
        }
    }

    /** The multipart body, marked one-shot when any of its parts is (OkHttp's own does not say so). */
    public static RequestBody multipart(MultipartBody body) {
        boolean oneShot = body.parts().stream().anyMatch(p -> p.body().isOneShot());
        if (!oneShot) {
            return body;
        }
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return body.contentType();
            }

            @Override
            public long contentLength() throws IOException {
                return body.contentLength();
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                body.writeTo(sink);
            }
        };
    }
}
