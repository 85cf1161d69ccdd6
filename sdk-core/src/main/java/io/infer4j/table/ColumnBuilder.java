package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.infer4j.core.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Map;

/**
 * Builds one {@link Column} value by value, into primitive arrays. Two modes:
 *
 * <ul>
 *   <li><b>typed</b> ({@link #of(String, ColumnType)}, {@link #tensor}): every value must fit the
 *   type; a value that does not (a string in an int64 column, 1.5 in an int64 column, a number
 *   beyond the int64 range) is an {@link IllegalArgumentException} naming the row. The only
 *   conversions are the documented widening ones (an integer into a float column, epoch
 *   milliseconds or an ISO-8601 string into a timestamp column).</li>
 *   <li><b>inferred</b> ({@link #of(String)}): the first value picks the type; integers widen to
 *   float64 when a float arrives (as pandas does), integer tensors widen to float64 tensors, and
 *   anything that no longer fits one type turns the column into a {@link ColumnType#JSON} column
 *   (values kept exactly). A column that only saw nulls becomes a JSON column.</li>
 * </ul>
 *
 * <p>Not thread-safe. {@link #build()} copies, so the builder may go on afterwards.
 */
public final class ColumnBuilder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int[] EMPTY_SHAPE = {0};

    private final String name;
    private final ColumnType declared;
    private final boolean raggedAllowed;
    private final boolean elemDeclared;
    private ColumnType type;
    private ColumnType elem;
    private ZoneId zone;
    private int size;
    private BitSet nulls;

    private long[] longs;
    private double[] doubles;
    private float[] floats;
    private boolean[] bools;
    private Object[] objs;

    private long[] tl;
    private double[] td;
    private float[] tf;
    private int tcount;
    private int[] offsets;
    private int[] fixedShape;
    private int[][] shapes;

    private ColumnBuilder(String name, ColumnType declared, ColumnType elem, boolean raggedAllowed) {
        this.name = Column.checkName(name);
        this.declared = declared;
        this.elem = elem;
        this.elemDeclared = elem != null;
        this.raggedAllowed = raggedAllowed;
    }

    /** A builder that infers the column type from the values. */
    public static ColumnBuilder of(String name) {
        return new ColumnBuilder(name, null, null, true);
    }

    /** A builder for a column of {@code type} (a TENSOR column infers its element type and may be ragged). */
    public static ColumnBuilder of(String name, ColumnType type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null (use ColumnBuilder.of(name) to infer)");
        }
        return new ColumnBuilder(name, type, null, true);
    }

    /**
     * A builder for a tensor column of {@code elementType} (INT64, FLOAT64 or FLOAT32). With
     * {@code ragged == false} every row must have the shape of the first row.
     */
    public static ColumnBuilder tensor(String name, ColumnType elementType, boolean ragged) {
        if (elementType == null || !elementType.isTensorElement()) {
            throw new IllegalArgumentException("tensor element type must be INT64, FLOAT64 or FLOAT32, got " + elementType);
        }
        return new ColumnBuilder(name, ColumnType.TENSOR, elementType, ragged);
    }

    /** A builder for a timestamp column in {@code zone} (null: naive/UTC). */
    public static ColumnBuilder timestamps(String name, ZoneId zone) {
        ColumnBuilder b = new ColumnBuilder(name, ColumnType.TIMESTAMP, null, true);
        b.zone = zone;
        return b;
    }

    /** The column name. */
    public String name() {
        return name;
    }

    /** Rows appended so far. */
    public int size() {
        return size;
    }

    /** The type so far (null while only nulls were appended to an inferring builder). */
    public ColumnType currentType() {
        return type != null ? type : declared;
    }

    // ------------------------------------------------------------------ appends

    /** Appends a missing cell. */
    public ColumnBuilder appendNull() {
        grow();
        if (nulls == null) {
            nulls = new BitSet();
        }
        nulls.set(size);
        if (type == ColumnType.TENSOR) {
            offsets[size + 1] = tcount;
            if (shapes != null) {
                shapes[size] = EMPTY_SHAPE;
            }
        }
        size++;
        return this;
    }

    /** Appends {@code count} missing cells. */
    public ColumnBuilder appendNulls(int count) {
        for (int i = 0; i < count; i++) {
            appendNull();
        }
        return this;
    }

    /** Appends an integer (into a float column it is converted, into a timestamp column it is epoch milliseconds). */
    public ColumnBuilder appendLong(long v) {
        start(ColumnType.INT64);
        switch (type) {
            case INT64 -> longs[size] = v;
            case FLOAT64 -> doubles[size] = v;
            case FLOAT32 -> floats[size] = v;
            case TIMESTAMP -> longs[size] = millisToNanos(v);
            case JSON -> objs[size] = NODES.numberNode(v);
            default -> {
                promoteOrFail("the integer " + v);
                objs[size] = NODES.numberNode(v);
            }
        }
        size++;
        return this;
    }

    /** Appends a double; NaN and infinities are values, not nulls. */
    public ColumnBuilder appendDouble(double v) {
        start(ColumnType.FLOAT64);
        switch (type) {
            case INT64 -> {
                if (declared == null) {
                    widenToFloat64();
                    doubles[size] = v;
                } else if (v == Math.rint(v) && v >= -0x1p63 && v < 0x1p63) {
                    longs[size] = (long) v;
                } else {
                    throw fail("the number " + v + " is not an int64");
                }
            }
            case FLOAT64 -> doubles[size] = v;
            case FLOAT32 -> floats[size] = (float) v;
            case TIMESTAMP -> {
                if (v != Math.rint(v) || Double.isInfinite(v)) {
                    throw fail("the number " + v + " is not epoch milliseconds");
                }
                longs[size] = millisToNanos((long) v);
            }
            case JSON -> objs[size] = NODES.numberNode(v);
            default -> {
                promoteOrFail("the number " + v);
                objs[size] = NODES.numberNode(v);
            }
        }
        size++;
        return this;
    }

    /** Appends a float (exact in float32 and float64 columns). */
    public ColumnBuilder appendFloat(float v) {
        if (type == ColumnType.FLOAT32 || (type == null && declared == ColumnType.FLOAT32)) {
            start(ColumnType.FLOAT32);
            floats[size++] = v;
            return this;
        }
        return appendDouble(v);
    }

    /** Appends an integer of any size: beyond int64 it is rejected by typed int64 columns and kept exact in JSON otherwise. */
    public ColumnBuilder appendBigInteger(BigInteger v) {
        if (v.bitLength() < 64) {
            return appendLong(v.longValue());
        }
        ColumnType t = type != null ? type : declared;
        if (t == ColumnType.FLOAT64 || t == ColumnType.FLOAT32) {
            return appendDouble(v.doubleValue());
        }
        if (t == ColumnType.INT64 && declared != null) {
            throw fail("the integer " + v + " is outside the int64 range");
        }
        start(ColumnType.JSON);
        if (type != ColumnType.JSON) {
            promoteOrFail("the integer " + v + " (beyond int64)");
        }
        objs[size++] = NODES.numberNode(v);
        return this;
    }

    /** Appends a boolean. */
    public ColumnBuilder appendBool(boolean v) {
        start(ColumnType.BOOL);
        if (type == ColumnType.BOOL) {
            bools[size] = v;
        } else {
            if (type != ColumnType.JSON) {
                promoteOrFail("the boolean " + v);
            }
            objs[size] = NODES.booleanNode(v);
        }
        size++;
        return this;
    }

    /** Appends a string (null = missing). Into a timestamp column it is parsed as ISO-8601; {@code "NaT"} and {@code ""} are missing. */
    public ColumnBuilder appendString(String v) {
        if (v == null) {
            return appendNull();
        }
        start(ColumnType.STRING);
        switch (type) {
            case STRING -> objs[size] = v;
            case TIMESTAMP -> {
                if (v.isEmpty() || v.equals("NaT")) {
                    return appendNull();
                }
                longs[size] = TimestampColumn.toNanos(parseInstant(v));
            }
            case JSON -> objs[size] = NODES.textNode(v);
            default -> {
                promoteOrFail("the string \"" + abbreviate(v) + "\"");
                objs[size] = NODES.textNode(v);
            }
        }
        size++;
        return this;
    }

    /** Appends an instant (null = NaT). */
    public ColumnBuilder appendInstant(Instant v) {
        if (v == null) {
            return appendNull();
        }
        start(ColumnType.TIMESTAMP);
        if (type == ColumnType.TIMESTAMP) {
            longs[size] = TimestampColumn.toNanos(v);
        } else {
            if (type != ColumnType.JSON) {
                promoteOrFail("the timestamp " + v);
            }
            objs[size] = NODES.textNode(v.toString());
        }
        size++;
        return this;
    }

    /**
     * Appends a JSON value. A JSON column (or an inferring builder) keeps the node as it is; a
     * typed column converts scalar nodes and numeric arrays (for tensors) to its type.
     */
    public ColumnBuilder appendJson(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return appendNull();
        }
        if (declared == null || declared == ColumnType.JSON) {
            start(ColumnType.JSON);
            if (type != ColumnType.JSON) {
                promoteOrFail("a JSON value");
            }
            objs[size++] = v;
            return this;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? appendLong(v.longValue()) : appendBigInteger(v.bigIntegerValue());
        } else if (v.isNumber()) {
            return appendDouble(v.doubleValue());
        } else if (v.isTextual()) {
            return appendString(v.textValue());
        } else if (v.isBoolean()) {
            return appendBool(v.booleanValue());
        } else if (v.isArray() && declared == ColumnType.TENSOR) {
            return appendTensorNode(v);
        }
        throw fail("a JSON " + v.getNodeType().toString().toLowerCase());
    }

    /** Appends an int64 tensor of {@code shape} whose values start at {@code values[from]}. */
    public ColumnBuilder appendTensor(int[] shape, long[] values, int from) {
        int n = count(shape);
        if (startTensor(ColumnType.INT64, shape, values, from, n)) {
            return this;
        }
        switch (elem) {
            case INT64 -> System.arraycopy(values, from, tl, tcount, n);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    td[tcount + i] = values[from + i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    tf[tcount + i] = values[from + i];
                }
            }
        }
        return endTensor(shape, n);
    }

    /** Appends a float64 tensor of {@code shape} whose values start at {@code values[from]}. */
    public ColumnBuilder appendTensor(int[] shape, double[] values, int from) {
        int n = count(shape);
        if (startTensor(ColumnType.FLOAT64, shape, values, from, n)) {
            return this;
        }
        switch (elem) {
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    double v = values[from + i];
                    if (v != Math.rint(v) || v < -0x1p63 || v >= 0x1p63) {
                        throw fail("the number " + v + " is not an int64 (tensor element " + i + ")");
                    }
                    tl[tcount + i] = (long) v;
                }
            }
            case FLOAT64 -> System.arraycopy(values, from, td, tcount, n);
            default -> {
                for (int i = 0; i < n; i++) {
                    tf[tcount + i] = (float) values[from + i];
                }
            }
        }
        return endTensor(shape, n);
    }

    /** Appends a float32 tensor of {@code shape} whose values start at {@code values[from]}. */
    public ColumnBuilder appendTensor(int[] shape, float[] values, int from) {
        int n = count(shape);
        if (type == null && elem == null && (declared == null || declared == ColumnType.TENSOR)) {
            elem = ColumnType.FLOAT32;
        }
        if (elem == ColumnType.FLOAT32 && (type == null || type == ColumnType.TENSOR)) {
            if (startTensor(ColumnType.FLOAT32, shape, values, from, n)) {
                return this;
            }
            System.arraycopy(values, from, tf, tcount, n);
            return endTensor(shape, n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = values[from + i];
        }
        return appendTensor(shape, d, 0);
    }

    /** Appends a tensor value (null = missing). */
    public ColumnBuilder appendTensor(Tensor t) {
        if (t == null) {
            return appendNull();
        }
        return switch (t.elementType()) {
            case INT64 -> appendTensor(t.shape(), t.toLongArray(), 0);
            case FLOAT32 -> appendTensor(t.shape(), t.toFloatArray(), 0);
            default -> appendTensor(t.shape(), t.toDoubleArray(), 0);
        };
    }

    /**
     * Appends any supported Java value: null, Long/Integer/Short/Byte, Double, Float, BigInteger,
     * BigDecimal (as double), Boolean, String, Instant, ZonedDateTime, OffsetDateTime, Tensor,
     * (nested) long[]/int[]/double[]/float[] arrays, JsonNode, or a Map/List (as JSON).
     */
    public ColumnBuilder append(Object v) {
        if (v == null) {
            return appendNull();
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return appendLong(((Number) v).longValue());
        } else if (v instanceof Float f) {
            return appendFloat(f);
        } else if (v instanceof Double d) {
            return appendDouble(d);
        } else if (v instanceof BigInteger b) {
            return appendBigInteger(b);
        } else if (v instanceof BigDecimal b) {
            return appendDouble(b.doubleValue());
        } else if (v instanceof Boolean b) {
            return appendBool(b);
        } else if (v instanceof CharSequence s) {
            return appendString(s.toString());
        } else if (v instanceof Instant t) {
            return appendInstant(t);
        } else if (v instanceof ZonedDateTime z) {
            adoptZone(z.getZone());
            return appendInstant(z.toInstant());
        } else if (v instanceof OffsetDateTime o) {
            return appendInstant(o.toInstant());
        } else if (v instanceof Tensor t) {
            return appendTensor(t);
        } else if (v instanceof JsonNode n) {
            return appendJson(n);
        } else if (v.getClass().isArray()) {
            return appendTensorNode(Json.mapper().valueToTree(v));
        } else if (v instanceof Map || v instanceof Collection) {
            return appendJson(Json.mapper().valueToTree(v));
        }
        throw fail("unsupported value type " + v.getClass().getName());
    }

    private void adoptZone(ZoneId z) {
        if (zone == null && size == 0) {
            zone = z;
        }
    }

    /** Builds the column (copies the buffers; the builder stays usable). */
    public Column build() {
        ColumnType t = type != null ? type : declared != null ? declared : ColumnType.JSON;
        BitSet ns = nulls == null ? null : (BitSet) nulls.clone();
        if (type == null) {
            return allNulls(t, ns);
        }
        return switch (t) {
            case INT64 -> new Int64Column(name, Arrays.copyOf(longs, size), ns);
            case FLOAT64 -> new Float64Column(name, Arrays.copyOf(doubles, size), ns);
            case FLOAT32 -> new Float32Column(name, Arrays.copyOf(floats, size), ns);
            case BOOL -> new BoolColumn(name, Arrays.copyOf(bools, size), ns);
            case STRING -> new StringColumn(name, Arrays.copyOf(objs, size, String[].class));
            case TIMESTAMP -> new TimestampColumn(name, Arrays.copyOf(longs, size), ns, zone);
            case JSON -> new JsonColumn(name, Arrays.copyOf(objs, size, JsonNode[].class), ns);
            case TENSOR -> buildTensor(ns);
        };
    }

    /** A column of {@code size} missing cells (nothing but nulls was appended). */
    private Column allNulls(ColumnType t, BitSet ns) {
        return switch (t) {
            case INT64 -> new Int64Column(name, new long[size], ns);
            case FLOAT64 -> new Float64Column(name, new double[size], ns);
            case FLOAT32 -> new Float32Column(name, new float[size], ns);
            case BOOL -> new BoolColumn(name, new boolean[size], ns);
            case STRING -> new StringColumn(name, new String[size]);
            case TIMESTAMP -> new TimestampColumn(name, new long[size], ns, zone);
            case JSON -> new JsonColumn(name, new JsonNode[size], ns);
            case TENSOR -> new TensorColumn(name, elem != null ? elem : ColumnType.FLOAT64,
                    elem == ColumnType.INT64 ? new long[0] : elem == ColumnType.FLOAT32 ? new float[0] : new double[0],
                    new int[size + 1], size, EMPTY_SHAPE, null, ns, 0);
        };
    }

    private TensorColumn buildTensor(BitSet ns) {
        Object data = switch (elem) {
            case INT64 -> TensorColumn.narrow(tl, tcount);
            case FLOAT32 -> Arrays.copyOf(tf, tcount);
            default -> Arrays.copyOf(td, tcount);
        };
        int[] fixed = fixedShape;
        int[][] sh = shapes == null ? null : Arrays.copyOf(shapes, size);
        if (fixed == null && sh == null) {
            fixed = EMPTY_SHAPE; // only nulls: any shape; [0] keeps it consistent
        }
        return new TensorColumn(name, elem, data, Arrays.copyOf(offsets, size + 1), size, sh == null ? fixed : null,
                sh, ns, 0);
    }

    // ------------------------------------------------------------------ internals

    private IllegalArgumentException fail(String what) {
        return new IllegalArgumentException("column '" + name + "', row " + size + ": " + what
                + " does not fit a " + (type != null ? type : declared) + " column");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** Sets the type on the first non-null value and makes room for one more value. */
    private void start(ColumnType natural) {
        if (type == null) {
            init(declared != null ? declared : natural, elem);
        }
        grow();
    }

    private void init(ColumnType t, ColumnType tensorElem) {
        type = t;
        int cap = Math.max(16, size + 16);
        switch (t) {
            case INT64, TIMESTAMP -> longs = new long[cap];
            case FLOAT64 -> doubles = new double[cap];
            case FLOAT32 -> floats = new float[cap];
            case BOOL -> bools = new boolean[cap];
            case STRING, JSON -> objs = new Object[cap];
            case TENSOR -> {
                elem = tensorElem != null ? tensorElem : ColumnType.INT64;
                offsets = new int[cap + 1];
            }
        }
    }

    private void grow() {
        int cap = switch (type == null ? ColumnType.JSON : type) {
            case INT64, TIMESTAMP -> longs.length;
            case FLOAT64 -> doubles.length;
            case FLOAT32 -> floats.length;
            case BOOL -> bools.length;
            case STRING, JSON -> objs == null ? Integer.MAX_VALUE : objs.length;
            case TENSOR -> offsets.length - 1;
        };
        if (type == null || size < cap) {
            return;
        }
        int n = cap + (cap >> 1) + 16;
        switch (type) {
            case INT64, TIMESTAMP -> longs = Arrays.copyOf(longs, n);
            case FLOAT64 -> doubles = Arrays.copyOf(doubles, n);
            case FLOAT32 -> floats = Arrays.copyOf(floats, n);
            case BOOL -> bools = Arrays.copyOf(bools, n);
            case STRING, JSON -> objs = Arrays.copyOf(objs, n);
            case TENSOR -> {
                offsets = Arrays.copyOf(offsets, n + 1);
                if (shapes != null) {
                    shapes = Arrays.copyOf(shapes, n);
                }
            }
        }
    }

    private void promoteOrFail(String what) {
        if (declared != null && declared != ColumnType.JSON) {
            throw fail(what);
        }
        Column partial = build();
        Object[] nodes = new Object[Math.max(16, size + 16)];
        for (int i = 0; i < size; i++) {
            nodes[i] = partial.isNull(i) ? null : partial.toJson(i);
        }
        longs = null;
        doubles = null;
        floats = null;
        bools = null;
        tl = null;
        td = null;
        tf = null;
        offsets = null;
        shapes = null;
        fixedShape = null;
        objs = nodes;
        type = ColumnType.JSON;
    }

    private void widenToFloat64() {
        doubles = new double[longs.length];
        for (int i = 0; i < size; i++) {
            doubles[i] = longs[i];
        }
        longs = null;
        type = ColumnType.FLOAT64;
    }

    private long millisToNanos(long ms) {
        try {
            return Math.multiplyExact(ms, 1_000_000L);
        } catch (ArithmeticException e) {
            throw fail("epoch milliseconds " + ms + " are outside the datetime64[ns] range");
        }
    }

    private int count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw fail("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw fail("tensor of shape " + Arrays.toString(shape) + " is too large");
        }
        return (int) n;
    }

    /**
     * Common start of a tensor append. Returns true when the value was stored as JSON instead
     * (the column is or became a JSON column).
     */
    private boolean startTensor(ColumnType natural, int[] shape, Object values, int from, int n) {
        if (type == null) {
            if (declared != null && declared != ColumnType.TENSOR && declared != ColumnType.JSON) {
                throw fail("a tensor of shape " + Arrays.toString(shape));
            }
            if (declared == ColumnType.JSON) {
                init(ColumnType.JSON, null);
            } else {
                init(ColumnType.TENSOR, elem != null ? elem : natural);
            }
        }
        grow();
        if (type != ColumnType.TENSOR) {
            if (type != ColumnType.JSON) {
                promoteOrFail("a tensor of shape " + Arrays.toString(shape));
            }
            objs[size++] = tensorOf(natural, shape, values, from, n).toJson();
            return true;
        }
        if (elem == ColumnType.INT64 && natural != ColumnType.INT64 && !elemDeclared) {
            td = new double[Math.max(tl == null ? 0 : tl.length, tcount + n + 16)];
            for (int i = 0; i < tcount; i++) {
                td[i] = tl[i];
            }
            tl = null;
            elem = ColumnType.FLOAT64;
        }
        if (fixedShape == null && shapes == null) {
            fixedShape = shape.clone();
        } else if (shapes == null && !Arrays.equals(fixedShape, shape)) {
            if (!raggedAllowed) {
                throw fail("a tensor of shape " + Arrays.toString(shape) + " in a fixed-shape column of shape "
                        + Arrays.toString(fixedShape) + " (ragged rows need a ragged column)");
            }
            shapes = new int[offsets.length - 1][];
            for (int i = 0; i < size; i++) {
                shapes[i] = nulls != null && nulls.get(i) ? EMPTY_SHAPE : fixedShape;
            }
            fixedShape = null;
        }
        ensureTensor(n);
        return false;
    }

    private static Tensor tensorOf(ColumnType natural, int[] shape, Object values, int from, int n) {
        return switch (natural) {
            case INT64 -> Tensor.of(Arrays.copyOfRange((long[]) values, from, from + n), shape);
            case FLOAT32 -> Tensor.of(Arrays.copyOfRange((float[]) values, from, from + n), shape);
            default -> Tensor.of(Arrays.copyOfRange((double[]) values, from, from + n), shape);
        };
    }

    private void ensureTensor(int n) {
        int need = tcount + n;
        switch (elem) {
            case INT64 -> {
                if (tl == null || tl.length < need) {
                    tl = Arrays.copyOf(tl == null ? new long[0] : tl, Math.max(need, (tl == null ? 64 : tl.length) * 3 / 2));
                }
            }
            case FLOAT32 -> {
                if (tf == null || tf.length < need) {
                    tf = Arrays.copyOf(tf == null ? new float[0] : tf, Math.max(need, (tf == null ? 64 : tf.length) * 3 / 2));
                }
            }
            default -> {
                if (td == null || td.length < need) {
                    td = Arrays.copyOf(td == null ? new double[0] : td, Math.max(need, (td == null ? 64 : td.length) * 3 / 2));
                }
            }
        }
    }

    private ColumnBuilder endTensor(int[] shape, int n) {
        if (shapes != null) {
            shapes[size] = size > 0 && Arrays.equals(shape, shapes[size - 1]) ? shapes[size - 1] : shape.clone();
        }
        tcount += n;
        offsets[size + 1] = tcount;
        size++;
        return this;
    }

    private ColumnBuilder appendTensorNode(JsonNode array) {
        TensorShape ts = TensorShape.of(array);
        if (ts == null) {
            if (declared == ColumnType.TENSOR) {
                throw fail("a JSON array that is not a rectangular numeric array");
            }
            return appendJson(array);
        }
        return ts.isFloat ? appendTensor(ts.shape, ts.doubles, 0) : appendTensor(ts.shape, ts.longs, 0);
    }

    /** Shape and values of a rectangular numeric JSON array (null if it is not one). */
    private static final class TensorShape {
        int[] shape;
        boolean isFloat;
        long[] longs;
        double[] doubles;

        static TensorShape of(JsonNode a) {
            TensorShape t = new TensorShape();
            int rank = 0;
            for (JsonNode n = a; n.isArray(); n = n.size() > 0 ? n.get(0) : com.fasterxml.jackson.databind.node.MissingNode.getInstance()) {
                rank++;
            }
            t.shape = new int[rank];
            JsonNode n = a;
            for (int d = 0; d < rank; d++) {
                t.shape[d] = n.size();
                n = n.size() > 0 ? n.get(0) : null;
            }
            int count = 1;
            for (int d : t.shape) {
                count *= d;
            }
            t.longs = new long[count];
            t.doubles = new double[count];
            int[] pos = {0};
            return t.fill(a, 0, pos) ? t : null;
        }

        private boolean fill(JsonNode n, int dim, int[] pos) {
            if (dim == shape.length) {
                if (n.isIntegralNumber() && n.canConvertToLong()) {
                    longs[pos[0]] = n.longValue();
                    doubles[pos[0]++] = n.longValue();
                    return true;
                } else if (n.isNumber() && !n.isIntegralNumber()) {
                    isFloat = true;
                    doubles[pos[0]++] = n.doubleValue();
                    return true;
                }
                return false;
            }
            if (!n.isArray() || n.size() != shape[dim]) {
                return false;
            }
            for (JsonNode c : n) {
                if (!fill(c, dim + 1, pos)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Parses ISO-8601: with offset or Z (exact instant), naive (UTC), date only, or with a space instead of 'T'. */
    static Instant parseInstant(String s) {
        String v = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            if (v.length() <= 10) {
                return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            char last = v.charAt(v.length() - 1);
            if (last == 'Z' || last == 'z') {
                return Instant.parse(v.toUpperCase());
            }
            int t = v.indexOf('T');
            if (v.indexOf('+', t) > 0 || v.indexOf('-', t) > 0) {
                return OffsetDateTime.parse(v).toInstant();
            }
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 timestamp: \"" + abbreviate(s) + "\"");
        }
    }
}
