package io.infer4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.arrow.ArrowTables;
import io.infer4j.benchmarks.ArrowJavaBaseline.HeapColumn;
import io.infer4j.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Arrow codec benchmarks compare equal work: every method reads or writes the same rows. */
class ArrowBenchmarkTest {

    @Test
    void arrowJsonAndTheArrowJavaBaselineHoldTheSameRows() {
        for (String ds : new String[] {Datasets.TENSOR_25K, Datasets.RECORDS_OUT_1K}) {
            ArrowBenchmark b = new ArrowBenchmark();
            b.dataset = ds;
            b.setup();
            try {
                Table fromJson = b.jsonDecode();
                assertThat(b.arrowDecode()).as(ds).isEqualTo(fromJson);
                // the baseline's write of its heap copy is a file of the same rows, as sdk-arrow reads it
                assertThat(ArrowTables.readFile(b.arrowJavaWrite())).as(ds).isEqualTo(fromJson);
                assertThat(ArrowTables.readFile(b.arrowEncode())).as(ds).isEqualTo(fromJson);
                assertThat(b.jsonEncode()).isNotEmpty();
                assertThat(b.arrowJavaRead()).hasSize(fromJson.columnNames().size());
            } finally {
                b.tearDown();
            }
        }
    }

    @Test
    void theBaselineCopiesTheTensorValuesOntoTheHeap() {
        ArrowBenchmark b = new ArrowBenchmark();
        b.dataset = Datasets.TENSOR_25K;
        b.setup();
        try {
            List<HeapColumn> heap = b.arrowJavaRead();
            assertThat(heap).hasSize(1);
            assertThat(heap.get(0).valueCount()).isEqualTo(24_954);
            assertThat((long[]) heap.get(0).child().values()).isEqualTo(b.jsonDecode().tensor("text_input").toLongArray());
        } finally {
            b.tearDown();
        }
    }
}
