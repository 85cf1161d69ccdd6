package io.infer4j.omegaml.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.ClientOptions;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.error.ClientTimeoutException;
import io.infer4j.core.error.TransportException;
import io.infer4j.core.internal.ErrorBodies;
import io.infer4j.core.internal.HttpTransport;
import io.infer4j.core.internal.Json;
import io.infer4j.core.internal.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A {@code GET} that carries a JSON body. The open-source omega-ml server reads a task result's
 * {@code resource_uri} only from the body of {@code GET /api/v1/task/{id}/result}, and OkHttp
 * refuses to send a body with {@code GET}, so this one request goes through the JDK's HTTP client.
 * Auth headers, timeouts and error mapping are the transport's; the caller's proxy and TLS settings
 * on a custom OkHttpClient do not apply to it (documented in docs/omegaml.md).
 */
final class GetWithBody {
    private final ClientOptions options;
    private volatile HttpClient client;

    GetWithBody(ClientOptions options) {
        this.options = options;
    }

    /** Sends the GET; {@code ro} (a client view's options) gives the attempt timeout and extra headers. */
    JsonNode get(String name, HttpUrl url, Object body, RequestOptions ro) {
        String shownUrl = Redaction.url(url);
        Duration attempt = ro.applyTo(options.timeouts()).attempt();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(attempt)
                .method("GET", HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", HttpTransport.USER_AGENT);
        ro.headers().forEach(b::setHeader);
        options.auth().authHeaders().asMap().forEach(b::setHeader);
        HttpResponse<byte[]> response;
        try {
            response = client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ClientTimeoutException(ClientTimeoutException.Kind.ATTEMPT, attempt,
                    "GET " + shownUrl + " timed out after " + attempt, true, e);
        } catch (IOException e) {
            throw new TransportException("GET " + shownUrl + " failed: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("GET " + shownUrl + " was interrupted", true, e);
        }
        byte[] bytes = response.body();
        if (response.statusCode() / 100 != 2) {
            Headers.Builder h = new Headers.Builder();
            for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
                e.getValue().forEach(v -> h.addUnsafeNonAscii(e.getKey(), v));
            }
            throw ErrorBodies.toException(response.statusCode(), h.build(),
                    new String(bytes, java.nio.charset.StandardCharsets.UTF_8), "GET", shownUrl);
        }
        return bytes.length == 0 ? Json.mapper().nullNode() : Json.readTree(bytes, name + " response");
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeouts().connect())
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                c = client;
            }
        }
        return c;
    }
}
