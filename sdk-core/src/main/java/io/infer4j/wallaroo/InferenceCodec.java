package io.infer4j.wallaroo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.infer4j.core.internal.Json;
import io.infer4j.core.error.DecodeException;
import io.infer4j.table.BoolColumn;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Float32Column;
import io.infer4j.table.Float64Column;
import io.infer4j.table.Int64Column;
import io.infer4j.table.StringColumn;
import io.infer4j.table.Table;
import io.infer4j.table.TensorColumn;
import io.infer4j.table.TimestampColumn;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.ReadOptions;
import io.infer4j.table.codec.WriteOptions;
import io.infer4j.table.internal.TableFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one decoder of inference answers into {@link InferenceResult}: tells an Arrow IPC file (by
 * Content-Type, or by its magic when the type is missing or generic) from JSON, and pandas-records
 * from a legacy InferenceResult body; decodes Arrow (through sdk-arrow's provider) and
 * pandas-records into the same table in the canonical column order, and hands legacy bodies to
 * {@link LegacyCodec}. Package-private: not API.
 */
final class InferenceCodec {
    /** How failures name the format when the body's shape is not yet known. */
    static final String FORMAT = "inference response";
    private static final Set<String> LEGACY_KEYS = Set.of("outputs", "model_name", "shadow_data");
    private static final ReadOptions RECORDS = ReadOptions.defaults().withType("time", ColumnType.TIMESTAMP);
    /**
     * Flattened records ({@code "out.dense_1"} keys) with epoch-millisecond times, as Wallaroo sends
     * them with {@code dataset.separator=.}; unlike nesting, flat keys can hold any decoded table.
     */
    private static final WriteOptions RECORDS_OUT = WriteOptions.defaults().withDates(WriteOptions.Dates.EPOCH_MILLIS);

    private InferenceCodec() {
    }

    /** Decodes a saved answer of unknown type: an Arrow IPC file (by its magic), pandas-records or legacy JSON. */
    static InferenceResult decode(byte[] body) {
        return decode(body, null);
    }

    /**
     * Decodes an answer by its Content-Type: Arrow for {@code application/vnd.apache.arrow.file},
     * and also for a missing or {@code application/octet-stream} type when the body starts with
     * Arrow's magic; otherwise pandas-records or legacy JSON (told apart by the first record's keys).
     *
     * @throws io.infer4j.core.error.ConfigurationException for an Arrow answer without sdk-arrow
     */
    static InferenceResult decode(byte[] body, String contentType) {
        if (isArrow(body, contentType)) {
            return fromTable(arrowTable(body), InferenceResult.Format.ARROW);
        }
        return isLegacy(body) ? LegacyCodec.read(body) : records(body);
    }

    /** The records of a {@code get_logs} page, Arrow or pandas-records, as {@link #decode(byte[], String)} tells them apart. */
    static Table logRecords(byte[] body, String contentType) {
        return isArrow(body, contentType) ? fromTable(arrowTable(body), InferenceResult.Format.ARROW).table()
                : records(body).table();
    }

    /** Whether the answer is an Arrow IPC file: by its Content-Type, or by its magic when that says nothing. */
    static boolean isArrow(byte[] body, String contentType) {
        String type = TableFormats.normalize(contentType);
        if (TableFormats.ARROW_FILE.equals(type)) {
            return true;
        }
        return (type == null || type.equals("application/octet-stream"))
                && TableFormats.installed().sniffMediaType(body).filter(TableFormats.ARROW_FILE::equals).isPresent();
    }

    private static Table arrowTable(byte[] body) {
        return TableFormats.installed().require(TableFormats.ARROW_FILE).read(body);
    }

    /** Writes a result in the format it was decoded from. */
    static void write(InferenceResult result, OutputStream out) {
        if (result.format() == InferenceResult.Format.LEGACY) {
            LegacyCodec.write(result.legacyResults(), out);
        } else if (result.format() == InferenceResult.Format.ARROW) {
            byte[] bytes = TableFormats.installed().require(TableFormats.ARROW_FILE).write(result.table());
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            PandasRecords.write(result.table(), out, RECORDS_OUT);
        }
    }

    /** Decodes a pandas-records body: {@code time} as timestamps, columns in {@link #canonicalOrder}, outputs from {@code out.*}. */
    static InferenceResult records(byte[] body) {
        return fromTable(PandasRecords.read(body, RECORDS), InferenceResult.Format.PANDAS_RECORDS);
    }

    /**
     * A decoded answer table (flattened names: {@code time}, {@code in.x}, {@code out.y},
     * {@code anomaly.count}, {@code metadata.*}) as a result: {@code time} as a timestamp column
     * (Arrow may send epoch milliseconds as int64), columns in {@link #canonicalOrder}, outputs
     * from {@code out.*}. Arrow and pandas-records answers of the same content give the same table.
     */
    static InferenceResult fromTable(Table decoded, InferenceResult.Format format) {
        Table table = canonicalOrder(timeAsTimestamp(decoded));
        Map<String, OutputTensor> outputs = new LinkedHashMap<>();
        for (Column c : table.columns()) {
            if (c.name().startsWith("out.")) {
                OutputTensor t = outputOf(c.name().substring(4), c, table.rowCount());
                if (t != null) {
                    outputs.put(t.name(), t);
                }
            }
        }
        return new InferenceResult(format, table, outputs, List.of());
    }

    /**
     * {@code time} as the naive timestamp column pandas-records gives: int64 epoch milliseconds
     * become instants, a zone is dropped (the instants stay; JSON carries none).
     */
    private static Table timeAsTimestamp(Table table) {
        if (!table.hasColumn("time")) {
            return table;
        }
        Column c = table.column("time");
        if (c instanceof TimestampColumn ts) {
            return ts.zone().isPresent() ? table.withColumn(ts.withZone(null)) : table;
        }
        if (c instanceof Int64Column millis) {
            long[] nanos = new long[millis.size()];
            BitSet nulls = new BitSet();
            for (int r = 0; r < nanos.length; r++) {
                if (millis.isNull(r)) {
                    nulls.set(r);
                    continue;
                }
                try {
                    nanos[r] = Math.multiplyExact(millis.getLong(r), 1_000_000L);
                } catch (ArithmeticException e) {
                    throw new DecodeException("time " + millis.getLong(r) + " ms is out of the timestamp range",
                            "row " + r + ", column time", -1, e);
                }
            }
            return table.withColumn(TimestampColumn.ofEpochNanos("time", nanos, nulls, null));
        }
        throw new DecodeException("time is a " + c.type() + " column; expected timestamps or epoch milliseconds",
                "column time", -1, null);
    }

    /**
     * The columns in one order whether the answer was nested or flattened: {@code time}, then
     * {@code in.*}, {@code out.*}, shadow {@code out_<model>.*}, {@code check_failures},
     * {@code anomaly.*} and {@code metadata.*}, then anything else as it came. That is the nested
     * answer's order and the column order of the Python SDK's DataFrames; a flattened answer comes
     * with its keys sorted, so without this {@code metadata.dropped} would lead
     * {@code metadata.last_model} and {@code anomaly.count} would lead {@code time}. Inside
     * {@code in}, {@code out} and shadow outputs names sort as both shapes send them; metadata keeps
     * the nested field order and {@code anomaly.count} leads the named validations.
     */
    static Table canonicalOrder(Table table) {
        List<String> names = new ArrayList<>(table.columnNames());
        List<String> arrival = List.copyOf(names);
        names.sort(Comparator.comparingInt(InferenceCodec::section)
                .thenComparingInt(n -> section(n) == OTHER ? arrival.indexOf(n) : rankInSection(n))
                .thenComparing(Comparator.naturalOrder()));
        return names.equals(arrival) ? table : table.select(names.toArray(new String[0]));
    }

    private static final int OTHER = 7;
    /** Fields of {@code metadata} in the order of the nested answer (2023.1 had only last_model). */
    private static final List<String> METADATA = List.of("last_model", "pipeline_version", "elapsed", "dropped", "partition");

    private static int section(String name) {
        if (name.equals("time")) {
            return 0;
        }
        if (name.startsWith("in.")) {
            return 1;
        }
        if (name.startsWith("out.")) {
            return 2;
        }
        if (name.startsWith("out_")) {
            return 3;
        }
        if (name.equals("check_failures") || name.startsWith("check_failures.")) {
            return 4;
        }
        if (name.startsWith("anomaly.")) {
            return 5;
        }
        return name.startsWith("metadata.") ? 6 : OTHER;
    }

    /** 0 for every name that sorts by name; metadata's known fields and anomaly.count come first. */
    private static int rankInSection(String name) {
        if (name.startsWith("metadata.")) {
            int i = METADATA.indexOf(name.substring("metadata.".length()));
            return i < 0 ? METADATA.size() : i;
        }
        return name.equals("anomaly.count") ? -1 : 0;
    }

    /** A whole output column as one tensor (rows first); null for ragged, JSON or partly missing columns. */
    private static OutputTensor outputOf(String name, Column c, int rows) {
        if (c.nullCount() > 0) {
            return null;
        }
        if (c instanceof TensorColumn tc) {
            if (tc.fixedShape().isEmpty()) {
                return null;
            }
            int[] inner = tc.fixedShape().get();
            int[] shape = new int[inner.length + 1];
            shape[0] = rows;
            System.arraycopy(inner, 0, shape, 1, inner.length);
            Object values = switch (tc.elementType()) {
                case INT64 -> tc.toLongArray();
                case FLOAT32 -> tc.toFloatArray();
                default -> tc.toDoubleArray();
            };
            return new OutputTensor(name, tc.elementType().name(), shape, tc.elementType(), values, 1);
        }
        Object values;
        if (c instanceof Float64Column f) {
            values = f.toDoubleArray();
        } else if (c instanceof Float32Column f) {
            values = f.toFloatArray();
        } else if (c instanceof Int64Column l) {
            values = l.toLongArray();
        } else if (c instanceof StringColumn s) {
            values = s.toArray();
        } else if (c instanceof BoolColumn b) {
            values = b.toBooleanArray();
        } else {
            return null;
        }
        return new OutputTensor(name, c.type().name(), new int[] {rows}, c.type(), values, 1);
    }

    /** Whether the first element of the top-level array (or a lone top-level object) has a legacy InferenceResult key. */
    static boolean isLegacy(byte[] body) {
        try (JsonParser p = Json.factory().createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT && (first != JsonToken.START_ARRAY || p.nextToken() != JsonToken.START_OBJECT)) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (LEGACY_KEYS.contains(p.currentName())) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            throw Json.decodeFailure(FORMAT, e, body);
        }
    }
}
