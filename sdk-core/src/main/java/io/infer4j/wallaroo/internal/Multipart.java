package io.infer4j.wallaroo.internal;

import io.infer4j.core.internal.Bodies;
import io.infer4j.core.internal.Json;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * Multipart bodies for Wallaroo uploads: a {@code metadata} part ({@code application/json}) and a
 * {@code file} part ({@code application/octet-stream}) streamed from disk or a stream, never
 * buffered in memory. Not API.
 */
public final class Multipart {
    /** Media type of the {@code file} part. */
    public static final MediaType OCTET = MediaType.get("application/octet-stream");
    private static final MediaType JSON = MediaType.get("application/json");

    private Multipart() {
    }

    /** {@code metadata} + {@code file}; one-shot when {@code file} is (see {@link Bodies}). */
    public static RequestBody upload(Object metadata, String fileName, RequestBody file) {
        return Bodies.multipart(new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("metadata", null, RequestBody.create(Json.write(metadata), JSON))
                .addFormDataPart("file", fileName, file)
                .build());
    }
}
