package io.infer4j.arrow;

import io.infer4j.arrow.internal.FromArrow;
import io.infer4j.arrow.internal.Ipc;
import io.infer4j.arrow.internal.ToArrow;
import io.infer4j.table.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@link Table} to and from Apache Arrow: vectors ({@link #toArrow}, {@link #fromArrow}) and IPC
 * files and streams as bytes or streams. Every column type maps both ways without loss:
 *
 * <table>
 *   <caption>Column types and Arrow types</caption>
 *   <tr><th>Table</th><th>written as</th><th>also read from</th></tr>
 *   <tr><td>INT64</td><td>int64</td><td>int8/16/32, uint8/16/32, uint64 up to 2^63-1, decimal with scale 0</td></tr>
 *   <tr><td>FLOAT64 / FLOAT32</td><td>double / float</td><td>halffloat (as FLOAT32)</td></tr>
 *   <tr><td>BOOL, STRING</td><td>bool, utf8</td><td>large_utf8, utf8_view, dictionary-encoded</td></tr>
 *   <tr><td>TIMESTAMP</td><td>timestamp in the coarsest exact unit, with the column's zone</td><td>any unit; date32/date64</td></tr>
 *   <tr><td>JSON</td><td>utf8 with the {@code arrow.json} extension</td><td>lists of non-numbers (one JSON array per cell), null type</td></tr>
 *   <tr><td>TENSOR, fixed shape</td><td>{@code fixed_size_list} with Wallaroo's {@code tensor_type {"shape": [...]}}</td><td>nested fixed-size lists</td></tr>
 *   <tr><td>TENSOR, ragged</td><td>{@code list}, nested once per dimension</td><td>large_list</td></tr>
 * </table>
 *
 * Structs flatten into {@code parent.child} columns, as Wallaroo's flattened answers name them. A
 * non-default index is written as {@code __index_level_i__} fields with pandas' {@code pandas}
 * schema metadata, so {@code pyarrow}'s {@code to_pandas()} restores it, and read back from that
 * metadata. Any other Arrow type (map, union, binary, decimal with a scale, time, duration,
 * interval) is a {@link io.infer4j.core.error.DecodeException} naming the field and type.
 *
 * <p>Flat tables of numbers, strings, booleans, timestamps and rank-1 tensors go between bytes and
 * the table's arrays directly. Vectors ({@link #toArrow}, {@link #fromArrow}) and the IPC layouts
 * that go through Arrow Java (dictionaries, structs, nested lists, null tensor rows, other types)
 * need the JVM flag {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on Java 17+; without it
 * they throw a {@link io.infer4j.core.error.ConfigurationException} that names it (docs/arrow.md).
 * Stateless and thread-safe.
 */
public final class ArrowTables {
    /** Media type of an Arrow IPC file (Wallaroo's inference format). */
    public static final String FILE_MEDIA_TYPE = "application/vnd.apache.arrow.file";
    /** Media type of an Arrow IPC stream. */
    public static final String STREAM_MEDIA_TYPE = "application/vnd.apache.arrow.stream";

    private ArrowTables() {
    }

    /** The Arrow schema {@code table} is written with. */
    public static Schema schema(Table table) {
        return ToArrow.schema(Objects.requireNonNull(table, "table"));
    }

    /**
     * A new {@link VectorSchemaRoot} holding {@code table}, allocated from {@code allocator}. The
     * caller owns it and must close it.
     */
    public static VectorSchemaRoot toArrow(Table table, BufferAllocator allocator) {
        return ToArrow.toArrow(Objects.requireNonNull(table, "table"), Objects.requireNonNull(allocator, "allocator"));
    }

    /** The rows of {@code root}, copied into a table ({@code root} stays the caller's). */
    public static Table fromArrow(VectorSchemaRoot root) {
        return fromArrow(root, null);
    }

    /** {@link #fromArrow(VectorSchemaRoot)} with dictionary-encoded fields resolved through {@code dictionaries}. */
    public static Table fromArrow(VectorSchemaRoot root, DictionaryProvider dictionaries) {
        return FromArrow.toTable(Objects.requireNonNull(root, "root"), dictionaries);
    }

    /** {@code table} as an Arrow IPC file. */
    public static byte[] toFile(Table table) {
        return Ipc.toBytes(Objects.requireNonNull(table, "table"), false);
    }

    /** Writes {@code table} as an Arrow IPC file (one record batch); the stream is flushed, not closed. */
    public static void writeFile(Table table, OutputStream out) {
        Ipc.write(Objects.requireNonNull(table, "table"), Objects.requireNonNull(out, "out"), false);
    }

    /** {@code table} as an Arrow IPC stream. */
    public static byte[] toStream(Table table) {
        return Ipc.toBytes(Objects.requireNonNull(table, "table"), true);
    }

    /** Writes {@code table} as an Arrow IPC stream (one record batch); the stream is flushed, not closed. */
    public static void writeStream(Table table, OutputStream out) {
        Ipc.write(Objects.requireNonNull(table, "table"), Objects.requireNonNull(out, "out"), true);
    }

    /**
     * An Arrow IPC file, every record batch concatenated.
     *
     * @throws io.infer4j.core.error.DecodeException for anything but a well-formed file of types a table can hold
     */
    public static Table readFile(byte[] body) {
        return Ipc.readFile(Objects.requireNonNull(body, "body"));
    }

    /** The Arrow IPC file at {@code path} (e.g. Wallaroo's {@code cc_data_1k.arrow}). */
    public static Table readFile(Path path) {
        try {
            return readFile(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** An Arrow IPC stream, every record batch concatenated. */
    public static Table readStream(byte[] body) {
        return Ipc.readStream(Objects.requireNonNull(body, "body"));
    }

    /**
     * Reads the whole of {@code in} (not closed) as an Arrow IPC stream. The table lives on the
     * heap, so the body is read first and its size then bounds what the decoder may allocate.
     */
    public static Table readStream(InputStream in) {
        try {
            return readStream(in.readAllBytes());
        } catch (IOException e) {
            throw new io.infer4j.core.error.TransportException("reading the Arrow IPC stream failed: " + e.getMessage(), true, e);
        }
    }

    /** An Arrow IPC file or stream, told apart by its first bytes. */
    public static Table read(byte[] body) {
        return Ipc.read(Objects.requireNonNull(body, "body"));
    }
}
