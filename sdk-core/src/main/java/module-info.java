/**
 * infer4j core: the transport, errors and auth SPI, tables and their codecs, and the Wallaroo,
 * omega-ml and model-endpoint clients.
 *
 * <p>The {@code internal} packages are exported only to the infer4j modules that build on them;
 * on the class path, where the module system cannot hold that line, an architecture test does
 * (docs/design.md, "Module boundaries").
 */
// The modules named in the qualified exports are built after this one, so javac cannot see them yet.
@SuppressWarnings("module")
module io.infer4j.core {
    // Types of these appear in our API: JsonNode in results and models, OkHttpClient in the builders.
    requires transitive com.fasterxml.jackson.databind;
    requires transitive okhttp3;
    requires org.slf4j;
    // omega-ml's GET with a body goes through the JDK client: OkHttp refuses to send one (docs/omegaml.md).
    requires java.net.http;

    exports io.infer4j.core;
    exports io.infer4j.core.auth;
    exports io.infer4j.core.error;
    exports io.infer4j.endpoint;
    exports io.infer4j.omegaml;
    exports io.infer4j.omegaml.model;
    exports io.infer4j.table;
    exports io.infer4j.table.codec;
    exports io.infer4j.table.spi;
    exports io.infer4j.task;
    exports io.infer4j.wallaroo;
    exports io.infer4j.wallaroo.model;

    // sdk-auth sends its token requests through the transport and reads JSON with our mapper; the
    // testkit answers with the same mapper and masks secrets in its request log the same way.
    exports io.infer4j.core.internal to io.infer4j.auth, io.infer4j.testkit;
    // The testkit's engine reads and answers Arrow through the same provider registry as the client.
    exports io.infer4j.table.internal to io.infer4j.testkit, io.infer4j.arrow;

    // Jackson databind builds the Wallaroo answers: the public records in wallaroo.model and the
    // clients' private answer records in wallaroo.
    opens io.infer4j.wallaroo to com.fasterxml.jackson.databind;
    opens io.infer4j.wallaroo.model to com.fasterxml.jackson.databind;

    // WallarooClient's Keycloak login comes from sdk-auth when it is present (see io.infer4j.auth).
    uses io.infer4j.wallaroo.WallarooAuthFactory;
    // ModelEndpoint.fromEnv()'s client-credentials login comes from sdk-auth the same way.
    uses io.infer4j.endpoint.EndpointAuthFactory;
    // Binary table formats (Arrow IPC from sdk-arrow) for inference and logs.
    uses io.infer4j.table.spi.TableFormatProvider;
}
