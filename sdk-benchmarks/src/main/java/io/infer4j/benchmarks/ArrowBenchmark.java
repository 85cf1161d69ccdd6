package io.infer4j.benchmarks;

import io.infer4j.arrow.ArrowTables;
import io.infer4j.benchmarks.ArrowJavaBaseline.HeapColumn;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.TensorJson;
import io.infer4j.table.codec.WriteOptions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * sdk-arrow's IPC file codec next to this SDK's JSON codecs on the same rows (issue 13's targets:
 * Arrow decode and encode at least 10x the JSON codec's speed and at least 1 GB/s of Arrow
 * bytes), next to the hand-written limit, Arrow Java straight into and out of heap arrays
 * ({@link ArrowJavaBaseline}), and next to the floor, one copy of the file's bytes ({@link #copyFloor()}):
 *
 * <ul>
 *   <li>{@code data-25k}: the 24,954-row table of 50 int64 per row that {@code TensorJson.read}
 *       makes of data-25k.json; JSON side {@code TensorJson.read} / {@code toBytes};</li>
 *   <li>{@code aloha-1k-out}: the recorded 1,000-row pandas-records answer of the Aloha pipeline
 *       (time, in, 15 outputs, anomaly, metadata); JSON side {@code PandasRecords.read} /
 *       {@code toBytes} nested with {@code .}, as {@link CodecBenchmark} does.</li>
 * </ul>
 *
 * The Arrow file is {@code ArrowTables.toFile} of the JSON-decoded table. Scores are operations
 * per second; {@link ArrowPairedRun} gives the CPU-time medians the targets are judged on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = ArrowBenchmark.OPEN_NIO)
public class ArrowBenchmark {
    /** The JVM flag Arrow IPC needs on Java 17+ (docs/arrow.md, "JVM flag"). */
    static final String OPEN_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    /** Which input. */
    @Param({Datasets.TENSOR_25K, Datasets.RECORDS_OUT_1K})
    public String dataset;

    private byte[] json;
    private byte[] arrow;
    private Table table;
    private boolean tensorFormat;
    private WriteOptions writeOptions;
    private BufferAllocator allocator;
    private List<HeapColumn> heap;

    /** Loads the JSON, decodes it, writes the Arrow file both benchmarks read. */
    @Setup
    public void setup() {
        json = Datasets.load(dataset);
        tensorFormat = dataset.equals(Datasets.TENSOR_25K);
        writeOptions = tensorFormat ? WriteOptions.defaults() : WriteOptions.defaults().withNesting(".");
        table = jsonDecode();
        arrow = ArrowTables.toFile(table);
        allocator = new RootAllocator();
        heap = arrowJavaRead();
    }

    /** Frees the baseline's allocator. */
    @TearDown
    public void tearDown() {
        allocator.close();
    }

    /** sdk-arrow: the IPC file into a table. */
    @Benchmark
    public Table arrowDecode() {
        return ArrowTables.readFile(arrow);
    }

    /** This SDK's JSON decoder, same rows. */
    @Benchmark
    public Table jsonDecode() {
        return tensorFormat ? TensorJson.read(json) : PandasRecords.read(json);
    }

    /** Baseline: Arrow Java reads the file and its columns are copied into heap arrays. */
    @Benchmark
    public List<HeapColumn> arrowJavaRead() {
        return ArrowJavaBaseline.read(allocator, arrow);
    }

    /** sdk-arrow: the table as an IPC file. */
    @Benchmark
    public byte[] arrowEncode() {
        return ArrowTables.toFile(table);
    }

    /** This SDK's JSON encoder, same table. */
    @Benchmark
    public byte[] jsonEncode() {
        return tensorFormat ? TensorJson.toBytes(table, writeOptions) : PandasRecords.toBytes(table, writeOptions);
    }

    /** Baseline: the heap arrays of {@link #arrowJavaRead()} into vectors and written by Arrow Java's {@code ArrowFileWriter}. */
    @Benchmark
    public byte[] arrowJavaWrite() {
        return ArrowJavaBaseline.write(allocator, heap);
    }

    /**
     * The floor for any codec that produces or consumes the Arrow bytes: one copy of the file into
     * a new array (what writing it into a {@code byte[]} costs at the least, and less than
     * reading it into a table can).
     */
    @Benchmark
    public byte[] copyFloor() {
        return Arrays.copyOf(arrow, arrow.length);
    }

    /** Size of the Arrow IPC file. */
    public int arrowBytes() {
        return arrow.length;
    }

    /** Size of the JSON body. */
    public int jsonBytes() {
        return json.length;
    }

    /** Rows of the table. */
    public int rows() {
        return table.rowCount();
    }
}
