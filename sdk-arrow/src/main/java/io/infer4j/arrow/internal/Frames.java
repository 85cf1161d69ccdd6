package io.infer4j.arrow.internal;

import io.infer4j.core.error.DecodeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Checks an IPC body's framing before Arrow's reader sees it. Arrow Java 19 trusts the lengths it
 * reads: it allocates a message's claimed metadata on the heap (up to 2 GiB) before knowing the
 * bytes exist, and when a record batch names buffers outside its body it throws after taking the
 * body's memory, which it then never releases. So every frame, block and buffer must lie inside
 * the body before a reader is opened; this costs one pass over the flatbuffer headers, not the data.
 */
final class Frames {
    private static final int MAGIC_LENGTH = 6;
    static final long MAX_FREE_ROWS = 1 << 20;

    private Frames() {
    }

    /** The messages of a stream starting at {@code pos}, up to the end marker or the end of the body. */
    static void checkStream(byte[] body) {
        ByteBuffer bb = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        boolean first = true;
        org.apache.arrow.vector.types.pojo.Schema schema = null;
        long rows = 0;
        while (pos < body.length) {
            int[] frame = frame(bb, pos, "arrow stream");
            if (frame == null) {
                return;
            }
            int meta = frame[0];
            int length = frame[1];
            Message m = Message.getRootAsMessage(ByteBuffer.wrap(body, meta, length).slice().order(ByteOrder.LITTLE_ENDIAN));
            long bodyLength = m.bodyLength();
            int bodyStart = meta + length;
            if (bodyLength < 0 || bodyLength > body.length - bodyStart) {
                throw new DecodeException("Arrow IPC: the message at byte " + pos + " claims a body of " + bodyLength + " bytes; "
                        + (body.length - bodyStart) + " remain", "arrow stream", pos, null);
            }
            // Arrow's reader takes the body of a message it then refuses, and keeps it.
            byte type = m.headerType();
            if (first ? type != MessageHeader.Schema : type != MessageHeader.RecordBatch && type != MessageHeader.DictionaryBatch) {
                throw new DecodeException("Arrow IPC: the message at byte " + pos + " is of type " + type + "; a stream is a schema "
                        + "followed by record and dictionary batches", "arrow stream", pos, null);
            }
            if (first) {
                schema = org.apache.arrow.vector.types.pojo.Schema.convertSchema(
                        (org.apache.arrow.flatbuf.Schema) m.header(new org.apache.arrow.flatbuf.Schema()));
            }
            first = false;
            rows += checkMessage(m, bodyLength, pos, "arrow stream", type == MessageHeader.RecordBatch ? schema : null);
            checkRows(rows, body.length, pos, "arrow stream");
            pos = bodyStart + (int) bodyLength;
        }
    }

    /** The footer of a file and every block it lists. */
    static void checkFile(byte[] body) {
        ByteBuffer bb = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        int footerLengthAt = body.length - MAGIC_LENGTH - 4;
        int footerLength = bb.getInt(footerLengthAt);
        if (footerLength <= 0 || footerLength > footerLengthAt - 8) {
            throw new DecodeException("Arrow IPC: the file's footer claims " + footerLength + " bytes; the file has "
                    + body.length, "arrow file", footerLengthAt, null);
        }
        int footerAt = footerLengthAt - footerLength;
        Footer footer = Footer.getRootAsFooter(ByteBuffer.wrap(body, footerAt, footerLength).slice().order(ByteOrder.LITTLE_ENDIAN));
        if (footer.schema() == null) {
            throw new DecodeException("Arrow IPC: the file's footer holds no schema", "arrow file", footerAt, null);
        }
        org.apache.arrow.vector.types.pojo.Schema schema = org.apache.arrow.vector.types.pojo.Schema.convertSchema(footer.schema());
        long rows = 0;
        for (int i = 0; i < footer.recordBatchesLength(); i++) {
            rows += checkBlock(body, bb, footer.recordBatches(i), footerAt, MessageHeader.RecordBatch, schema);
            checkRows(rows, body.length, (int) footer.recordBatches(i).offset(), "arrow file");
        }
        for (int i = 0; i < footer.dictionariesLength(); i++) {
            checkBlock(body, bb, footer.dictionaries(i), footerAt, MessageHeader.DictionaryBatch, null);
        }
    }

