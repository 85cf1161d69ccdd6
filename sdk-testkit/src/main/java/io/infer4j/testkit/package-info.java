/**
 * An embeddable local model-serving platform for tests and examples: {@link io.infer4j.testkit.LocalPlatform}
 * (Keycloak-compatible tokens, Wallaroo, omega-ml, plain model endpoints) with
 * {@link io.infer4j.testkit.Faults fault injection} and a {@link io.infer4j.testkit.RecordedRequest request log}.
 */
package io.infer4j.testkit;
