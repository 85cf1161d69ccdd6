package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code status/get_deployment}. {@code details} was {@code null} in 2022 and
 * {@code []} later; 2026 adds versions to pipeline and model statuses; the 2025.2 spec nests engine
 * fields under {@code info}. All are read.
 *
 * @param status               {@code Running}, {@code Starting}, {@code Error}, ... as sent
 * @param details              detail messages (empty when none)
 * @param engines              engines
 * @param engineLbs            engine load balancers
 * @param sidekicks            sidekick containers
 * @param additionalProperties fields this SDK version does not map ({@code helm}, ...)
 */
public record DeploymentStatus(String status, List<String> details, List<EngineStatus> engines,
                               List<EngineStatus> engineLbs, List<EngineStatus> sidekicks,
                               Map<String, JsonNode> additionalProperties) {
    /** Normalises absent lists and maps. */
    public DeploymentStatus {
        details = Copies.list(details);
        engines = Copies.list(engines);
        engineLbs = Copies.list(engineLbs);
        sidekicks = Copies.list(sidekicks);
        additionalProperties = Copies.extras(additionalProperties);
    }

    /** Whether the deployment reports {@code Running} (case-insensitive). */
    public boolean isRunning() {
        return "running".equalsIgnoreCase(status);
    }

    /** Whether the deployment reports an error or failure state. */
    public boolean isFailed() {
        return "error".equalsIgnoreCase(status) || "failed".equalsIgnoreCase(status);
    }
}
