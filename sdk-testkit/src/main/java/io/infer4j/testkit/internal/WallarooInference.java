package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.testkit.internal.WallarooState.Pipeline;
import io.infer4j.testkit.internal.WallarooState.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Pipeline inference at the external URL (behind a Keycloak token) and the internal one. The model
 * runs ({@link Engine}) outside the state's monitor, so inferences do not queue behind each other or
 * behind MLOps calls; the monitor is held only to find the deployment and to append to its log.
 */
final class WallarooInference {
    private static final int LOG_CAPACITY = 10_000;

    private final WallarooState state;

    WallarooInference(WallarooState state) {
        this.state = state;
    }

    Response infer(Request r, boolean external) {
        Engine.Target target;
        List<ObjectNode> logged = new ArrayList<>();
        Pipeline p;
        synchronized (state) {
            if (external) {
                Keycloak.Verified v = state.keycloak.verify(r.header("authorization"));
                if (!v.ok()) {
                    throw new HttpError(Family.INFERENCE.error(401, Wallaroo.jwtMessage(v.check())));
                }
                p = state.byDeploymentName(r.pathParams().get(0));
                String named = r.pathParams().get(1);
                if (p != null && named != null && !named.equals(p.name)) {
                    p = null;
                }
            } else {
                String name = r.pathParams().get(0);
                p = state.pipelines.values().stream().filter(x -> x.name.equals(name) && x.deployment != null
                        && x.deployment.active).findFirst().orElse(null);
            }
            if (p == null) {
                throw new HttpError(Family.INFERENCE.error(404, "Deployment not found"));
            }
            if (!state.running(p.deployment)) {
                throw new HttpError(Family.INFERENCE.error(503, Family.defaultMessage(503, Family.INFERENCE)));
            }
            Version v = state.versionOf(p);
            target = new Engine.Target(p.name, v == null ? p.name : state.models.get(v.modelId).name,
                    v == null ? WallarooState.FRAUD_SHA : v.sha, v == null ? "" : v.uuid,
                    p.latestVariant().uuid(), p.deployment.partition, state.legacy);
        }
        Response resp = Engine.infer(r, target, state.settings.clock().millis(), logged, state.formats);
        synchronized (state) {
            for (ObjectNode rec : logged) {
                if (p.logs.size() == LOG_CAPACITY) {
                    p.logs.removeFirst();
                }
                p.logs.addLast(rec);
            }
        }
        return resp;
    }
}
