package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.internal.WallarooApi.body;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.infer4j.core.error.DecodeException;
import io.infer4j.wallaroo.internal.WallarooApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks up a pipeline's inference URL: {@code admin/get_pipeline_external_url} (through the
 * public gateway) and {@code admin/get_pipeline_internal_url} (in-cluster). Answers are cached
 * per client (views from {@code withOptions} share the cache), keyed by workspace id and pipeline name; {@link #invalidate} drops an entry after a
 * redeploy changed the deployment id in the URL. Thread-safe.
 */
public final class ExternalUrls {
    private final WallarooApi api;
    private final Map<String, URI> cache;

    ExternalUrls(WallarooApi api) {
        this(api, new ConcurrentHashMap<>());
    }

    private ExternalUrls(WallarooApi api, Map<String, URI> cache) {
        this.api = api;
        this.cache = cache;
    }

    /** The same cache, looked up through {@code api} (a client view's options). */
    ExternalUrls with(WallarooApi api) {
        return new ExternalUrls(api, cache);
    }

    /** The external inference URL of a deployed pipeline (cached). */
    public URI external(long workspaceId, String pipelineName) {
        return lookup("external", workspaceId, pipelineName);
    }

    /** The in-cluster inference URL of a deployed pipeline (cached). */
    public URI internal(long workspaceId, String pipelineName) {
        return lookup("internal", workspaceId, pipelineName);
    }

    /** Forgets the cached URLs of this pipeline, so the next lookup asks the server again. */
    public void invalidate(long workspaceId, String pipelineName) {
        cache.remove(key("external", workspaceId, pipelineName));
        cache.remove(key("internal", workspaceId, pipelineName));
    }

    private URI lookup(String kind, long workspaceId, String pipelineName) {
        Workspaces.requireText(pipelineName, "pipelineName");
        // computeIfAbsent would hold a map lock during the HTTP call; a rare duplicate lookup is cheaper.
        String key = key(kind, workspaceId, pipelineName);
        URI cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        String name = "admin.get_pipeline_" + kind + "_url";
        UrlAnswer answer = api.call(name, "admin/get_pipeline_" + kind + "_url",
                body("workspace_id", workspaceId, "pipeline_name", pipelineName), true, UrlAnswer.class);
        String url = WallarooApi.required(answer.url(), "url", name);
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute()) {
                throw new URISyntaxException(url, "not an absolute URL");
            }
            cache.put(key, uri);
            return uri;
        } catch (URISyntaxException e) {
            throw new DecodeException("Cannot decode " + name + " response: '" + url + "' is not a URL", "url", -1, e);
        }
    }

    private static String key(String kind, long workspaceId, String pipelineName) {
        return kind + '\u0000' + workspaceId + '\u0000' + pipelineName;
    }

    private record UrlAnswer(@JsonProperty("url") String url) {
    }
}
