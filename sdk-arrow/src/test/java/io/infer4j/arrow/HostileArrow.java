package io.infer4j.arrow;

import io.infer4j.table.Column;
import io.infer4j.table.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Hostile Arrow bodies (about 300): truncated files and streams, wrong magic, flipped bytes, a
 * schema followed by another table's batch, and bodies whose metadata claims huge row counts or
 * buffers. Each must decode to a table or fail with a DecodeException: no other exception, no OOM.
 */
final class HostileArrow {
    /** One body with a label for test names. */
    record Body(String label, byte[] bytes) {
        @Override
        public String toString() {
            return label + " (" + bytes.length + " bytes)";
        }
    }

    private HostileArrow() {
    }

    static Table sample() {
        return Table.of(Column.int64("id", 1, 2, 3), Column.strings("s", "a", null, "c"),
                Column.tensor("t", new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6}),
                Column.tensor("r", new long[] {1}, new long[] {2, 3}, new long[] {}));
    }

    static List<Body> corpus() {
        List<Body> out = new ArrayList<>();
        byte[] file = ArrowTables.toFile(sample());
        byte[] stream = ArrowTables.toStream(sample());
        out.add(new Body("empty", new byte[0]));
        out.add(new Body("magic only", "ARROW1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        out.add(new Body("magic twice", "ARROW1\0\0ARROW1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        out.add(new Body("json", "[{\"a\":1}]".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        out.add(new Body("continuation only", new byte[] {-1, -1, -1, -1, 0, 0, 0, 0}));
        out.add(new Body("continuation huge metadata", new byte[] {-1, -1, -1, -1, -1, -1, -1, 127, 1, 2, 3}));
        byte[] wrongMagic = file.clone();
        wrongMagic[0] = 'B';
        out.add(new Body("file with wrong magic", wrongMagic));
        byte[] wrongTail = file.clone();
        wrongTail[wrongTail.length - 1] = '2';
        out.add(new Body("file with wrong trailing magic", wrongTail));
        for (int cut = 1; cut < file.length; cut += Math.max(1, file.length / 60)) {
            out.add(new Body("file cut at " + cut, Arrays.copyOf(file, cut)));
        }
        for (int cut = 1; cut < stream.length; cut += Math.max(1, stream.length / 60)) {
            out.add(new Body("stream cut at " + cut, Arrays.copyOf(stream, cut)));
        }
        Random rnd = new Random(13);
        for (int i = 0; i < 80; i++) {
            byte[] b = (i % 2 == 0 ? file : stream).clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) {
                b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            out.add(new Body((i % 2 == 0 ? "file" : "stream") + " with flipped bits #" + i, b));
        }
        out.add(new Body("schema of one table, batch of another", mismatched()));
        // Metadata claiming more: every little-endian int64 equal to the row count (3) or to a
        // buffer/body length becomes 2^31-1 or 2^40.
        for (long claim : new long[] {Integer.MAX_VALUE, 1L << 40}) {
            out.add(new Body("file claiming " + claim + " rows", patch(file, 3, claim)));
            out.add(new Body("stream claiming " + claim + " rows", patch(stream, 3, claim)));
            for (long len : new long[] {8, 16, 24, 48, 64}) {
                out.add(new Body("stream claiming buffers of " + claim + " for " + len, patch(stream, len, claim)));
                out.add(new Body("file claiming buffers of " + claim + " for " + len, patch(file, len, claim)));
            }
        }
        return out;
    }

    /** {@code body} with every aligned little-endian int64 equal to {@code from} set to {@code to}. */
    static byte[] patch(byte[] body, long from, long to) {
        byte[] b = body.clone();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 8 <= b.length; i += 4) {
            if (bb.getLong(i) == from) {
                bb.putLong(i, to);
            }
        }
        return b;
    }

    /** A stream whose schema has four fields and whose record batch comes from a one-field table. */
    private static byte[] mismatched() {
        try (BufferAllocator a = new RootAllocator();
             VectorSchemaRoot wide = ArrowTables.toArrow(sample(), a);
             VectorSchemaRoot narrow = ArrowTables.toArrow(Table.of(Column.float64("x", 1.5)), a);
             ArrowRecordBatch batch = new VectorUnloader(narrow).getRecordBatch()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            WriteChannel ch = new WriteChannel(Channels.newChannel(out));
            MessageSerializer.serialize(ch, wide.getSchema());
            MessageSerializer.serialize(ch, batch);
            ch.writeIntLittleEndian(-1);
            ch.writeIntLittleEndian(0);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
