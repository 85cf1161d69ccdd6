package io.infer4j.testsupport;

import io.infer4j.core.error.DecodeException;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.ReadOptions;
import io.infer4j.table.codec.WriteOptions;
import io.infer4j.table.spi.TableFormatProvider;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A stand-in for sdk-arrow's provider, so the Arrow code paths of sdk-core and the testkit run
 * without Arrow: it serves {@code application/vnd.apache.arrow.file}, and a "file" is the bytes
 * {@code ARROW1} followed by the table as pandas-records JSON ({@code time} in epoch milliseconds,
 * read back as a timestamp column, as Arrow's {@code timestamp[ms]} is).
 *
 * <p>It is registered only where a module's tests say so (sdk-core adds
 * {@code src/test/table-formats} to its test class path; the testkit has its own services file),
 * never through the test-jar.
 */
public final class FakeArrowProvider implements TableFormatProvider {
    /** The media type it serves. */
    public static final String MEDIA_TYPE = "application/vnd.apache.arrow.file";
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    private static final WriteOptions OUT = WriteOptions.defaults().withDates(WriteOptions.Dates.EPOCH_MILLIS);
    private static final ReadOptions IN = ReadOptions.defaults().withType("time", ColumnType.TIMESTAMP);

    /** The public no-argument constructor ServiceLoader needs. */
    public FakeArrowProvider() {
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public boolean sniff(byte[] body) {
        return body != null && body.length >= MAGIC.length && Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    @Override
    public byte[] write(Table table) {
        return encode(table);
    }

    @Override
    public Table read(byte[] body) {
        if (!sniff(body)) {
            throw new DecodeException("not an Arrow IPC file: it does not start with ARROW1");
        }
        return PandasRecords.read(Arrays.copyOfRange(body, MAGIC.length, body.length), IN);
    }

    /** What {@link #write(Table)} gives, for tests that build an Arrow answer. */
    public static byte[] encode(Table table) {
        byte[] json = PandasRecords.toBytes(table, OUT);
        byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + json.length);
        System.arraycopy(json, 0, out, MAGIC.length, json.length);
        return out;
    }

    /** The table inside a body {@link #write(Table)} gave. */
    public static Table decode(byte[] body) {
        return new FakeArrowProvider().read(body);
    }
}
