package io.infer4j.omegaml.model;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.internal.Json;
import io.infer4j.table.Table;
import io.infer4j.table.codec.OmegaDataset;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.ReadOptions;
import java.util.Locale;

/**
 * {@link ModelResult#asTable()}'s reading of a result value. It lives beside the record, not in
 * {@code omegaml.internal}: the internal decoders build {@code ModelResult}s, so the record must
 * not call back into them.
 */
final class ResultTables {
    /** Writes NaN/Infinity as the bare tokens the codecs read (Jackson's default would turn them into strings). */
    private static final ObjectWriter TOKENS = Json.mapper().writer().without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);

    private ResultTables() {
    }

    /**
     * A tabular model result as a Table, read the way {@code pd.DataFrame(result)} reads it: a
     * dataset envelope ({@code data} plus {@code index} or {@code dtypes}), a dict of columns
     * ({@code {col: [..]}} or {@code {col: {row: v}}}), a list of records, a list of rows (columns
     * {@code "0"}, {@code "1"}, ...) or a flat list (one column {@code "0"}).
     */
    static Table table(JsonNode result) {
        try {
            if (result.isObject()) {
                if (result.has("data") && (result.has("index") || result.has("dtypes"))) {
                    return OmegaDataset.read(TOKENS.writeValueAsBytes(result), ReadOptions.defaults().keepNested()).table();
                }
                boolean columns = result.size() > 0;
                for (JsonNode v : result) {
                    columns &= v.isArray() || v.isObject();
                }
                if (!columns) {
                    throw notTabular("an object whose values are not all columns (arrays or objects)");
                }
                return envelope(result);
            }
            if (!result.isArray()) {
                throw notTabular(result.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            if (result.isEmpty()) {
                return Table.empty(0);
            }
            JsonNode first = result.get(0);
            if (first.isObject()) {
                return PandasRecords.read(TOKENS.writeValueAsBytes(result), ReadOptions.defaults().keepNested());
            }
            ObjectNode byColumn = Json.mapper().createObjectNode();
            if (!first.isArray()) {
                byColumn.set("0", result);
                return envelope(byColumn);
            }
            for (int c = 0; c < first.size(); c++) {
                byColumn.putArray(Integer.toString(c));
            }
            for (int r = 0; r < result.size(); r++) {
                JsonNode row = result.get(r);
                if (!row.isArray() || row.size() != first.size()) {
                    throw notTabular("a list of rows whose row " + r + " is not an array of " + first.size() + " values");
                }
                for (int c = 0; c < row.size(); c++) {
                    ((ArrayNode) byColumn.get(Integer.toString(c))).add(row.get(c));
                }
            }
            return envelope(byColumn);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DecodeException("Cannot decode model result as a table: " + e.getOriginalMessage());
        }
    }

    /** Columns in a dataset envelope without orient, so the codec tells dict from list by the shape. */
    private static Table envelope(JsonNode columns) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode env = Json.mapper().createObjectNode();
        env.set("data", columns);
        return OmegaDataset.read(TOKENS.writeValueAsBytes(env), ReadOptions.defaults().keepNested()).table();
    }

    private static DecodeException notTabular(String what) {
        return new DecodeException("Cannot decode model result as a table: it is " + what);
    }
}