    private static long checkBlock(byte[] body, ByteBuffer bb, Block block, int end, byte type,
            org.apache.arrow.vector.types.pojo.Schema schema) {
        long offset = block.offset();
        long metaLength = block.metaDataLength();
        long bodyLength = block.bodyLength();
        if (offset < MAGIC_LENGTH || metaLength < 8 || bodyLength < 0 || offset + metaLength + bodyLength > end) {
            throw new DecodeException("Arrow IPC: the footer lists a block at byte " + offset + " (" + metaLength + " + " + bodyLength
                    + " bytes) outside the file's " + end + " bytes of batches", "arrow file", offset, null);
        }
        int[] frame = frame(bb, (int) offset, "arrow file");
        if (frame == null || frame[0] + frame[1] > offset + metaLength) {
            throw new DecodeException("Arrow IPC: the block at byte " + offset + " does not hold the message its footer entry claims",
                    "arrow file", offset, null);
        }
        Message m = Message.getRootAsMessage(ByteBuffer.wrap(body, frame[0], frame[1]).slice().order(ByteOrder.LITTLE_ENDIAN));
        if (m.headerType() != type) {
            throw new DecodeException("Arrow IPC: the block at byte " + offset + " holds a message of type " + m.headerType()
                    + " where its footer entry needs " + type, "arrow file", offset, null);
        }
        if (m.bodyLength() != bodyLength) {
            throw new DecodeException("Arrow IPC: the block at byte " + offset + " claims a body of " + m.bodyLength()
                    + " bytes; its footer entry says " + bodyLength, "arrow file", offset, null);
        }
        return checkMessage(m, bodyLength, (int) offset, "arrow file", schema);
    }

