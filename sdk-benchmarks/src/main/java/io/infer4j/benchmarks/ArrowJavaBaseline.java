package io.infer4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * The hand-written Arrow baseline: what an application that uses Apache Arrow Java directly,
 * without infer4j, writes to turn heap arrays into an Arrow IPC file and an IPC file back into
 * heap arrays. It takes the shortcuts Arrow allows (one long-lived allocator, one bulk copy per
 * buffer between a heap array and a vector, strings decoded straight from the data buffer), and
 * builds nothing beyond the arrays, so a ratio against it measures what infer4j adds on top of
 * Arrow, not Arrow's own cost. It copies what the Arrow answers and the benchmark tables hold
 * (64-bit and 32-bit integers, timestamps, floats, booleans, utf8, lists and fixed-size lists).
 */
final class ArrowJavaBaseline {
    private ArrowJavaBaseline() {
    }

    /**
     * One column (or list child) copied out of Arrow, laid out as Arrow lays it out: the values
     * ({@code long[]}, {@code int[]}, {@code double[]}, {@code float[]}, {@code boolean[]} or
     * {@code String[]}; null for a list), the null slots, a list's offsets and its child.
     */
    record HeapColumn(Field field, int valueCount, Object values, BitSet nulls, int[] offsets, HeapColumn child) {
    }

