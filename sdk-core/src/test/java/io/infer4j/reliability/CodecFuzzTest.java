package io.infer4j.reliability;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.infer4j.core.error.Infer4jException;
import io.infer4j.table.Table;
import io.infer4j.table.codec.Csv;
import io.infer4j.table.codec.OmegaDataset;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.PandasSplit;
import io.infer4j.table.codec.TensorJson;
import io.infer4j.table.codec.WriteOptions;
import io.infer4j.wallaroo.InferenceResult;

/**
 * Coverage-guided fuzzing of every table codec: whatever bytes arrive, a decoder either returns a
 * table that its encoder can write again, or raises a typed {@link Infer4jException}. Anything
 * else (NPE, ClassCastException, IndexOutOfBounds, StackOverflowError, OutOfMemoryError) is a
 * finding. {@code .ci/run} fuzzes for a bounded time (JAZZER_FUZZ=1); plain test runs replay the
 * seed inputs only.
 */
class CodecFuzzTest {

    @FuzzTest(maxDuration = "45s")
    void codecs(FuzzedDataProvider data) {
        int codec = data.consumeInt(0, 6);
        byte[] body = data.consumeRemainingAsBytes();
        try {
            switch (codec) {
                case 0:
                    PandasRecords.toBytes(PandasRecords.read(body));
                    break;
                case 1:
                    PandasSplit.toBytes(PandasSplit.read(body), false, WriteOptions.defaults());
                    break;
                case 2:
                    PandasSplit.toBytes(PandasSplit.read(body), true, WriteOptions.defaults());
                    break;
                case 3:
                    OmegaDataset.read(body).toBytes();
                    break;
                case 4:
                    TensorJson.toBytes(TensorJson.read(body));
                    break;
                case 5:
                    InferenceResult.read(body).toBytes();
                    break;
                default:
                    Table t = Csv.read(body);
                    Csv.write(t, java.io.OutputStream.nullOutputStream());
                    break;
            }
        } catch (Infer4jException expected) {
            // typed rejection of bad input: fine
        }
    }
}
