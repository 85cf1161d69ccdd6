package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Plain model endpoints: a FastAPI-style service ({@code GET /health} open, {@code POST /upload}
 * behind JWT validation with audience and scope) and an API-Gateway + Lambda style CSV endpoint
 * ({@code POST /csv/} with {@code text/csv}, {@code OPTIONS} for CORS, {@code x-api-key}).
 */
public final class ModelEndpoints {
    private final Settings settings;
    private final Keycloak keycloak;

    public ModelEndpoints(Settings settings, Keycloak keycloak) {
        this.settings = settings;
        this.keycloak = keycloak;
    }

    public void routes(Router router) {
        router.add("GET", "/health", "endpoint:health", Family.FASTAPI,
                r -> Response.json(200, Map.of("status", "OK")));
        router.add("POST", "/upload/?", "endpoint:upload", Family.FASTAPI, this::upload);
        router.add("POST", "/csv/?", "endpoint:csv", Family.GATEWAY, this::csv);
        router.add("OPTIONS", "/csv/?", "endpoint:csv", Family.GATEWAY, r -> cors(Response.empty(200)));
    }

    /** FastAPI + a JWT dependency: 401 for a missing/invalid token, 403 for a missing scope. */
    private void authorize(Request r) {
        Keycloak.Verified v = keycloak.verify(r.header("authorization"));
        if (v.check() == Keycloak.Check.MISSING) {
            throw new HttpError(Family.FASTAPI.error(401, "Not authenticated").header("WWW-Authenticate", "Bearer"));
        }
        if (!v.ok() || !audienceOk(v.claims().get("aud"))) {
            throw new HttpError(Family.FASTAPI.error(401, "Could not validate credentials")
                    .header("WWW-Authenticate", "Bearer"));
        }
        String scope = " " + v.claims().path("scope").asText() + " ";
        if (!scope.contains(" " + settings.endpointScope() + " ")) {
            throw new HttpError(Family.FASTAPI.error(403, "Not enough permissions"));
        }
    }

    private boolean audienceOk(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return aud.asText().equals(settings.endpointAudience());
        }
        for (JsonNode a : aud) {
            if (a.asText().equals(settings.endpointAudience())) {
                return true;
            }
        }
        return false;
    }

    private Response upload(Request r) {
        authorize(r);
        Map<String, Multipart.Part> parts = Multipart.parse(r, Family.FASTAPI);
        Multipart.Part file = parts.get("file");
        if (file == null) {
            return Family.FASTAPI.error(422, "field 'file' is required");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("filename", file.filename());
        body.put("content_type", file.contentType());
        body.put("size", file.body().length);
        body.put("sha256", sha256(file.body()));
        // A toy "prediction": the share of non-ASCII bytes, a pure function of the file.
        long high = 0;
        for (byte b : file.body()) {
            if (b < 0) {
                high++;
            }
        }
        body.put("prediction", file.body().length == 0 ? 0.0 : (double) high / file.body().length);
        return Response.json(200, body);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response cors(Response r) {
        return r.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "OPTIONS,POST")
                .header("Access-Control-Allow-Headers", "Content-Type,X-Api-Key,Authorization");
    }

    /**
     * One prediction per CSV data row: the fraud model's logistic score over the row's numbers
     * (the first row is a header when it is not numeric).
     */
    private Response csv(Request r) {
        if (!settings.apiKey().equals(r.header("x-api-key"))) {
            return cors(Family.GATEWAY.error(403, "Forbidden"));
        }
        if (!r.contentType().startsWith("text/csv")) {
            return cors(Family.GATEWAY.error(415, "Content-Type must be text/csv"));
        }
        String text = new String(r.body(), StandardCharsets.UTF_8);
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            double[] x = new double[cells.length];
            try {
                for (int c = 0; c < cells.length; c++) {
                    x[c] = Double.parseDouble(cells[c].trim());
                }
            } catch (NumberFormatException e) {
                if (i == 0) {
                    continue; // header
                }
                return cors(Family.GATEWAY.error(400, "line " + (i + 1) + ": not a number: " + e.getMessage()));
            }
            rows.add(x);
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode p = body.putArray("predictions");
        for (double[] x : rows) {
            p.add(BuiltinModels.fraud(x));
        }
        return cors(Response.json(200, body));
    }
}
