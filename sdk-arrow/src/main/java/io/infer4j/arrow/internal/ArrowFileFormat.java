package io.infer4j.arrow.internal;

import io.infer4j.table.Table;
import io.infer4j.table.spi.TableFormatProvider;

/** Arrow IPC files for sdk-core's inference and logs ({@code application/vnd.apache.arrow.file}); streams are read too. */
public final class ArrowFileFormat implements TableFormatProvider {
    /** The media type of an Arrow IPC file. */
    public static final String MEDIA_TYPE = "application/vnd.apache.arrow.file";

    /** For {@link java.util.ServiceLoader}. */
    public ArrowFileFormat() {
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public boolean sniff(byte[] body) {
        return Ipc.isFile(body);
    }

    @Override
    public byte[] write(Table table) {
        return Ipc.toBytes(table, false);
    }

    @Override
    public Table read(byte[] body) {
        return Ipc.read(body);
    }
}
