package io.infer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    static LocalPlatform platform;
    static Http http;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start();
        http = new Http(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    Http.Reply upload(String token) {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("file", "x.bin", RequestBody.create(new byte[] {1, (byte) 200, 3, 4},
                        MediaType.get("application/octet-stream"))).build();
        Request.Builder b = new Request.Builder().url(platform.endpointUrl() + "/upload").post(body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build());
    }

    @Test
    void healthIsOpen() {
        assertThat(http.get(platform.endpointUrl() + "/health", null).body()).isEqualTo("{\"status\":\"OK\"}");
    }

    @Test
    void uploadWithClientCredentialsTokenOfTheEndpointClient() {
        String token = http.token(Map.of("grant_type", "client_credentials"), platform.endpointClientId(),
                platform.endpointClientSecret()).json().get("access_token").asText();
        Http.Reply r = upload(token);
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("filename").asText()).isEqualTo("x.bin");
        assertThat(j.get("size").asInt()).isEqualTo(4);
        assertThat(j.get("prediction").asDouble()).isEqualTo(0.25);
    }

    @Test
    void uploadRejectsMissingExpiredWrongAudienceForeignAndWrongScope() {
        assertThat(upload(null).status()).isEqualTo(401);
        assertThat(upload(null).json().get("detail").asText()).isEqualTo("Not authenticated");
        String scope = platform.endpointScope();
        String aud = platform.endpointAudience();
        assertThat(upload(platform.tokens().audience(aud).scope(scope).lifetime(Duration.ofSeconds(-5)).sign()).status()).isEqualTo(401);
        assertThat(upload(platform.tokens().audience("someone-else").scope(scope).sign()).status()).isEqualTo(401);
        assertThat(upload(platform.tokens().audience(aud).scope(scope).signedWithForeignKey().sign()).status()).isEqualTo(401);
        assertThat(upload(platform.tokens().audience(aud).scope(scope).issuer("http://evil").sign()).status()).isEqualTo(401);
        Http.Reply wrongScope = upload(platform.tokens().audience(aud).scope("profile email").sign());
        assertThat(wrongScope.status()).isEqualTo(403);
        assertThat(wrongScope.json().get("detail").asText()).isEqualTo("Not enough permissions");
        assertThat(upload(platform.tokens().audience(aud, "account").scope("email " + scope).sign()).status()).isEqualTo(200);
        // a user token of the default client has the wrong audience
        assertThat(upload(http.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void csvEndpointPredictsEachRowAndAnswersCors() {
        Http.Reply r = http.send(new Request.Builder().url(platform.csvEndpointUrl()).header("x-api-key", platform.apiKey())
                .post(RequestBody.create("a,b\n1,2\n0,0\n", MediaType.get("text/csv"))).build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("predictions")).hasSize(2);
        assertThat(r.json().get("predictions").get(0).floatValue())
                .isEqualTo(io.infer4j.testkit.internal.BuiltinModels.fraud(new double[] {1, 2}));
        assertThat(r.headers().get("Access-Control-Allow-Origin")).isEqualTo("*");

        Http.Reply noKey = http.send(new Request.Builder().url(platform.csvEndpointUrl())
                .post(RequestBody.create("1,2\n", MediaType.get("text/csv"))).build());
        assertThat(noKey.status()).isEqualTo(403);

        Http.Reply options = http.send(new Request.Builder().url(platform.csvEndpointUrl()).method("OPTIONS", null).build());
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.headers().get("Access-Control-Allow-Methods")).contains("POST");
    }
}
