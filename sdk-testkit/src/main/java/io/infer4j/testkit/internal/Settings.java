package io.infer4j.testkit.internal;

import io.infer4j.testkit.OmegaEdition;
import io.infer4j.testkit.ServerVersion;
import java.time.Clock;
import java.time.Duration;

/** Everything the builder configured, handed to the internal services (immutable). */
public record Settings(
        int port,
        int threads,
        Clock clock,
        long faultSeed,
        int requestLogCapacity,
        String realm,
        String username,
        String password,
        String clientId,
        String clientSecret,
        String publicClientId,
        String endpointClientId,
        String endpointClientSecret,
        String apiKey,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        ServerVersion serverVersion,
        int deploymentPolls,
        Duration deploymentStartup,
        int conversionPolls,
        OmegaEdition omegaEdition,
        int taskPolls,
        Duration taskDelay,
        String endpointAudience,
        String endpointScope) {
}
