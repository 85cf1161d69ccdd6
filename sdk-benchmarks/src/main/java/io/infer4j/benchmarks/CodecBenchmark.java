package io.infer4j.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.TensorJson;
import io.infer4j.table.codec.WriteOptions;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode and encode throughput of the table codecs next to two baselines measured in the same
 * run: a bare streaming pass that only reads every token (the practical ceiling for any JSON
 * decoder on Jackson) and the obvious databind approach ({@code readValue} into
 * {@code List<Map<String, Object>>} / {@code Map}, {@code readTree}, {@code writeValueAsBytes}).
 * Scores are operations per second; {@link CodecReport} turns them into MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
    /** Which input. */
    @Param({Datasets.TENSOR_25K, Datasets.RECORDS_1K, Datasets.RECORDS_OUT_1K})
    public String dataset;

    private byte[] body;
    private Table table;
    private Object databind;
    private boolean tensorFormat;
    private WriteOptions writeOptions;
    /** A plain mapper, as an application would create it. */
    private final ObjectMapper plain = new ObjectMapper();

    /** Loads the input and prepares the values to encode. */
    @Setup
    public void setup() throws IOException {
        body = Datasets.load(dataset);
        tensorFormat = dataset.equals(Datasets.TENSOR_25K);
        writeOptions = dataset.equals(Datasets.RECORDS_OUT_1K) ? WriteOptions.defaults().withNesting(".") : WriteOptions.defaults();
        table = decode();
        databind = databindReadValue();
    }

    /** Our decoder into a typed, columnar table. */
    @Benchmark
    public Table decode() {
        return tensorFormat ? TensorJson.read(body) : PandasRecords.read(body);
    }

    /** Our encoder from the table. */
    @Benchmark
    public byte[] encode() {
        return tensorFormat ? TensorJson.toBytes(table, writeOptions) : PandasRecords.toBytes(table, writeOptions);
    }

    /**
     * Baseline (a): read every token and nothing else. Stepping over tokens parses no number, so
     * the plain mapper's factory is as fast here as the SDK's tuned one (which is not API).
     */
    @Benchmark
    public long baselineTokens() throws IOException {
        long n = 0;
        try (JsonParser p = plain.getFactory().createParser(body)) {
            while (p.nextToken() != null) {
                n++;
            }
        }
        return n;
    }

    /** Baseline (b): databind into lists and maps of boxed values. */
    @Benchmark
    public Object databindReadValue() throws IOException {
        return tensorFormat ? plain.readValue(body, new TypeReference<Map<String, Object>>() { })
                : plain.readValue(body, new TypeReference<List<Map<String, Object>>>() { });
    }

    /** Baseline (b'): a JSON tree. */
    @Benchmark
    public JsonNode databindReadTree() throws IOException {
        return plain.readTree(body);
    }

    /** Baseline for encoding: databind writes the lists and maps. */
    @Benchmark
    public byte[] databindWriteValue() throws IOException {
        return plain.writeValueAsBytes(databind);
    }

    /** Input size in bytes (for MB/s). */
    public int bodySize() {
        return body.length;
    }
}
