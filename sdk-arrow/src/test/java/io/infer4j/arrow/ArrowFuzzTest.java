package io.infer4j.arrow;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.infer4j.core.error.DecodeException;
import io.infer4j.table.Table;

/**
 * Coverage-guided fuzzing of the Arrow reader: any bytes give a table that writes and reads back
 * equal, or a DecodeException. Anything else (an OOM, a leak reported on close, an NPE or
 * IndexOutOfBounds escaping) is a finding. {@code .ci/run} fuzzes for a bounded time
 * (JAZZER_FUZZ=1, see the pom); plain test runs replay the seeds in ArrowFuzzTestInputs (an infer4j file, stream and indexed file, each followed by the byte that picks the reader).
 */
class ArrowFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void reader(FuzzedDataProvider data) {
        boolean stream = data.consumeBoolean();
        byte[] body = data.consumeRemainingAsBytes();
        try {
            Table t = stream ? ArrowTables.readStream(body) : ArrowTables.read(body);
            Table back = ArrowTables.readFile(ArrowTables.toFile(t));
            if (!back.equals(t)) {
                throw new IllegalStateException("decoded table does not survive a write and read: " + t);
            }
        } catch (DecodeException expected) {
            if (expected.getCause() != null && expected.getCause().getSuppressed().length > 0) {
                throw new IllegalStateException("Arrow failed to release memory", expected);
            }
        }
    }
}
