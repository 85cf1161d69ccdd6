package io.infer4j.auth.keycloak.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the one {@link KeycloakServer} of the test run. It is started on first use and kept in
 * the root context's store, so every IT class shares it; JUnit closes it (stopping Keycloak) when the
 * run ends, and a JVM shutdown hook stops it if the run is cut short.
 */
public final class KeycloakExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KeycloakServer.class, key -> KeycloakServer.start(), KeycloakServer.class);
    }
}
