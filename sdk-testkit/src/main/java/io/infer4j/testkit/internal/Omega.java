package io.infer4j.testkit.internal;

import java.time.LocalDateTime;
import java.util.Map;

/** The omega-ml REST API (placeholder: ping only; the rest follows). */
public final class Omega {
    private final Settings settings;

    public Omega(Settings settings, Keycloak keycloak) {
        this.settings = settings;
    }

    public void routes(Router router) {
        router.add("GET", "/api/v1/ping/?", "omega:ping", Family.OMEGA,
                r -> Response.json(200, Map.of("ping", LocalDateTime.now(settings.clock()).toString())));
    }
}