    /** {@code rows} tensors of {@code width} int64 ({@code values} row after row) as an IPC file of one fixed_size_list column. */
    static byte[] writeTensor(BufferAllocator allocator, String name, long[] values, int width) {
        int rows = values.length / width;
        Field item = new Field("item", FieldType.nullable(new ArrowType.Int(64, true)), null);
        Field field = new Field(name, FieldType.nullable(new ArrowType.FixedSizeList(width)), List.of(item));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(field)), allocator)) {
            FixedSizeListVector list = (FixedSizeListVector) root.getVector(0);
            list.setInitialCapacity(rows); // sizes the child for rows * width values too
            list.allocateNew();
            BigIntVector items = (BigIntVector) list.getDataVector();
            bulk(items.getDataBuffer(), values.length, 8).asLongBuffer().put(values);
            allValid(items.getValidityBuffer(), values.length);
            allValid(list.getValidityBuffer(), rows);
            root.setRowCount(rows);
            return file(root);
        }
    }

    /** Every column of every record batch of an IPC file, copied onto the heap (batch after batch). */
    static List<HeapColumn> read(BufferAllocator allocator, byte[] file) {
        try (ArrowFileReader reader = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(file), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<HeapColumn> out = new ArrayList<>();
            for (ArrowBlock block : reader.getRecordBlocks()) {
                reader.loadRecordBatch(block);
                for (FieldVector v : root.getFieldVectors()) {
                    out.add(copy(v));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The columns ({@link #read} of a one-batch file) as an IPC file again, with the same schema. */
    static byte[] write(BufferAllocator allocator, List<HeapColumn> columns) {
        List<Field> fields = new ArrayList<>();
        List<FieldVector> vectors = new ArrayList<>();
        for (HeapColumn c : columns) {
            fields.add(c.field());
            FieldVector v = c.field().createVector(allocator);
            vectors.add(v);
            fill(v, c);
        }
        int rows = columns.isEmpty() ? 0 : columns.get(0).valueCount();
        try (VectorSchemaRoot root = new VectorSchemaRoot(fields, vectors, rows)) {
            return file(root);
        }
    }

    private static byte[] file(VectorSchemaRoot root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowFileWriter writer = new ArrowFileWriter(root, new DictionaryProvider.MapDictionaryProvider(), Channels.newChannel(out))) {
            writer.start();
            writer.writeBatch();
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static HeapColumn copy(ValueVector v) {
        int n = v.getValueCount();
        Field f = v.getField();
        BitSet nulls = nulls(v, n);
        if (v instanceof FixedSizeListVector list) {
            return new HeapColumn(f, n, null, nulls, null, copy(list.getDataVector()));
        }
        if (v instanceof ListVector list) {
            int[] offsets = new int[n + 1];
            if (n > 0) {
                bulk(list.getOffsetBuffer(), n + 1, 4).asIntBuffer().get(offsets);
            }
            return new HeapColumn(f, n, null, nulls, offsets, copy(list.getDataVector()));
        }
        if (v instanceof VarCharVector s) {
            int[] offsets = new int[n + 1];
            String[] values = new String[n];
            if (n > 0) {
                bulk(s.getOffsetBuffer(), n + 1, 4).asIntBuffer().get(offsets);
                byte[] data = new byte[offsets[n]];
                s.getDataBuffer().getBytes(0, data);
                for (int i = 0; i < n; i++) {
                    if (!nulls.get(i)) {
                        values[i] = new String(data, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
                    }
                }
            }
            return new HeapColumn(f, n, values, nulls, null, null);
        }
        if (v instanceof BitVector b) {
            boolean[] values = new boolean[n];
            for (int i = 0; i < n; i++) {
                values[i] = !nulls.get(i) && b.get(i) != 0;
            }
            return new HeapColumn(f, n, values, nulls, null, null);
        }
        ArrowBuf data = ((BaseFixedWidthVector) v).getDataBuffer();
        Object values;
        if (v instanceof BigIntVector || v instanceof TimeStampVector) {
            long[] a = new long[n];
            bulk(data, n, 8).asLongBuffer().get(a);
            values = a;
        } else if (v instanceof Float8Vector) {
            double[] a = new double[n];
            bulk(data, n, 8).asDoubleBuffer().get(a);
            values = a;
        } else if (v instanceof Float4Vector) {
            float[] a = new float[n];
            bulk(data, n, 4).asFloatBuffer().get(a);
            values = a;
        } else if (v instanceof IntVector) {
            int[] a = new int[n];
            bulk(data, n, 4).asIntBuffer().get(a);
            values = a;
        } else {
            throw new IllegalArgumentException("the baseline copies no " + f.getType() + " (field " + f.getName() + ")");
        }
        return new HeapColumn(f, n, values, nulls, null, null);
    }

    private static void fill(FieldVector v, HeapColumn c) {
        int n = c.valueCount();
        if (v instanceof FixedSizeListVector list) {
            list.setInitialCapacity(n);
            list.allocateNew();
            fill(list.getDataVector(), c.child());
            validity(list.getValidityBuffer(), c, n);
        } else if (v instanceof ListVector list) {
            list.setInitialCapacity(n);
            list.allocateNew();
            bulk(list.getOffsetBuffer(), n + 1, 4).asIntBuffer().put(c.offsets());
            validity(list.getValidityBuffer(), c, n);
            fill(list.getDataVector(), c.child());
            list.setLastSet(n - 1);
        } else if (v instanceof VarCharVector s) {
            String[] values = (String[]) c.values();
            s.allocateNew(n);
            for (int i = 0; i < n; i++) {
                if (values[i] != null) {
                    s.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
                }
            }
        } else if (v instanceof BitVector b) {
            boolean[] values = (boolean[]) c.values();
            b.allocateNew(n);
            for (int i = 0; i < n; i++) {
                if (!c.nulls().get(i)) {
                    b.set(i, values[i] ? 1 : 0);
                }
            }
        } else {
            BaseFixedWidthVector f = (BaseFixedWidthVector) v;
            f.allocateNew(n);
            ArrowBuf data = f.getDataBuffer();
            Object values = c.values();
            if (values instanceof long[] a) {
                bulk(data, n, 8).asLongBuffer().put(a);
            } else if (values instanceof double[] a) {
                bulk(data, n, 8).asDoubleBuffer().put(a);
            } else if (values instanceof float[] a) {
                bulk(data, n, 4).asFloatBuffer().put(a);
            } else {
                bulk(data, n, 4).asIntBuffer().put((int[]) values);
            }
            validity(f.getValidityBuffer(), c, n);
        }
        v.setValueCount(n);
    }

    private static ByteBuffer bulk(ArrowBuf buf, int count, int width) {
        return buf.nioBuffer(0, count * width).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void allValid(ArrowBuf bits, int n) {
        bits.setOne(0L, (long) BitVectorHelper.getValidityBufferSizeFromCount(n));
    }

    private static void validity(ArrowBuf bits, HeapColumn c, int n) {
        allValid(bits, n);
        for (int i = c.nulls().nextSetBit(0); i >= 0; i = c.nulls().nextSetBit(i + 1)) {
            BitVectorHelper.unsetBit(bits, i);
        }
    }

    private static BitSet nulls(ValueVector v, int n) {
        BitSet nulls = new BitSet();
        if (v.getNullCount() == 0) {
            return nulls;
        }
        for (int i = 0; i < n; i++) {
            if (v.isNull(i)) {
                nulls.set(i);
            }
        }
        return nulls;
    }
}
