package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.internal.Json;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reading Wallaroo MLOps request bodies; a bad field is the 400 the MLOps API answers. */
final class MlopsRequests {
    private MlopsRequests() {
    }

    static HttpError bad(String msg) {
        return new HttpError(Family.MLOPS.error(400, msg));
    }

    static HttpError notFound(String msg) {
        return new HttpError(Family.MLOPS.error(404, msg));
    }

    /** {@code value}, or the 400 with {@code message} when there is none. */
    static <T> T found(T value, String message) {
        if (value == null) {
            throw bad(message);
        }
        return value;
    }

    static int intField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw bad("missing or non-integer field '" + name + "'");
        }
        return v.asInt();
    }

    static String textField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw bad("missing or empty field '" + name + "'");
        }
        return v.asText();
    }

    /** The JSON {@code metadata} part of an upload. */
    static JsonNode metadata(Multipart.Part meta) {
        try {
            return Json.mapper().readTree(meta.body());
        } catch (IOException e) {
            throw bad("metadata is not JSON");
        }
    }

    /** The hex SHA-256 the platform records for an uploaded file. */
    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
