package io.infer4j.testkit.internal;

import static io.infer4j.testkit.internal.OmegaState.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The omega-ml REST API under {@code /api/v1} in the open-source (Flask) or commercial (tastypie)
 * dialect, as described in {@code reference/omegaml-api.md} and the {@code contract/omegaml}
 * recordings: datasets, linear-regression models with real OLS, async tasks, jobs and scripts.
 * This class wires the routes to one class per resource family over one {@link OmegaState}; the
 * commercial edition's routes also authenticate and pass through {@link Tastypie#serialize}.
 */
public final class Omega {
    private final OmegaState state;
    private final OmegaDatasets datasets;
    private final OmegaModels models;
    private final OmegaJobs jobs;

    public Omega(Settings settings, Keycloak keycloak) {
        this.state = new OmegaState(settings, keycloak);
        this.datasets = new OmegaDatasets(state);
        this.models = new OmegaModels(state);
        this.jobs = new OmegaJobs(state);
    }

    public void routes(Router router) {
        String s = "/?"; // the commercial API writes a trailing slash everywhere
        add(router, "GET", "/api/v1/ping" + s, "omega:ping", r -> json(200, Map.of("ping", LocalDateTime.now(state.settings.clock()).toString())));
        add(router, "GET", "/api/v1/dataset/", "omega:dataset.list", datasets::listDatasets);
        add(router, "GET", "/api/v1/dataset/(.+?)" + s, "omega:dataset.get", datasets::getDataset);
        add(router, "PUT", "/api/v1/dataset/(.+?)" + s, "omega:dataset.put", datasets::putDataset);
        add(router, "DELETE", "/api/v1/dataset/(.+?)" + s, "omega:dataset.delete", datasets::deleteDataset);
        add(router, "POST", "/api/v1/model/", "omega:model.create", models::createModel);
        add(router, "GET,PUT", "/api/v1/model/(.+)", "omega:model.action", models::model);
        add(router, "GET", "/api/v1/task/([^/]+)/(result|status)" + s, "omega:task.result", jobs::taskResult);
        add(router, "GET", "/api/v1/job/", "omega:job.list", jobs::listJobs);
        add(router, "POST", "/api/v1/job/(.+?)/run" + s, "omega:job.run", jobs::runJob);
        add(router, "GET", "/api/v1/job/(.+?)/", "omega:job.get", jobs::getJob);
        add(router, "POST", "/api/v1/script/(.+?)/run" + s, "omega:script.run", jobs::runScript);
        add(router, "GET", "/api/v1/config/", "omega:config", this::config);
    }

    /** A route whose handler runs under the state's monitor; on the commercial edition, behind its auth. */
    private void add(Router router, String methods, String regex, String op, Router.Handler h) {
        Router.Handler locked = r -> {
            synchronized (state) {
                return h.handle(r);
            }
        };
        router.add(methods, regex, op, Family.OMEGA, r -> {
            if (!state.ce) {
                return locked.handle(r);
            }
            if (!authenticated(r)) {
                return Response.empty(401); // tastypie answers 401 with an empty body
            }
            Response answer;
            try {
                answer = locked.handle(r);
            } catch (HttpError e) {
                answer = e.response();
            }
            return Tastypie.serialize(answer);
        });
    }

    private boolean authenticated(Request r) {
        String auth = r.header("authorization");
        if (auth == null) {
            return false;
        }
        if (auth.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            return auth.substring(7).trim().equals(state.settings.username() + ":" + state.settings.apiKey());
        }
        return state.keycloak.verify(auth).ok();
    }

    private Response config(Request r) {
        if (!state.ce) {
            return Response.htmlNotFound();
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode data = body.putArray("objects").addObject().putObject("data");
        data.put("OMEGA_MONGO_URL", "mongodb://127.0.0.1:27017/omega");
        data.put("OMEGA_USERNAME", state.settings.username());
        data.putObject("OMEGA_CELERY_CONFIG").put("CELERY_ALWAYS_EAGER", false);
        return json(200, body);
    }
}
