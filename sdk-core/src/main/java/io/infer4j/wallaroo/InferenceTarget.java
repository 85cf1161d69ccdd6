package io.infer4j.wallaroo;

import java.net.URI;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where an inference goes: a pipeline's inference URL, or a workspace id + pipeline name whose
 * external URL the client looks up once ({@code admin/get_pipeline_external_url}) and caches.
 */
public final class InferenceTarget {
    private final URI url;
    private final long workspaceId;
    private final String pipelineName;
    /** The last resolved URL, parsed: parsing it again on every call cost ~10 % of a one-row inference. */
    private volatile Parsed parsed;

    private record Parsed(URI uri, HttpUrl url) {
    }

    private InferenceTarget(URI url, long workspaceId, String pipelineName) {
        this.url = url;
        this.workspaceId = workspaceId;
        this.pipelineName = pipelineName;
    }

    /** A known inference URL, e.g. {@code https://host/v1/api/pipelines/infer/ccfraud-14/ccfraud}. */
    public static InferenceTarget url(URI url) {
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute()) {
            throw new IllegalArgumentException("inference URL must be absolute, was " + url);
        }
        return new InferenceTarget(url, 0, null);
    }

    /** A known inference URL as text. */
    public static InferenceTarget url(String url) {
        return url(URI.create(Objects.requireNonNull(url, "url")));
    }

    /** The deployed pipeline {@code pipelineName} of workspace {@code workspaceId}. */
    public static InferenceTarget pipeline(long workspaceId, String pipelineName) {
        Workspaces.requireText(pipelineName, "pipelineName");
        return new InferenceTarget(null, workspaceId, pipelineName);
    }

    URI resolve(ExternalUrls urls) {
        return url != null ? url : urls.external(workspaceId, pipelineName);
    }

    /** {@link #resolve} as an OkHttp URL, reusing the previous parse while the URL is unchanged. */
    HttpUrl httpUrl(ExternalUrls urls) {
        URI uri = resolve(urls);
        Parsed p = parsed;
        if (p == null || !p.uri().equals(uri)) {
            p = new Parsed(uri, HttpUrl.get(uri.toString()));
            parsed = p;
        }
        return p.url();
    }

    @Override
    public String toString() {
        return url != null ? url.toString() : "pipeline " + pipelineName + " in workspace " + workspaceId;
    }
}
