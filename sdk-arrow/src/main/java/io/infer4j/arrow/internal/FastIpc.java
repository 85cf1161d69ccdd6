package io.infer4j.arrow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.flatbuffers.FlatBufferBuilder;
import io.infer4j.core.error.DecodeException;
import io.infer4j.table.BoolColumn;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.JsonColumn;
import io.infer4j.table.StringColumn;
import io.infer4j.table.Table;
import io.infer4j.table.TensorColumn;
import io.infer4j.table.TimestampColumn;
import io.infer4j.table.internal.Columns;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The IPC layout of the tables infer4j and Wallaroo exchange, read and written straight between
 * the body and the table's own arrays: one bulk copy per buffer, no Arrow memory, no reflection
 * (so no JVM flag either). Arrow Java's reader and writer copy every buffer twice more (body to
 * direct memory, direct memory to the heap) and zero what they allocate: on the 25k-row tensor
 * table their decode took 15.4 ms where this takes 2.1 ms (docs/performance.md, "Arrow").
 *
 * <p>It takes flat schemas of int, float32/64, bool, utf8, timestamp and numeric tensor columns
 * (a {@code fixed_size_list} or {@code list} of numbers) without dictionaries. {@link #read}
 * returns null and {@link #write} returns null for anything else, and the caller uses Arrow
 * Java's reader or writer, which handle every type; both paths give equal tables, which the tests
 * check against each other and against Arrow Java's own reader and writer. Bodies reach
 * {@link #read} only after {@link Frames} checked every frame, block and buffer bound.
 */
final class FastIpc {
    private static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    private FastIpc() {
    }

    // ------------------------------------------------------------------ reading

    /** The table in an IPC file ({@code file}) or stream, or null when the fast path does not take it. */
    static Table read(byte[] body, boolean file) {
        ByteBuffer bb = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        Schema schema;
        List<Table> parts = new ArrayList<>();
        if (file) {
            int footerLength = bb.getInt(body.length - MAGIC.length - 4);
            int footerAt = body.length - MAGIC.length - 4 - footerLength;
            Footer footer = Footer.getRootAsFooter(slice(body, footerAt, footerLength));
            if (footer.dictionariesLength() > 0 || footer.schema() == null) {
                return null;
            }
            schema = Schema.convertSchema(footer.schema());
            if (!readable(schema)) {
                return null;
            }
            for (int i = 0; i < footer.recordBatchesLength(); i++) {
                Block block = footer.recordBatches(i);
                Message m = message(bb, (int) block.offset());
                Table t = batch(body, m, (int) (block.offset() + block.metaDataLength()), schema);
                if (t == null) {
                    return null;
                }
                parts.add(t);
            }
        } else {
            schema = null;
            int pos = 0;
            while (pos < body.length) {
                int[] frame = Frames.frame(bb, pos, "arrow stream");
                if (frame == null) {
                    break;
                }
                Message m = Message.getRootAsMessage(slice(body, frame[0], frame[1]));
                int bodyStart = frame[0] + frame[1];
                if (m.headerType() == MessageHeader.Schema) {
                    if (schema != null) {
                        return null;
                    }
                    schema = Schema.convertSchema((org.apache.arrow.flatbuf.Schema) m.header(new org.apache.arrow.flatbuf.Schema()));
                    if (!readable(schema)) {
                        return null;
                    }
                } else if (m.headerType() == MessageHeader.RecordBatch && schema != null) {
                    Table t = batch(body, m, bodyStart, schema);
                    if (t == null) {
                        return null;
                    }
                    parts.add(t);
                } else {
                    return null;
                }
                pos = bodyStart + (int) m.bodyLength();
            }
            if (schema == null) {
                return null;
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        long rows = parts.stream().mapToLong(Table::rowCount).sum();
        if (rows > Integer.MAX_VALUE) {
            throw new DecodeException("the body holds " + rows + " rows; a table holds at most 2^31-1", "arrow", -1, null);
        }
        return parts.size() == 1 ? parts.get(0) : Table.concat(parts);
    }

    private static ByteBuffer slice(byte[] body, int at, int length) {
        return ByteBuffer.wrap(body, at, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static Message message(ByteBuffer bb, int pos) {
        int[] frame = Frames.frame(bb, pos, "arrow file");
        return Message.getRootAsMessage(slice(bb.array(), frame[0], frame[1]));
    }

    private static boolean readable(Schema schema) {
        for (Field f : schema.getFields()) {
            if (f.getDictionary() != null || !readableType(f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean readableType(Field f) {
        ArrowType t = f.getType();
        if (t instanceof ArrowType.FixedSizeList || t instanceof ArrowType.List) {
            Field child = f.getChildren().get(0);
            return child.getDictionary() == null && numericLeaf(child.getType());
        }
        return numericLeaf(t) || t instanceof ArrowType.Bool || t instanceof ArrowType.Utf8
                || t instanceof ArrowType.Timestamp;
    }

    /** Ints that fit an int64 column and float32/64. */
    private static boolean numericLeaf(ArrowType t) {
        if (t instanceof ArrowType.Int i) {
            return i.getIsSigned() || i.getBitWidth() <= 32;
        }
        return t instanceof ArrowType.FloatingPoint fp && fp.getPrecision() != FloatingPointPrecision.HALF;
    }

    /** Cursor over a batch's nodes and buffers, in the order the fields are laid out. */
    private static final class Batch {
        final byte[] body;
        final int bodyStart;
        final RecordBatch rb;
        int node;
        int buffer;
        final FieldNode fieldNode = new FieldNode();
        final Buffer buf = new Buffer();

        Batch(byte[] body, int bodyStart, RecordBatch rb) {
            this.body = body;
            this.bodyStart = bodyStart;
            this.rb = rb;
        }

        long[] nextNode() {
            if (node >= rb.nodesLength()) {
                throw new DecodeException("Arrow IPC: the record batch has fewer field nodes than its schema has fields",
                        "arrow", -1, null);
            }
            rb.nodes(fieldNode, node++);
            return new long[] {fieldNode.length(), fieldNode.nullCount()};
        }

        /** {absolute offset, length} of the next buffer. */
        int[] nextBuffer() {
            if (buffer >= rb.buffersLength()) {
                throw new DecodeException("Arrow IPC: the record batch has fewer buffers than its schema needs", "arrow", -1, null);
            }
            rb.buffers(buf, buffer++);
            return new int[] {bodyStart + (int) buf.offset(), (int) buf.length()};
        }
    }

    private static Table batch(byte[] body, Message m, int bodyStart, Schema schema) {
        if (m.headerType() != MessageHeader.RecordBatch) {
            return null;
        }
        RecordBatch rb = (RecordBatch) m.header(new RecordBatch());
        if (rb.compression() != null) {
            return null;
        }
        int rows = (int) rb.length();
        Batch b = new Batch(body, bodyStart, rb);
        List<Column> columns = new ArrayList<>(schema.getFields().size());
        for (Field f : schema.getFields()) {
            Column c = column(b, f, rows);
            if (c == null) {
                return null;
            }
            columns.add(c);
        }
        return FromArrow.assemble(columns, rows, schema.getCustomMetadata());
    }

    private static Column column(Batch b, Field f, int rows) {
        String name = f.getName();
        long[] node = b.nextNode();
        if (node[0] != rows) {
            throw new DecodeException("Arrow IPC: field '" + name + "' has " + node[0] + " values in a batch of " + rows
                    + " rows", "field " + name, -1, null);
        }
        int[] validity = b.nextBuffer();
        BitSet nulls = node[1] == 0 ? null : nulls(b.body, validity, rows, name);
        ArrowType t = f.getType();
        Columns.Access access = Columns.access();
        if (t instanceof ArrowType.FixedSizeList || t instanceof ArrowType.List) {
            return tensor(b, f, rows, nulls);
        }
        if (t instanceof ArrowType.Utf8) {
            String[] values = strings(b, rows, nulls, name);
            if (ToArrow.JSON_EXTENSION.equals(f.getMetadata().get(ToArrow.EXTENSION_NAME))) {
                return FromArrow.json(name, values);
            }
            return access.strings(name, values);
        }
        int[] data = b.nextBuffer();
        if (t instanceof ArrowType.Bool) {
            need(data, (rows + 7) / 8, name);
            boolean[] values = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = (b.body[data[0] + (i >> 3)] & (1 << (i & 7))) != 0 && (nulls == null || !nulls.get(i));
            }
            return access.bools(name, values, nulls);
        }
        if (t instanceof ArrowType.Timestamp ts) {
            long[] values = longs(b.body, data, rows, name);
            long mult = ToArrow.divisor(ts.getUnit());
            if (mult != 1) {
                long limit = Long.MAX_VALUE / mult;
                for (int i = 0; i < rows; i++) {
                    if (nulls != null && nulls.get(i)) {
                        values[i] = 0;
                    } else if (values[i] > limit || values[i] < -limit) {
                        throw new DecodeException("field '" + name + "' row " + i + ": timestamp " + values[i] + " "
                                + ts.getUnit() + " is outside the nanosecond range (years 1677-2262)", "field " + name + ", row " + i, -1, null);
                    } else {
                        values[i] *= mult;
                    }
                }
            }
            return access.timestamps(name, values, nulls, FromArrow.zone(name, ts.getTimezone()));
        }
        if (t instanceof ArrowType.FloatingPoint fp) {
            if (fp.getPrecision() == FloatingPointPrecision.DOUBLE) {
                need(data, 8L * rows, name);
                double[] values = new double[rows];
                slice(b.body, data[0], rows * 8).asDoubleBuffer().get(values);
                return access.float64(name, values, nulls);
            }
            need(data, 4L * rows, name);
            float[] values = new float[rows];
            slice(b.body, data[0], rows * 4).asFloatBuffer().get(values);
            return access.float32(name, values, nulls);
        }
        Object ints = ints(b.body, data, rows, (ArrowType.Int) t, name);
        long[] values = widen(ints, rows);
        if (nulls != null) {
            nulls.stream().forEach(i -> values[i] = 0);
        }
        return access.int64(name, values, nulls);
    }

    private static void need(int[] buffer, long bytes, String name) {
        if (buffer[1] < bytes) {
            throw new DecodeException("Arrow IPC: field '" + name + "' needs " + bytes + " bytes of values but its buffer holds "
                    + buffer[1], "field " + name, buffer[0], null);
        }
    }

    private static BitSet nulls(byte[] body, int[] validity, int rows, String name) {
        need(validity, (rows + 7) / 8, name);
        BitSet nulls = new BitSet(rows);
        for (int i = 0; i < rows; i++) {
            if ((body[validity[0] + (i >> 3)] & (1 << (i & 7))) == 0) {
                nulls.set(i);
            }
        }
        return nulls;
    }

    private static long[] longs(byte[] body, int[] data, int count, String name) {
        need(data, 8L * count, name);
        long[] values = new long[count];
        slice(body, data[0], count * 8).asLongBuffer().get(values);
        return values;
    }

    /** Ints of any width as the narrowest array that holds them: byte[], short[], int[] or long[]. */
    private static Object ints(byte[] body, int[] data, int count, ArrowType.Int t, String name) {
        int width = t.getBitWidth() / 8;
        need(data, (long) width * count, name);
        ByteBuffer bb = slice(body, data[0], count * width);
        switch (t.getBitWidth()) {
            case 8 -> {
                if (t.getIsSigned()) {
                    byte[] v = new byte[count];
                    bb.get(v);
                    return v;
                }
                short[] v = new short[count];
                for (int i = 0; i < count; i++) {
                    v[i] = (short) (bb.get(i) & 0xFF);
                }
                return v;
            }
            case 16 -> {
                if (t.getIsSigned()) {
                    short[] v = new short[count];
                    bb.asShortBuffer().get(v);
                    return v;
                }
                int[] v = new int[count];
                for (int i = 0; i < count; i++) {
                    v[i] = bb.getShort(i * 2) & 0xFFFF;
                }
                return v;
            }
            case 32 -> {
                if (t.getIsSigned()) {
                    int[] v = new int[count];
                    bb.asIntBuffer().get(v);
                    return v;
                }
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = bb.getInt(i * 4) & 0xFFFF_FFFFL;
                }
                return v;
            }
            default -> {
                long[] v = new long[count];
                bb.asLongBuffer().get(v);
                return v;
            }
        }
    }

    private static long[] widen(Object ints, int count) {
        if (ints instanceof long[] l) {
            return l;
        }
        long[] out = new long[count];
        if (ints instanceof byte[] b) {
            for (int i = 0; i < count; i++) {
                out[i] = b[i];
            }
        } else if (ints instanceof short[] s) {
            for (int i = 0; i < count; i++) {
                out[i] = s[i];
            }
        } else {
            int[] n = (int[]) ints;
            for (int i = 0; i < count; i++) {
                out[i] = n[i];
            }
        }
        return out;
    }

    private static String[] strings(Batch b, int rows, BitSet nulls, String name) {
        int[] offsetsBuf = b.nextBuffer();
        int[] data = b.nextBuffer();
        int[] offsets = offsets(b.body, offsetsBuf, rows, data[1], name);
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            if (nulls == null || !nulls.get(i)) {
                values[i] = new String(b.body, data[0] + offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
            }
        }
        return values;
    }

    /** {@code rows + 1} offsets, each inside {@code limit} and none before the one ahead of it. */
    private static int[] offsets(byte[] body, int[] buffer, int rows, long limit, String name) {
        need(buffer, 4L * (rows + 1), name);
        int[] offsets = new int[rows + 1];
        slice(body, buffer[0], (rows + 1) * 4).asIntBuffer().get(offsets);
        if (offsets[0] < 0) {
            throw new DecodeException("Arrow IPC: field '" + name + "' has a negative offset", "field " + name, buffer[0], null);
        }
        for (int i = 0; i < rows; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new DecodeException("Arrow IPC: field '" + name + "' has offsets that go backwards at row " + i,
                        "field " + name, buffer[0], null);
            }
        }
        if (offsets[rows] > limit) {
            throw new DecodeException("Arrow IPC: field '" + name + "' has offsets past its " + limit + " values",
                    "field " + name, buffer[0], null);
        }
        return offsets;
    }

    /** A numeric fixed_size_list or list column; null (fall back) when rows or elements are null. */
    private static Column tensor(Batch b, Field f, int rows, BitSet nulls) {
        String name = f.getName();
        Field item = f.getChildren().get(0);
        int[] offsets;
        int[] listOffsets = null;
        int width = f.getType() instanceof ArrowType.FixedSizeList fsl ? fsl.getListSize() : -1;
        if (width < 0) {
            listOffsets = b.nextBuffer();
        }
        long[] childNode = b.nextNode();
        b.nextBuffer(); // the elements' validity: not read, a tensor with null elements falls back
        int[] childData = b.nextBuffer();
        if (nulls != null || childNode[1] != 0) {
            return null;
        }
        if (childNode[0] > Integer.MAX_VALUE) {
            throw new DecodeException("Arrow IPC: field '" + name + "' claims " + childNode[0] + " elements", "field " + name, -1, null);
        }
        int elements = (int) childNode[0];
        if (width >= 0) {
            if ((long) width * rows > elements) {
                throw new DecodeException("Arrow IPC: field '" + name + "' needs " + (long) width * rows + " elements but has "
                        + elements, "field " + name, -1, null);
            }
            elements = width * rows;
            offsets = new int[rows + 1];
            for (int i = 0; i <= rows; i++) {
                offsets[i] = i * width;
            }
        } else {
            offsets = offsets(b.body, listOffsets, rows, elements, name);
        }
        ArrowType leaf = item.getType();
        Object data;
        ColumnType element;
        if (leaf instanceof ArrowType.FloatingPoint fp && fp.getPrecision() == FloatingPointPrecision.DOUBLE) {
            need(childData, 8L * elements, name);
            double[] v = new double[elements];
            slice(b.body, childData[0], elements * 8).asDoubleBuffer().get(v);
            data = v;
            element = ColumnType.FLOAT64;
        } else if (leaf instanceof ArrowType.FloatingPoint) {
            need(childData, 4L * elements, name);
            float[] v = new float[elements];
            slice(b.body, childData[0], elements * 4).asFloatBuffer().get(v);
            data = v;
            element = ColumnType.FLOAT32;
        } else {
            data = ints(b.body, childData, elements, (ArrowType.Int) leaf, name);
            element = ColumnType.INT64;
        }
        int[] declared = Tensors.declaredShape(name, f);
        int[] fixed = null;
        int[][] shapes = null;
        if (width >= 0) {
            fixed = declared != null && Tensors.product(declared) == width ? declared : new int[] {width};
        } else {
            int first = rows == 0 ? 0 : offsets[1] - offsets[0];
            boolean same = true;
            for (int i = 0; i < rows && same; i++) {
                same = offsets[i + 1] - offsets[i] == first;
            }
            if (same) {
                fixed = declared != null && Tensors.product(declared) == first ? declared : new int[] {first};
            } else {
                shapes = new int[rows][];
                for (int i = 0; i < rows; i++) {
                    shapes[i] = new int[] {offsets[i + 1] - offsets[i]};
                }
            }
        }
        return Columns.access().tensor(name, element, data, offsets, rows, fixed, shapes, null);
    }

    // ------------------------------------------------------------------ writing

    /** {@code table} as an IPC file or stream, or null when a column needs Arrow Java's writer. */
    static byte[] write(Table table, boolean stream) {
        List<Column> columns = new ArrayList<>(table.columns());
        columns.addAll(ToArrow.indexLevels(table));
        for (Column c : columns) {
            if (!writable(c)) {
                return null;
            }
        }
        Schema schema = ToArrow.schema(table);
        int rows = table.rowCount();
        Layout layout = new Layout();
        List<Field> fields = schema.getFields();
        for (int i = 0; i < columns.size(); i++) {
            layout.plan(columns.get(i), fields.get(i), rows);
        }
        byte[] schemaMessage = frame(MessageSerializer.serializeMetadata(schema, IpcOption.DEFAULT));
        byte[] batchMessage = frame(recordBatch(rows, layout));
        long bodyLength = layout.bodyLength;
        long headerLength = stream ? 0 : 8;
        long batchAt = headerLength + schemaMessage.length;
        long end = batchAt + batchMessage.length + bodyLength + 8;
        byte[] footer = stream ? new byte[0] : footer(schema, batchAt, batchMessage.length, bodyLength);
        long total = end + (stream ? 0 : footer.length + 4 + MAGIC.length);
        if (total > Integer.MAX_VALUE - 16) {
            return null;
        }
        byte[] out = new byte[(int) total];
        ByteBuffer bb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        if (!stream) {
            bb.put(MAGIC).put((byte) 0).put((byte) 0);
        }
        bb.put(schemaMessage).put(batchMessage);
        int bodyStart = bb.position();
        layout.fill(out, bodyStart);
        bb.position(bodyStart + (int) bodyLength);
        bb.putInt(-1).putInt(0);
        if (!stream) {
            bb.put(footer).putInt(footer.length).put(MAGIC);
        }
        return out;
    }

    private static boolean writable(Column c) {
        if (c instanceof TensorColumn t) {
            if (t.fixedShape().isPresent()) {
                // Empty tensors go as a list (Arrow Java refuses fixed_size_list[0]); deeper ones nest.
                return ToArrow.product(t.fixedShape().get()) > 0 || t.fixedShape().get().length <= 1;
            }
            for (int r = 0; r < t.size(); r++) {
                if (!t.isNull(r) && t.rank(r) != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A message frame: continuation marker, padded length, the flatbuffer, zeros to 8-byte alignment. */
    private static byte[] frame(ByteBuffer metadata) {
        int length = metadata.remaining();
        int padded = (length + 8 + 7) / 8 * 8 - 8;
        byte[] out = new byte[8 + padded];
        ByteBuffer bb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(-1).putInt(padded);
        bb.put(metadata.duplicate());
        return out;
    }

    private static ByteBuffer recordBatch(int rows, Layout layout) {
        FlatBufferBuilder fb = new FlatBufferBuilder(256 + 24 * layout.buffers.size());
        RecordBatch.startBuffersVector(fb, layout.buffers.size());
        for (int i = layout.buffers.size() - 1; i >= 0; i--) {
            long[] b = layout.buffers.get(i);
            Buffer.createBuffer(fb, b[0], b[1]);
        }
        int buffers = fb.endVector();
        RecordBatch.startNodesVector(fb, layout.nodes.size());
        for (int i = layout.nodes.size() - 1; i >= 0; i--) {
            long[] n = layout.nodes.get(i);
            FieldNode.createFieldNode(fb, n[0], n[1]);
        }
        int nodes = fb.endVector();
        RecordBatch.startRecordBatch(fb);
        RecordBatch.addLength(fb, rows);
        RecordBatch.addNodes(fb, nodes);
        RecordBatch.addBuffers(fb, buffers);
        int rb = RecordBatch.endRecordBatch(fb);
        Message.startMessage(fb);
        Message.addVersion(fb, MetadataVersion.V5);
        Message.addHeaderType(fb, MessageHeader.RecordBatch);
        Message.addHeader(fb, rb);
        Message.addBodyLength(fb, layout.bodyLength);
        fb.finish(Message.endMessage(fb));
        return fb.dataBuffer();
    }

    private static byte[] footer(Schema schema, long batchAt, int metadataLength, long bodyLength) {
        FlatBufferBuilder fb = new FlatBufferBuilder(1024);
        int schemaOffset = schema.getSchema(fb);
        Footer.startRecordBatchesVector(fb, 1);
        Block.createBlock(fb, batchAt, metadataLength, bodyLength);
        int batches = fb.endVector();
        Footer.startDictionariesVector(fb, 0);
        int dictionaries = fb.endVector();
        Footer.startFooter(fb);
        Footer.addVersion(fb, MetadataVersion.V5);
        Footer.addSchema(fb, schemaOffset);
        Footer.addDictionaries(fb, dictionaries);
        Footer.addRecordBatches(fb, batches);
        fb.finish(Footer.endFooter(fb));
        ByteBuffer b = fb.dataBuffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** The batch's field nodes and buffers, planned first (sizes) and filled second (one pass over the values). */
    private static final class Layout {
        final List<long[]> nodes = new ArrayList<>();
        final List<long[]> buffers = new ArrayList<>();
        final List<Fill> fills = new ArrayList<>();
        long bodyLength;

        interface Fill {
            void into(ByteBuffer bb);
        }

        private int buffer(long length, Fill fill) {
            long at = bodyLength;
            buffers.add(new long[] {at, length});
            fills.add(bb -> {
                bb.position((int) at);
                fill.into(bb);
            });
            bodyLength += (length + 7) / 8 * 8;
            return buffers.size() - 1;
        }

        void fill(byte[] out, int bodyStart) {
            ByteBuffer body = ByteBuffer.wrap(out, bodyStart, (int) bodyLength).slice().order(ByteOrder.LITTLE_ENDIAN);
            for (Fill f : fills) {
                f.into(body);
            }
        }

        private void validity(Column c, int rows) {
            validity(rows, c.nullCount() == 0 ? null : c);
        }

        private void validity(int rows, Column nullsOf) {
            buffer((rows + 7) / 8, bb -> {
                int start = bb.position();
                for (int i = 0; i < rows >> 3; i++) {
                    bb.put((byte) 0xFF);
                }
                if ((rows & 7) != 0) {
                    bb.put((byte) ((1 << (rows & 7)) - 1));
                }
                if (nullsOf != null) {
                    for (int i = 0; i < rows; i++) {
                        if (nullsOf.isNull(i)) {
                            int at = start + (i >> 3);
                            bb.put(at, (byte) (bb.get(at) & ~(1 << (i & 7))));
                        }
                    }
                }
            });
        }

        void plan(Column c, Field f, int rows) {
            nodes.add(new long[] {rows, c.nullCount()});
            validity(c, rows);
            Object data = Columns.access().data(c);
            switch (c.type()) {
                case INT64 -> buffer(8L * rows, bb -> bb.asLongBuffer().put((long[]) data, 0, rows));
                case FLOAT64 -> buffer(8L * rows, bb -> bb.asDoubleBuffer().put((double[]) data, 0, rows));
                case FLOAT32 -> buffer(4L * rows, bb -> bb.asFloatBuffer().put((float[]) data, 0, rows));
                case TIMESTAMP -> {
                    long div = ToArrow.divisor(((ArrowType.Timestamp) f.getType()).getUnit());
                    TimestampColumn t = (TimestampColumn) c;
                    long[] nanos = (long[]) data;
                    buffer(8L * rows, bb -> {
                        if (div == 1) {
                            bb.asLongBuffer().put(nanos, 0, rows);
                        } else {
                            for (int i = 0; i < rows; i++) {
                                bb.putLong(t.isNull(i) ? 0 : nanos[i] / div);
                            }
                        }
                    });
                }
                case BOOL -> {
                    BoolColumn b = (BoolColumn) c;
                    buffer((rows + 7) / 8, bb -> {
                        int start = bb.position();
                        for (int i = 0; i < rows; i++) {
                            if (!b.isNull(i) && b.getBool(i)) {
                                int at = start + (i >> 3);
                                bb.put(at, (byte) (bb.get(at) | (1 << (i & 7))));
                            }
                        }
                    });
                }
                case STRING, JSON -> {
                    byte[][] utf8 = new byte[rows][];
                    long total = 0;
                    for (int i = 0; i < rows; i++) {
                        if (!c.isNull(i)) {
                            utf8[i] = text(c, i).getBytes(StandardCharsets.UTF_8);
                            total += utf8[i].length;
                        }
                    }
                    if (total > Integer.MAX_VALUE) {
                        throw new io.infer4j.core.error.Infer4jException("column '" + c.name() + "' holds more than 2 GiB of text", null);
                    }
                    buffer(4L * (rows + 1), bb -> {
                        int off = 0;
                        bb.putInt(0);
                        for (int i = 0; i < rows; i++) {
                            off += utf8[i] == null ? 0 : utf8[i].length;
                            bb.putInt(off);
                        }
                    });
                    buffer(total, bb -> {
                        for (byte[] s : utf8) {
                            if (s != null) {
                                bb.put(s);
                            }
                        }
                    });
                }
                case TENSOR -> tensor((TensorColumn) c, data, rows);
            }
        }

        private static String text(Column c, int i) {
            if (c instanceof StringColumn s) {
                return s.getString(i);
            }
            try {
                return JsonText.MAPPER.writeValueAsString(((JsonColumn) c).getNode(i));
            } catch (JsonProcessingException e) {
                throw new io.infer4j.core.error.Infer4jException("column '" + c.name() + "' row " + i + " cannot be written as JSON", e);
            }
        }

        private void tensor(TensorColumn t, Object data, int rows) {
            int width = t.fixedShape().isPresent() ? ToArrow.product(t.fixedShape().get()) : 0;
            boolean fixed = width > 0;
            long elements;
            if (fixed) {
                elements = (long) width * rows;
            } else {
                elements = rows == 0 ? 0 : (long) t.rowEnd(rows - 1) - t.rowStart(0);
                buffer(4L * (rows + 1), bb -> {
                    int base = rows == 0 ? 0 : t.rowStart(0);
                    bb.putInt(0);
                    for (int i = 0; i < rows; i++) {
                        bb.putInt(t.rowEnd(i) - base);
                    }
                });
            }
            if (elements > Integer.MAX_VALUE) {
                throw new io.infer4j.core.error.Infer4jException("column '" + t.name() + "' has more than 2^31 tensor elements", null);
            }
            int count = (int) elements;
            nodes.add(new long[] {count, 0});
            validity(count, null);
            int elementWidth = t.elementType() == ColumnType.FLOAT32 ? 4 : 8;
            buffer((long) elementWidth * count, bb -> {
                int start = bb.position();
                if (!fixed || t.nullCount() == 0) {
                    copy(data, rows == 0 ? 0 : t.rowStart(0), count, bb);
                } else {
                    for (int r = 0; r < rows; r++) {
                        if (!t.isNull(r)) {
                            bb.position(start + r * width * elementWidth);
                            copy(data, t.rowStart(r), width, bb);
                        }
                    }
                }
            });
        }

        /** {@code count} flat values from {@code from}, widened to int64 when stored narrower. */
        private static void copy(Object data, int from, int count, ByteBuffer bb) {
            if (data instanceof double[] d) {
                bb.asDoubleBuffer().put(d, from, count);
            } else if (data instanceof float[] f) {
                bb.asFloatBuffer().put(f, from, count);
            } else if (data instanceof long[] l) {
                bb.asLongBuffer().put(l, from, count);
            } else {
                // Narrow int64 storage widens through a small chunk, so the buffer still gets bulk puts.
                java.nio.LongBuffer out = bb.asLongBuffer();
                long[] chunk = new long[Math.min(count, 4096)];
                for (int done = 0; done < count; done += chunk.length) {
                    int n = Math.min(chunk.length, count - done);
                    if (data instanceof byte[] b) {
                        for (int i = 0; i < n; i++) {
                            chunk[i] = b[from + done + i];
                        }
                    } else if (data instanceof short[] s) {
                        for (int i = 0; i < n; i++) {
                            chunk[i] = s[from + done + i];
                        }
                    } else {
                        int[] v = (int[]) data;
                        for (int i = 0; i < n; i++) {
                            chunk[i] = v[from + done + i];
                        }
                    }
                    out.put(chunk, 0, n);
                }
            }
        }
    }
}
