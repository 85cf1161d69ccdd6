package io.infer4j.omegaml;

import io.infer4j.core.internal.Decoders;
import io.infer4j.omegaml.internal.Decode;
import io.infer4j.omegaml.internal.OmegaContext;
import io.infer4j.omegaml.internal.Pages;
import io.infer4j.omegaml.model.DatasetInfo;
import io.infer4j.omegaml.model.Page;
import okhttp3.HttpUrl;

/**
 * Datasets (pandas DataFrames) stored on the server. Obtain from {@link OmegaClient#datasets()};
 * thread-safe.
 */
public final class Datasets {
    private final OmegaContext ctx;

    Datasets(OmegaContext ctx) {
        this.ctx = ctx;
    }

    /**
     * One page of datasets (commercial {@code GET /api/v1/dataset/?limit=&offset=}).
     *
     * @throws io.infer4j.core.error.UnsupportedByServerException on the open-source server, which has no dataset list
     */
    public Page<DatasetInfo> list(int limit, int offset) {
        if (limit <= 0 || offset < 0) {
            throw new IllegalArgumentException("need limit > 0 and offset >= 0, got " + limit + " and " + offset);
        }
        HttpUrl url = ctx.api("dataset").query("limit", Integer.toString(limit))
                .query("offset", Integer.toString(offset)).build(true);
        return ctx.commercialOnly("datasets.list",
                () -> Decode.page(ctx.call("datasets.list", "GET", url, null, true), Decode::datasetInfo, "dataset list"));
    }

    /** Every dataset, fetched page by page (20 at a time) as the iteration proceeds (commercial only). */
    public Iterable<DatasetInfo> listAll() {
        return Pages.iterate(offset -> list(20, offset));
    }

    /**
     * Deletes the dataset ({@code DELETE /api/v1/dataset/{name}}).
     *
     * @throws io.infer4j.core.error.NotFoundException it does not exist
     */
    public void delete(String name) {
        HttpUrl url = ctx.api("dataset").name(name).build(false);
        ctx.execute(ctx.op("datasets.delete", "DELETE", url, null, Decoders.discard()).build());
    }
}
