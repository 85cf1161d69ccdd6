package io.infer4j.wallaroo.internal;

import io.infer4j.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Multipart bodies for Wallaroo uploads: a {@code metadata} part ({@code application/json}) and a
 * {@code file} part ({@code application/octet-stream}) streamed from disk or a stream, never
 * buffered in memory. Not API.
 */
public final class Multipart {
    private static final MediaType OCTET = MediaType.get("application/octet-stream");
    private static final MediaType JSON = MediaType.get("application/json");

    private Multipart() {
    }

    /** {@code metadata} + {@code file} from a path (re-sendable) or a one-shot stream. */
    public static RequestBody upload(Object metadata, String fileName, Path path, InputStream stream) {
        RequestBody file = path != null ? RequestBody.create(path.toFile(), OCTET) : oneShot(stream);
        MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("metadata", null, RequestBody.create(Json.write(metadata), JSON))
                .addFormDataPart("file", fileName, file)
                .build();
        return stream == null ? body : oneShotView(body);
    }

    // The transport retries only replayable bodies; make sure a stream-backed multipart says it is one-shot.
    private static RequestBody oneShotView(MultipartBody body) {
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

    private static RequestBody oneShot(InputStream in) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return OCTET;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (Source source = Okio.source(in)) {
                    sink.writeAll(source);
                }
            }
        };
    }
}
