package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.core.internal.Json;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.ReadOptions;
import io.infer4j.table.internal.TableFormats;
import io.infer4j.table.spi.TableFormatProvider;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Arrow IPC bodies for the Wallaroo routes, through the same provider registry the client uses
 * (sdk-arrow's provider when it is on the class path; the testkit itself never depends on Arrow).
 * Arrow in becomes the pandas-records JSON the engine already reads, so validation is the same;
 * an answer in Arrow is the records flattened with {@code .} ({@code time} a timestamp), as
 * Wallaroo sends it. Without a provider, or imitating 2022 Wallaroo (before Arrow), an Arrow body
 * gets 415 and an answer asked for only in Arrow 406, as a Wallaroo without Arrow answers.
 */
final class ArrowBodies {
    static final String ARROW_FILE = TableFormats.ARROW_FILE;
    private static final ReadOptions FLATTENED = ReadOptions.defaults().withType("time", ColumnType.TIMESTAMP);
    private static final String NEEDS = "add io.infer4j:sdk-arrow to the LocalPlatform's class path, or send pandas-records JSON";

    private ArrowBodies() {
    }

    /** Whether the request body is Arrow (file or stream) by its Content-Type. */
    static boolean isArrowBody(Request r) {
        return r.contentType().startsWith("application/vnd.apache.arrow");
    }

    /**
     * The provider to read an Arrow request body with.
     *
     * @throws HttpError 415 for an Arrow stream, on a 2022 server, or when no provider is present
     */
    static TableFormatProvider forBody(Request r, TableFormats formats, boolean legacy, Family family) {
        if (!TableFormats.is(r.contentType(), ARROW_FILE)) {
            throw new HttpError(family.error(415, "Arrow IPC streams are not supported; send an Arrow IPC file ("
                    + ARROW_FILE + ")"));
        }
        if (legacy) {
            throw new HttpError(family.error(415, "Unsupported Media Type: this Wallaroo release (2022) takes no Apache Arrow; "
                    + "send pandas-records or tensor JSON"));
        }
        return formats.find(ARROW_FILE).orElseThrow(() -> new HttpError(family.error(415,
                "Unsupported Media Type: Apache Arrow input needs a TableFormatProvider; " + NEEDS)));
    }

    /** An Arrow request body as the pandas-records JSON array the engine reads; a malformed file is a 400. */
    static JsonNode records(TableFormatProvider arrow, byte[] body, Family family) {
        Table table;
        try {
            table = arrow.read(body);
        } catch (Infer4jException | IllegalArgumentException e) {
            throw new HttpError(family.error(400, "invalid Arrow IPC file: " + e.getMessage()));
        }
        try {
            return Json.mapper().readTree(PandasRecords.toBytes(table));
        } catch (IOException e) {
            throw new HttpError(family.error(400, "the Arrow table cannot be read as records: " + e.getMessage()));
        }
    }

    /**
     * The provider to answer in Arrow with, or null to answer JSON: Arrow when {@code Accept} names
     * {@link #ARROW_FILE} and it can be written; JSON when Accept does not, or also takes JSON.
     *
     * @throws HttpError 406 when only Arrow is acceptable and it cannot be written
     */
    static TableFormatProvider forAnswer(Request r, TableFormats formats, boolean legacy, Family family) {
        List<String> accepted = accepted(r);
        if (!accepted.contains(ARROW_FILE)) {
            return null;
        }
        TableFormatProvider arrow = legacy ? null : formats.find(ARROW_FILE).orElse(null);
        if (arrow != null) {
            return arrow;
        }
        if (accepted.stream().anyMatch(a -> a.equals("*/*") || a.equals("application/*") || a.startsWith("application/json"))) {
            return null;
        }
        throw new HttpError(family.error(406, legacy
                ? "Not Acceptable: this Wallaroo release (2022) answers no Apache Arrow; accept pandas-records JSON"
                : "Not Acceptable: an Apache Arrow answer needs a TableFormatProvider; " + NEEDS));
    }

    /** Records (nested or flattened) as an Arrow file: flattened with {@code .}, {@code time} a timestamp. */
    static Response answer(TableFormatProvider arrow, JsonNode records) {
        Table table = PandasRecords.read(Json.write(records), FLATTENED);
        return new Response(200, ARROW_FILE, arrow.write(table));
    }

    private static List<String> accepted(Request r) {
        String accept = r.header("accept");
        if (accept == null) {
            return List.of();
        }
        return java.util.Arrays.stream(accept.split(","))
                .map(a -> {
                    int semi = a.indexOf(';');
                    return (semi < 0 ? a : a.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
                })
                .filter(a -> !a.isEmpty()).toList();
    }
}
