package io.infer4j.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testkit.OmegaEdition;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The omega-ml platform's in-memory store (datasets, models, job runs, async tasks), shared by
 * {@link OmegaDatasets}, {@link OmegaModels} and {@link OmegaJobs}, and the answers whose wording
 * depends on the edition. Every handler runs under this object's monitor ({@link Omega} takes it).
 */
final class OmegaState {
    /** omega-ml writes float NaN as the bare token {@code NaN}; so do we. */
    private static final ObjectWriter WRITER = Json.mapper().writer().without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);

    final Settings settings;
    final Keycloak keycloak;
    /** Whether the commercial (tastypie) edition is imitated rather than the open-source (Flask) one. */
    final boolean ce;
    final Map<String, Pandas.Frame> datasets = new LinkedHashMap<>();
    final Map<String, ModelState> models = new LinkedHashMap<>();
    final Map<String, List<ObjectNode>> jobRuns = new LinkedHashMap<>();
    final Map<String, AsyncTask> tasks = new LinkedHashMap<>();

    static final class ModelState {
        String name;
        String created;
        String modified;
        List<String> features;
        Ols.Fit fit;
    }

    /** A call answered later: its outcome is computed at once and shown after a few status reads. */
    static final class AsyncTask {
        final String id = UUID.randomUUID().toString();
        Instant submitted;
        int reads;
        String kind;
        String name;
        Response outcome;
    }

    OmegaState(Settings settings, Keycloak keycloak) {
        this.settings = settings;
        this.keycloak = keycloak;
        this.ce = settings.omegaEdition() == OmegaEdition.COMMERCIAL;
    }

    String now() {
        return LocalDateTime.now(settings.clock()).toString();
    }

    static Response json(int status, Object value) {
        try {
            return new Response(status, Response.JSON, WRITER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An error as the edition words it; the open-source server may append an error id. */
    Response error(int status, String repr, boolean withId) {
        if (ce) {
            return json(status, Map.of("error", repr));
        }
        return json(status, Map.of("message", withId ? repr + " [Error ID: " + UUID.randomUUID() + "]" : repr));
    }

    /** A failed call's 400, with the Python exception's repr. */
    HttpError fail(String repr) {
        return new HttpError(error(400, repr, true));
    }

    /** Whether the call asked to be answered later ({@code ?async=} or an {@code async} header). */
    static boolean async(Request r) {
        String v = r.query("async") != null ? r.query("async") : r.header("async");
        return v != null && !v.isEmpty() && "yt1".indexOf(Character.toLowerCase(v.charAt(0))) >= 0;
    }

    /** A 202 with {@code accepted}, pointing to a new task that answers {@code outcome} once done. */
    Response later(String kind, String name, Response outcome, ObjectNode accepted) {
        AsyncTask t = new AsyncTask();
        t.kind = kind;
        t.name = name;
        t.outcome = outcome;
        t.submitted = settings.clock().instant();
        tasks.put(t.id, t);
        return json(202, accepted).header("Location", "/api/v1/task/" + t.id + "/result");
    }
}
