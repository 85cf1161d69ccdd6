/**
 * infer4j auth: Keycloak / OpenID Connect token providers (password, client credentials,
 * refresh) and token stores.
 *
 * <p>Provides {@code WallarooClient}'s Keycloak login: with this module present, a Wallaroo
 * user/password or client-credentials login works without naming any class of it.
 */
module io.infer4j.auth {
    // Our API is built on core's (AuthProvider, the builders' OkHttpClient), so users get it too.
    requires transitive io.infer4j.core;
    requires com.nimbusds.jose.jwt;
    requires org.slf4j;

    exports io.infer4j.auth.keycloak;

    provides io.infer4j.wallaroo.WallarooAuthFactory with io.infer4j.auth.keycloak.KeycloakWallarooAuthFactory;
    provides io.infer4j.endpoint.EndpointAuthFactory with io.infer4j.auth.keycloak.KeycloakEndpointAuthFactory;
}
