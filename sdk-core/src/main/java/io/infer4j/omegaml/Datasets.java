package io.infer4j.omegaml;

import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.core.internal.Decoders;
import io.infer4j.core.internal.Operation;
import io.infer4j.core.internal.ResponseDecoder;
import io.infer4j.omegaml.internal.Decode;
import io.infer4j.omegaml.internal.OmegaContext;
import io.infer4j.omegaml.internal.Pages;
import io.infer4j.omegaml.model.DatasetInfo;
import io.infer4j.omegaml.model.DatasetQuery;
import io.infer4j.omegaml.model.Page;
import io.infer4j.omegaml.model.WriteMode;
import io.infer4j.table.Table;
import io.infer4j.table.codec.OmegaDataset;
import io.infer4j.table.codec.ReadOptions;
import io.infer4j.table.codec.WriteOptions;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Datasets (pandas DataFrames) stored on the server, read and written as {@link Table}s with
 * their index and column types. Obtain from {@link OmegaClient#datasets()}; thread-safe.
 *
 * <pre>{@code
 * omega.datasets().put("datax", Table.builder().addInt64("x", 0, 1, 2).build(), WriteMode.REPLACE);
 * Table big = omega.datasets().get("datax", DatasetQuery.all().where("x", "gte", 1));
 * }</pre>
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

    /**
     * The whole dataset ({@code GET /api/v1/dataset/{name}?orient=split}): rows in stored order,
     * labelled with the stored index, columns in stored order, typed by the server's dtypes
     * (commercial) or by their JSON values.
     *
     * @throws NotFoundException it does not exist (the open-source server answers 400 for that; the
     *                           exception keeps that status)
     */
    public Table get(String name) {
        return get(name, DatasetQuery.all());
    }

    /**
     * The rows of the dataset that match {@code query}, in stored order; row order and labels come
     * from the envelope's {@code index.values}, never from the order of the keys in {@code data}.
     * Without an orient in {@code query} the rows are asked for as {@code split}, whose column
     * list keeps the stored column order; with a keyed orient ({@code dict}, {@code list},
     * {@code index}, {@code records}) the commercial edition returns the columns sorted by name.
     *
     * @throws NotFoundException it does not exist
     * @throws io.infer4j.core.error.DecodeException the answer is not a dataset envelope, or a value does not fit its type
     */
    public Table get(String name, DatasetQuery query) {
        Objects.requireNonNull(query, "query");
        OmegaContext.Url u = ctx.api("dataset").name(name).query(query.parameters());
        // The commercial edition sorts every JSON key, so only a layout with a column list (split)
        // brings the columns back in their stored order; both editions accept it on GET.
        String orient = query.orient().orElse("split");
        if (query.orient().isEmpty()) {
            u.query("orient", orient);
        }
        HttpUrl url = u.build(false);
        ReadOptions read = new ReadOptions(query.types(), null);
        // The open-source server states no orient: tell the codec what was asked for.
        ResponseDecoder<Table> decoder = response -> OmegaDataset.read(response.body().byteStream(), read, orient).table();
        try {
            return ctx.execute(Operation.builder("datasets.get", "GET", url, decoder).idempotent(true).build());
        } catch (BadRequestException e) {
            throw isMissing(e) ? OmegaContext.notFound(e, "dataset '" + name + "'") : e;
        }
    }

    /**
     * Writes {@code table} ({@code PUT /api/v1/dataset/{name}}), appending to or replacing what is
     * stored. The dtype of every column is sent (without them the open-source server casts every
     * column to float64), timestamps travel as ISO-8601 strings and NaN/±Infinity as bare
     * {@code NaN}/{@code Infinity} tokens (JSON null would store an infinity as NaN; both editions
     * read the tokens). Against the open-source server
     * a table with an index is sent as {@code ?orient=tight}, the only layout that keeps its labels;
     * one without as a dict of lists. The commercial edition gets the {@code pandas_to_apidata}
     * layout ({@code data} by column, {@code index}, {@code orient}, {@code name}).
     *
     * @throws io.infer4j.core.error.BadRequestException the server refused the frame (e.g. a zoned
     *                                                   datetime column or a null in an int64 column
     *                                                   on the open-source server)
     */
    public void put(String name, Table table, WriteMode mode) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mode, "mode");
        OmegaContext.Url u = ctx.api("dataset").name(name);
        OmegaDataset envelope = OmegaDataset.of(table).withAppend(mode == WriteMode.APPEND);
        if (ctx.commercial()) {
            envelope = envelope.withName(name);
        } else if (table.index().isPresent()) {
            // The open-source server ignores the body's orient and index; only tight data carries labels.
            envelope = envelope.withOrient("tight");
            u.query("orient", "tight");
        } else {
            envelope = envelope.withOrient("list");
        }
        HttpUrl url = u.build(false);
        // Both editions parse the body with Python's json, which reads bare NaN/Infinity tokens; as null
        // an infinity would be stored as NaN.
        byte[] body = envelope.toBytes(WriteOptions.defaults().withNonFinite(WriteOptions.NonFinite.TOKENS));
        // Replacing with the same rows twice leaves the same dataset, so only a replace may be retried.
        ctx.execute(Operation.builder("datasets.put", "PUT", url, Decoders.discard())
                .body(body, Operation.JSON).idempotent(mode == WriteMode.REPLACE).build());
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

    /** The open-source server reads a missing dataset's metadata as None and fails with this 400. */
    private static boolean isMissing(BadRequestException e) {
        String said = OmegaContext.said(e);
        return said.contains("'nonetype' object has no attribute") || said.contains("does not exist");
    }
}
