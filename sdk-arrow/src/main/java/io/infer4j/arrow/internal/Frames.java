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
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

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
            rows += checkMessage(m, body, bodyStart, bodyLength, pos, "arrow stream", type == MessageHeader.RecordBatch ? schema : null);
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
        return checkMessage(m, body, (int) (offset + metaLength), bodyLength, (int) offset, "arrow file", schema);
    }

    /**
     * Walks a record batch's field nodes and buffers in schema order, as Arrow lays them out: the
     * node count and each node's length must follow from the schema and the row count, and every
     * offsets buffer must start at 0 or later, never go back, and end inside what it indexes.
     * Arrow Java checks none of this before it sizes its vectors, and when one is wrong it fails
     * with the body's memory taken and never given back.
     */
    private static final class Walk {
        final RecordBatch batch;
        final ByteBuffer body;
        final int bodyStart;
        final int pos;
        final String where;
        int node;
        int buffer;
        /** Set when a type's buffer layout is not known here: the rest of the batch is left to Arrow. */
        boolean stopped;

        Walk(RecordBatch batch, byte[] body, int bodyStart, int pos, String where) {
            this.batch = batch;
            this.body = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            this.bodyStart = bodyStart;
            this.pos = pos;
            this.where = where;
        }

        DecodeException fail(String message) {
            return new DecodeException("Arrow IPC: the record batch at byte " + pos + ": " + message, where, pos, null);
        }

        FieldNode nextNode(String name) {
            if (node >= batch.nodesLength()) {
                throw fail("it has fewer field nodes than its schema (at field '" + name + "')");
            }
            return batch.nodes(new FieldNode(), node++);
        }

        Buffer nextBuffer(String name) {
            if (buffer >= batch.buffersLength()) {
                throw fail("it has fewer buffers than its schema needs (at field '" + name + "')");
            }
            return batch.buffers(new Buffer(), buffer++);
        }

        /** Checks field {@code f}, whose node must be {@code expected} long (-1: any length), and its children. */
        void field(Field f, long expected) {
            if (stopped) {
                return;
            }
            String name = f.getName();
            FieldNode n = nextNode(name);
            long length = n.length();
            long nulls = n.nullCount();
            if (expected >= 0 && length != expected) {
                throw fail("field '" + name + "' has " + length + " values where " + expected + " are needed");
            }
            ArrowType t = f.getType();
            if (f.getDictionary() != null) {
                // The batch holds the indexes (validity and ints); the values are in a dictionary batch.
                validity(name, length, nulls);
                data(name, nextBuffer(name), length, f.getDictionary().getIndexType().getBitWidth() / 8);
                return;
            }
            if (t instanceof ArrowType.Null) {
                return;
            }
            if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.Binary
                    || t instanceof ArrowType.LargeUtf8 || t instanceof ArrowType.LargeBinary) {
                validity(name, length, nulls);
                Buffer offsets = nextBuffer(name);
                Buffer data = nextBuffer(name);
                boolean large = t instanceof ArrowType.LargeUtf8 || t instanceof ArrowType.LargeBinary;
                offsets(name, offsets, length, data.length(), large ? 8 : 4);
            } else if (t instanceof ArrowType.List || t instanceof ArrowType.LargeList || t instanceof ArrowType.Map) {
                validity(name, length, nulls);
                Buffer offsets = nextBuffer(name);
                int childNode = node;
                field(f.getChildren().get(0), -1);
                if (!stopped) {
                    offsets(name, offsets, length, batch.nodes(new FieldNode(), childNode).length(),
                            t instanceof ArrowType.LargeList ? 8 : 4);
                }
            } else if (t instanceof ArrowType.FixedSizeList fsl) {
                validity(name, length, nulls);
                field(f.getChildren().get(0), length * fsl.getListSize());
            } else if (t instanceof ArrowType.Struct) {
                validity(name, length, nulls);
                for (Field child : f.getChildren()) {
                    field(child, length);
                }
            } else if (t instanceof ArrowType.Int || t instanceof ArrowType.FloatingPoint || t instanceof ArrowType.Bool
                    || t instanceof ArrowType.Date || t instanceof ArrowType.Time || t instanceof ArrowType.Timestamp
                    || t instanceof ArrowType.Duration || t instanceof ArrowType.Interval || t instanceof ArrowType.Decimal
                    || t instanceof ArrowType.FixedSizeBinary) {
                validity(name, length, nulls);
                Buffer data = nextBuffer(name);
                if (t instanceof ArrowType.Bool) {
                    if (length > 0 && data.length() < (length + 7) / 8) {
                        throw fail("field '" + name + "' has " + data.length() + " bytes for " + length + " booleans");
                    }
                } else {
                    data(name, data, length, byteWidth(t));
                }
            } else {
                // Unions, views, run-end encoding: their layouts are left to Arrow.
                stopped = true;
            }
        }

        /** The validity bitmap, which must hold a bit per value when any value is null. */
        private void validity(String name, long length, long nulls) {
            Buffer v = nextBuffer(name);
            if (nulls > 0 && v.length() < (length + 7) / 8) {
                throw fail("field '" + name + "' has " + nulls + " nulls but " + v.length() + " bytes of validity for "
                        + length + " values");
            }
        }

        /** A fixed-width values buffer, which must hold {@code length} values of {@code width} bytes. */
        private void data(String name, Buffer data, long length, int width) {
            if (width > 0 && length > 0 && data.length() < length * width) {
                throw fail("field '" + name + "' has " + data.length() + " bytes for " + length + " values of " + width + " bytes");
            }
        }

        private static int byteWidth(ArrowType t) {
            if (t instanceof ArrowType.Int i) {
                return i.getBitWidth() / 8;
            }
            if (t instanceof ArrowType.FloatingPoint fp) {
                return switch (fp.getPrecision()) {
                    case HALF -> 2;
                    case SINGLE -> 4;
                    case DOUBLE -> 8;
                };
            }
            if (t instanceof ArrowType.Date d) {
                return d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? 4 : 8;
            }
            if (t instanceof ArrowType.Time time) {
                return time.getBitWidth() / 8;
            }
            if (t instanceof ArrowType.Interval iv) {
                return switch (iv.getUnit()) {
                    case YEAR_MONTH -> 4;
                    case DAY_TIME -> 8;
                    case MONTH_DAY_NANO -> 16;
                };
            }
            if (t instanceof ArrowType.Decimal d) {
                return d.getBitWidth() / 8;
            }
            if (t instanceof ArrowType.FixedSizeBinary b) {
                return b.getByteWidth();
            }
            return 8; // timestamp, duration
        }

        /** {@code length + 1} offsets of {@code width} bytes: from 0 or later, never back, ending inside {@code limit}. */
        private void offsets(String name, Buffer offsets, long length, long limit, int width) {
            if (length == 0) {
                return;
            }
            if (offsets.length() < (length + 1) * width) {
                throw fail("field '" + name + "' has " + offsets.length() + " bytes of offsets for " + length + " values");
            }
            int at = bodyStart + (int) offsets.offset();
            long previous = width == 4 ? body.getInt(at) : body.getLong(at);
            if (previous < 0) {
                throw fail("field '" + name + "' starts at offset " + previous);
            }
            for (long i = 1; i <= length; i++) {
                int p = at + (int) (i * width);
                long next = width == 4 ? body.getInt(p) : body.getLong(p);
                if (next < previous) {
                    throw fail("field '" + name + "' has offsets that go back at value " + (i - 1));
                }
                previous = next;
            }
            if (previous > limit) {
                throw fail("field '" + name + "' has offsets up to " + previous + " past the " + limit + " it indexes");
            }
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
    static int[] frame(ByteBuffer bb, int pos, String where) {
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
     * A batch's rows, nodes and buffers against its body and, for a record batch, its
     * {@code schema} (null for dictionary batches, whose schema is a single field); returns the
     * batch's row count.
     */
    private static long checkMessage(Message m, byte[] body, int bodyStart, long bodyLength, int pos, String where,
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
        // Every header field Arrow's deserializer reads, read here first: a garbled flatbuffer then
        // fails before Arrow has taken the body's memory.
        for (int i = 0; i < batch.variadicBufferCountsLength(); i++) {
            if (batch.variadicBufferCounts(i) < 0) {
                throw new DecodeException("Arrow IPC: the record batch at byte " + pos + " has a negative variadic buffer count",
                        where, pos, null);
            }
        }
        m.version();
        if (batch.compression() != null) {
            throw new DecodeException("Arrow IPC: the record batch at byte " + pos + " is compressed (LZ4/ZSTD); infer4j reads "
                    + "uncompressed Arrow IPC (pyarrow's default; write with compression=None)", where, pos, null);
        }
        if (batch.length() < 0 || batch.length() > Integer.MAX_VALUE) {
            throw new DecodeException("Arrow IPC: the record batch at byte " + pos + " claims " + batch.length() + " rows", where, pos, null);
        }
        FieldNode node = new FieldNode();
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
        if (schema != null) {
            Walk walk = new Walk(batch, body, bodyStart, pos, where);
            for (Field f : schema.getFields()) {
                walk.field(f, batch.length());
            }
            if (!walk.stopped && (walk.node != batch.nodesLength() || walk.buffer != batch.buffersLength())) {
                throw walk.fail("it has " + batch.nodesLength() + " field nodes and " + batch.buffersLength()
                        + " buffers where its schema has " + walk.node + " and " + walk.buffer);
            }
        }
        return batch.length();
    }
}