    /** The nodes of {@code f} and its children, from {@code next[0]}: {@code expected} long (-1: any length). */
    private static void checkNodes(RecordBatch batch, org.apache.arrow.vector.types.pojo.Field f, long expected, int[] next,
            int pos, String where) {
        if (next[0] >= batch.nodesLength()) {
            throw new DecodeException("Arrow IPC: the record batch at byte " + pos + " has fewer field nodes than its schema",
                    where, pos, null);
        }
        FieldNode node = batch.nodes(new FieldNode(), next[0]++);
        if (expected >= 0 && node.length() != expected) {
            throw new DecodeException("Arrow IPC: field '" + f.getName() + "' has " + node.length() + " values where the batch "
                    + "at byte " + pos + " needs " + expected, where, pos, null);
        }
        org.apache.arrow.vector.types.pojo.ArrowType t = f.getType();
        for (org.apache.arrow.vector.types.pojo.Field child : f.getChildren()) {
            long childLength = -1;
            if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.FixedSizeList fsl) {
                childLength = node.length() * fsl.getListSize();
            } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Struct) {
                childLength = node.length();
            }
            checkNodes(batch, child, childLength, next, pos, where);
        }
    }

    /**
     * Columns without buffers (the null type, empty fixed-size lists) describe any number of rows
     * in no bytes, yet each row costs heap once decoded: past a million rows, a body must bring
     * at least one bit per row.
     */
    private static void checkRows(long rows, long bodyLength, int pos, String where) {
        if (rows > MAX_FREE_ROWS + 8 * bodyLength) {
            throw new DecodeException("Arrow IPC: the batches up to byte " + pos + " claim " + rows + " rows in a body of "
                    + bodyLength + " bytes", where, pos, null);
        }
    }

    /** {start of metadata, metadata length} of the frame at {@code pos}, or null for the end-of-stream marker. */
    private static int[] frame(ByteBuffer bb, int pos, String where) {
        int limit = bb.limit();
        if (limit - pos < 4) {
            throw new DecodeException("Arrow IPC: the body ends at byte " + pos + " inside a message length", where, pos, null);
        }
        int length = bb.getInt(pos);
        int meta = pos + 4;
        if (length == -1) {
            if (limit - pos < 8) {
                throw new DecodeException("Arrow IPC: the body ends at byte " + pos + " inside a message length", where, pos, null);
            }
            length = bb.getInt(pos + 4);
            meta = pos + 8;
        }
        if (length == 0) {
            return null;
        }
        if (length < 0 || length > limit - meta) {
            throw new DecodeException("Arrow IPC: the message at byte " + pos + " claims " + length + " bytes of metadata; "
                    + (limit - meta) + " remain", where, pos, null);
        }
        return new int[] {meta, length};
    }

    /**
     * {@code schema} (for record batches; null for dictionary batches) fixes how many field nodes
     * the batch has and how long each must be: Arrow Java sizes every vector from the batch's row
     * count and fails, keeping the body's memory, when a node is shorter.
     */
    private static long checkMessage(Message m, long bodyLength, int pos, String where,
            org.apache.arrow.vector.types.pojo.Schema schema) {
        RecordBatch batch = null;
        if (m.headerType() == MessageHeader.RecordBatch) {
            batch = (RecordBatch) m.header(new RecordBatch());
        } else if (m.headerType() == MessageHeader.DictionaryBatch) {
            DictionaryBatch d = (DictionaryBatch) m.header(new DictionaryBatch());
            batch = d == null ? null : d.data();
        }
        if (batch == null) {
            if (m.headerType() == MessageHeader.RecordBatch || m.headerType() == MessageHeader.DictionaryBatch) {
                throw new DecodeException("Arrow IPC: the message at byte " + pos + " is a batch without its header",
                        where, pos, null);
            }
            return 0;
        }
        if (batch.compression() != null) {
            throw new DecodeException("Arrow IPC: the record batch at byte " + pos + " is compressed (LZ4/ZSTD); infer4j reads "
                    + "uncompressed Arrow IPC (pyarrow's default; write with compression=None)", where, pos, null);
        }
        // Columns without buffers (the null type, empty fixed-size lists) describe any number of
        // rows in no bytes, yet each row costs heap once decoded: past a million rows a batch must
        // bring at least one bit per row.
        if (batch.length() < 0 || batch.length() > Integer.MAX_VALUE) {
            throw new DecodeException("Arrow IPC: the record batch at byte " + pos + " claims " + batch.length() + " rows", where, pos, null);
        }
        FieldNode node = new FieldNode();
        if (schema != null) {
            int[] next = {0};
            for (org.apache.arrow.vector.types.pojo.Field f : schema.getFields()) {
                checkNodes(batch, f, batch.length(), next, pos, where);
            }
            if (next[0] != batch.nodesLength()) {
                throw new DecodeException("Arrow IPC: the record batch at byte " + pos + " has " + batch.nodesLength()
                        + " field nodes where its schema has " + next[0], where, pos, null);
            }
        }
        for (int i = 0; i < batch.nodesLength(); i++) {
            batch.nodes(node, i);
            if (node.length() < 0 || node.length() > Integer.MAX_VALUE || node.nullCount() < 0 || node.nullCount() > node.length()) {
                throw new DecodeException("Arrow IPC: the record batch at byte " + pos + " claims a field of " + node.length()
                        + " values with " + node.nullCount() + " nulls", where, pos, null);
            }
        }
        Buffer b = new Buffer();
        for (int i = 0; i < batch.buffersLength(); i++) {
            batch.buffers(b, i);
            if (b.offset() < 0 || b.length() < 0 || b.offset() > bodyLength || b.length() > bodyLength - b.offset()) {
                throw new DecodeException("Arrow IPC: the record batch at byte " + pos + " names buffer " + i + " at " + b.offset()
                        + " (" + b.length() + " bytes) outside its body of " + bodyLength + " bytes", where, pos, null);
            }
        }
        return batch.length();
    }
}
