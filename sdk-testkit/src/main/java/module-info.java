/**
 * infer4j testkit: an embeddable local platform (Keycloak-compatible tokens, Wallaroo, omega-ml,
 * plain model endpoints) with fault injection, for tests and examples.
 */
module io.infer4j.testkit {
    requires io.infer4j.core;
    // TokenBuilder.claims() is a JsonNode.
    requires transitive com.fasterxml.jackson.databind;
    // The platform's server is the JDK's own.
    requires jdk.httpserver;
    requires org.slf4j;

    exports io.infer4j.testkit;
}
