/**
 * A user's application as a named module: it reads only what the infer4j modules export to it.
 * sdk-auth is required for its service (the Keycloak login), not for any class named here; sdk-arrow
 * for ArrowTables and for its table-format service, which core and the testkit find by themselves.
 */
module io.infer4j.modulepathcheck {
    requires io.infer4j.core;
    requires io.infer4j.auth;
    requires io.infer4j.testkit;
    requires io.infer4j.arrow;
}
