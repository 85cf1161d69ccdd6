package io.infer4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.core.error.TransportException;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** TLS verification and credential forwarding: what must hold even when everything else fails. */
class TransportSecurityTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    @StartStop
    final MockWebServer otherHost = new MockWebServer();

    private static Operation<JsonNode> get(HttpUrl url) {
        return Operation.builder("security.get", "GET", url, Decoders.tree("answer")).idempotent(true).build();
    }

    @Test
    void selfSignedServerIsRejectedByDefaultAndAcceptedWhenTrusted() {
        HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(cert).build();
        server.useHttps(serverCerts.sslSocketFactory());
        server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());

        try (HttpTransport defaults = new HttpTransport(ClientOptions.builder().build())) {
            assertThatThrownBy(() -> defaults.execute(get(server.url("/secure"))))
                    .isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class));
        }

        HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(cert.certificate()).build();
        OkHttpClient trusting = new OkHttpClient.Builder()
                .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
        try (HttpTransport configured = new HttpTransport(ClientOptions.builder().httpClient(trusting).build())) {
            assertThat(configured.execute(get(server.url("/secure"))).get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void authorizationIsNotForwardedToAnotherHostOnRedirect() throws Exception {
        // Same port space, different host name: "localhost" vs "127.0.0.1".
        HttpUrl target = otherHost.url("/landing").newBuilder().host("127.0.0.1").build();
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", target.toString()).build());
        otherHost.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());

        try (HttpTransport t = new HttpTransport(ClientOptions.builder().auth(BearerTokenAuth.of("tok-secret")).build())) {
            t.execute(get(server.url("/start").newBuilder().host("localhost").build()));
        }

        RecordedRequest first = server.takeRequest();
        RecordedRequest redirected = otherHost.takeRequest();
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer tok-secret");
        assertThat(redirected.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void secretJsonKeysAreMaskedInAnyPosition() {
        String masked = Redaction.maskJsonSecrets(
                "{\"user\":\"a\",\"password\":\"p\\\"w\",\"nested\":{\"client_secret\":\"cs\"},\"token\":12345,\"keep\":\"x\"}");
        assertThat(masked).doesNotContain("p\\\"w").doesNotContain("\"cs\"").doesNotContain("12345")
                .contains("\"keep\":\"x\"").contains("\"user\":\"a\"");
        assertThat(Redaction.maskJsonSecrets("grant_type=password&username=u&password=hunter2&client_secret=zz"))
                .doesNotContain("hunter2").doesNotContain("zz").contains("username=u");
    }
}
