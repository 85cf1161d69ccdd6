package io.infer4j.testkit;

/** Which omega-ml server dialect the {@link LocalPlatform} speaks at {@code /api/v1}. */
public enum OmegaEdition {
    /**
     * The open-source Flask server: no authentication, dataset GET answers {@code data} and
     * {@code index} only, PUT answers 200 with {@code ""}, model actions answer
     * {@code {"model", "result", "resource_uri"}}, no list endpoints.
     */
    OPEN_SOURCE,
    /**
     * The commercial (hub) tastypie server: {@code Authorization: ApiKey user:key} required (401 with
     * an empty body otherwise), datasets with {@code dtypes}/{@code name}/{@code orient}, list
     * endpoints with {@code meta}/{@code objects} pages, PUT/DELETE answering 204, model actions
     * answering {@code {"datax", "datay", "result"}}, {@code /api/v1/config/}.
     */
    COMMERCIAL
}
