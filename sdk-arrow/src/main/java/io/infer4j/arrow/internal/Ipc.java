package io.infer4j.arrow.internal;

import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.table.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * Arrow IPC files and streams to and from bytes. Every call has its own allocator, closed before
 * it returns, so no Arrow memory outlives a call and nothing is shared between threads. A read's
 * allocator is capped by the body's size: a body that claims buffers far larger than itself fails
 * as a {@link DecodeException} instead of reserving the memory it claims.
 */
public final class Ipc {
    private static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};
    /** Headroom over the body for what a read legitimately builds beyond its bytes (dictionary decoding). */
    private static final long READ_SLACK = 64L << 20;

    private Ipc() {
    }

    /** Whether {@code body} starts with the Arrow IPC file magic {@code ARROW1}. */
    public static boolean isFile(byte[] body) {
        if (body == null || body.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code body} starts like an IPC stream (a message with the 0xFFFFFFFF continuation marker). */
    public static boolean isStream(byte[] body) {
        return body != null && body.length >= 8 && body[0] == -1 && body[1] == -1 && body[2] == -1 && body[3] == -1;
    }

    /** Writes {@code table} as one record batch of an IPC file ({@code stream == false}) or stream. */
    public static void write(Table table, OutputStream out, boolean stream) {
        write(table, out, stream, true);
    }

    /** {@code table} as one IPC file or stream, without the copies an OutputStream would add. */
    public static byte[] toBytes(Table table, boolean stream) {
        byte[] direct = FastIpc.write(table, stream);
        if (direct != null) {
            return direct;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(table, out, stream, false);
        return out.toByteArray();
    }

    /** {@link #write}; {@code fast == false} always takes Arrow Java's writer (the tests compare both). */
    static void write(Table table, OutputStream out, boolean stream, boolean fast) {
        byte[] direct = fast ? FastIpc.write(table, stream) : null;
        if (direct != null) {
            try {
                out.write(direct);
                out.flush();
                return;
            } catch (IOException e) {
                throw new Infer4jException("writing the Arrow IPC " + (stream ? "stream" : "file") + " failed: " + e.getMessage(), e);
            }
        }
        Jvm.requireNioOpen();
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = ToArrow.toArrow(table, allocator);
             ArrowWriter writer = stream
                     ? new ArrowStreamWriter(root, new DictionaryProvider.MapDictionaryProvider(), Channels.newChannel(out))
                     : new ArrowFileWriter(root, new DictionaryProvider.MapDictionaryProvider(), Channels.newChannel(out))) {
            writer.start();
            writer.writeBatch();
            writer.end();
        } catch (IOException e) {
            throw new Infer4jException("writing the Arrow IPC " + (stream ? "stream" : "file") + " failed: " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw Jvm.missingFlag(e);
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new Infer4jException("writing the Arrow IPC " + (stream ? "stream" : "file") + " failed: " + e.getMessage(), e);
        }
    }

    /** An IPC file or stream (told apart by the first bytes). */
    public static Table read(byte[] body) {
        if (isFile(body)) {
            return readFile(body);
        }
        if (isStream(body)) {
            return readStream(body);
        }
        throw new DecodeException("not Apache Arrow IPC: a file starts with ARROW1 and a stream with 0xFFFFFFFF"
                + (body == null || body.length == 0 ? " (the body is empty)" : ""), "arrow", 0, null);
    }

    /** Every record batch of an IPC file, concatenated. */
    public static Table readFile(byte[] body) {
        return readFile(body, true);
    }

    /** {@link #readFile}; {@code fast == false} always takes Arrow Java's reader (the tests compare both). */
    static Table readFile(byte[] body, boolean fast) {
        if (!isFile(body) || body.length < 2 * MAGIC.length + 4 || !endsWithMagic(body)) {
            throw new DecodeException("not an Apache Arrow IPC file: it must start and end with ARROW1 ("
                    + (body == null ? 0 : body.length) + " bytes; truncated?)", "arrow file", 0, null);
        }
        try {
            Frames.checkFile(body);
            Table direct = fast ? FastIpc.read(body, true) : null;
            if (direct != null) {
                return direct;
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw failure("file", e);
        }
        Jvm.requireNioOpen();
        try (BufferAllocator allocator = new RootAllocator(limit(body));
             ArrowFileReader reader = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(body), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<ArrowBlock> blocks = reader.getRecordBlocks();
            List<Table> parts = new ArrayList<>(blocks.size());
            for (ArrowBlock block : blocks) {
                if (!reader.loadRecordBatch(block)) {
                    throw new DecodeException("record batch at offset " + block.getOffset() + " is missing", "arrow file", block.getOffset(), null);
                }
                parts.add(FromArrow.toTable(root, reader));
            }
            return concat(parts, root, reader);
        } catch (RuntimeException | IOException | StackOverflowError e) {
            throw failure("file", e);
        }
    }

    /** Every record batch of an IPC stream, concatenated. */
    public static Table readStream(byte[] body) {
        return readStream(body, true);
    }

    /** {@link #readStream}; {@code fast == false} always takes Arrow Java's reader. */
    static Table readStream(byte[] body, boolean fast) {
        if (body == null || body.length == 0) {
            throw new DecodeException("not an Apache Arrow IPC stream: the body is empty", "arrow stream", 0, null);
        }
        try {
            Frames.checkStream(body);
            Table direct = fast ? FastIpc.read(body, false) : null;
            if (direct != null) {
                return direct;
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw failure("stream", e);
        }
        Jvm.requireNioOpen();
        try (BufferAllocator allocator = new RootAllocator(limit(body));
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(body), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<Table> parts = new ArrayList<>();
            while (reader.loadNextBatch()) {
                parts.add(FromArrow.toTable(root, reader));
            }
            return concat(parts, root, reader);
        } catch (RuntimeException | IOException | StackOverflowError e) {
            throw failure("stream", e);
        }
    }

    private static Table concat(List<Table> parts, VectorSchemaRoot root, ArrowReader reader) {
        if (parts.isEmpty()) {
            root.setRowCount(0);
            return FromArrow.toTable(root, reader);
        }
        long rows = 0;
        for (Table t : parts) {
            rows += t.rowCount();
        }
        if (rows > Integer.MAX_VALUE) {
            throw new DecodeException("the body holds " + rows + " rows; a table holds at most 2^31-1", "arrow", -1, null);
        }
        return parts.size() == 1 ? parts.get(0) : Table.concat(parts);
    }

    private static boolean endsWithMagic(byte[] body) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[body.length - MAGIC.length + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static long limit(byte[] body) {
        return READ_SLACK + 16L * body.length;
    }

    private static RuntimeException failure(String what, Throwable e) {
        if (e instanceof DecodeException d) {
            return d;
        }
        if (e instanceof io.infer4j.core.error.ConfigurationException c) {
            return c;
        }
        if (e instanceof UnsupportedOperationException && !Jvm.nioOpenToArrow()) {
            return Jvm.missingFlag(e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return new DecodeException("malformed Apache Arrow IPC " + what + ": " + message, "arrow " + what, -1, e);
    }
}
