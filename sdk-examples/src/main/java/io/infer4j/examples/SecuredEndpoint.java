package io.infer4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.core.Settings;
import io.infer4j.endpoint.ModelEndpoint;
import io.infer4j.testkit.LocalPlatform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plain model service behind OAuth2, like a FastAPI app that checks bearer JWTs: a service
 * account gets a token with the client-credentials grant, then calls {@code GET /health} and
 * uploads a file to {@code POST /upload} as {@code multipart/form-data}.
 *
 * <p>Runs against the embedded {@code LocalPlatform}, or against your service when
 * {@code MODEL_URL} is set, with {@code MODEL_TOKEN_URL}, {@code MODEL_CLIENT_ID} and
 * {@code MODEL_CLIENT_SECRET} (and optionally {@code MODEL_SCOPE}) for its Keycloak: environment
 * variables, {@code -Dmodel.url=...} style system properties or a profile in
 * {@code ~/.infer4j/config.properties} (docs/configuration.md).
 *
 * <pre>mvn -B -q -pl sdk-examples -am verify -Drun=SecuredEndpoint</pre>
 */
public final class SecuredEndpoint {
    private SecuredEndpoint() {
    }

    /** Runs the calls and prints the answers and token events. */
    public static void main(String[] args) throws IOException {
        try (LocalPlatform local = Examples.platformUnless(Settings.MODEL_URL)) {
            // ModelEndpoint.fromEnv() would build this provider from the same settings; building it here
            // lets the example print each token it obtains.
            KeycloakTokenProvider.Builder tokens = KeycloakTokenProvider.builder().clientCredentials()
                    .tokenStore(Examples.announcingTokenStore());
            if (local == null) {
                tokens.tokenUrl(Examples.required(Settings.MODEL_TOKEN_URL))
                        .clientId(Examples.required(Settings.MODEL_CLIENT_ID))
                        .clientSecret(Examples.required(Settings.MODEL_CLIENT_SECRET));
                if (Examples.setting(Settings.MODEL_SCOPE) != null) {
                    tokens.scope(Examples.setting(Settings.MODEL_SCOPE));
                }
            } else {
                tokens.tokenUrl(local.tokenUrl()).clientId(local.endpointClientId()).clientSecret(local.endpointClientSecret());
            }
            String url = local == null ? Examples.required(Settings.MODEL_URL) : local.endpointUrl();

            Path dir = Files.createTempDirectory("infer4j-example-");
            Path file = dir.resolve("review.txt");
            try (ModelEndpoint model = ModelEndpoint.builder().baseUrl(url).auth(tokens.build()).build()) {
                ModelEndpoint.Health health = model.health();
                System.out.println("GET /health: " + health.status() + " " + health.body() + (health.ok() ? " (healthy)" : ""));

                Files.writeString(file, "Grüße aus infer4j: a file for the model\n", StandardCharsets.UTF_8);
                JsonNode answer = model.upload("upload", "file", file, "text/plain");
                System.out.println("POST /upload: " + answer.toPrettyString());

                if (local != null) {
                    // Tokens can die before their stated expiry (a logout, a key rotation). Simulate it: the
                    // next call gets a 401, and the SDK renews the token and replays the upload by itself.
                    local.faults().expireTokens();
                    JsonNode again = model.upload("upload", "file", file, "text/plain");
                    System.out.println("after the server expired every token, POST /upload still answered: size "
                            + again.path("size").asLong() + ", prediction " + again.path("prediction").asDouble());
                }
            } finally {
                Files.deleteIfExists(file);
                Files.delete(dir);
            }
        }
    }
}
