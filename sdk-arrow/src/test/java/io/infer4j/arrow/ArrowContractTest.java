package io.infer4j.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.table.TensorColumn;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.testsupport.Contract;
import io.infer4j.wallaroo.InferenceResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real Arrow files of ../shared/contract/wallaroo/inputs/arrow/ (from Wallaroo's tutorials)
 * decode with the types and values their pandas-records twins hold, survive infer4j's writer,
 * and match what Wallaroo echoed back as {@code in.*} when the file was sent to a pipeline.
 * Skipped without ../shared (an error under CI=true).
 */
class ArrowContractTest {

    @Test
    void everyRecordedArrowFileRoundTrips() {
        List<Path> files = Contract.files("wallaroo/inputs/arrow", ".arrow");
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path p : files) {
            Table t = ArrowTables.readFile(p);
            assertThat(t.rowCount()).as(p.toString()).isPositive();
            assertThat(ArrowTables.readFile(ArrowTables.toFile(t))).as(p.toString()).isEqualTo(t);
            assertThat(ArrowTables.readStream(ArrowTables.toStream(t))).as(p.toString()).isEqualTo(t);
        }
    }

    @Test
    void ccfraudIsAFixedFloat32TensorWithWallaroosShape() {
        Table t = ArrowTables.readFile(Contract.file("wallaroo/inputs/arrow/cc_data_1k.arrow"));
        assertThat(t.rowCount()).isEqualTo(1001);
        assertThat(t.columnNames()).containsExactly("tensor");
        TensorColumn c = t.tensor("tensor");
        assertThat(c.elementType()).isEqualTo(ColumnType.FLOAT32);
        assertThat(c.fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(29));
        assertThat(ArrowTables.schema(t).findField("tensor").getMetadata()).containsEntry("tensor_type", "{\"shape\": [29]}");
        sameValues(c, PandasRecords.read(Contract.bytes("wallaroo/inputs/pandas-records/cc_data_1k.df.json")).tensor("tensor"));
    }

    @Test
    void housePriceRowMatchesItsRecordsTwin() {
        Table t = ArrowTables.readFile(Contract.file("wallaroo/inputs/arrow/xtest-1.arrow"));
        assertThat(t.rowCount()).isEqualTo(1);
        assertThat(t.tensor("tensor").fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(18));
        sameValues(t.tensor("tensor"), PandasRecords.read(Contract.bytes("wallaroo/inputs/pandas-records/xtest-1.df.json")).tensor("tensor"));
    }

    @Test
    void alohaInputMatchesItsRecordsTwinAndWhatWallarooEchoed() {
        Table t = ArrowTables.readFile(Contract.file("wallaroo/inputs/arrow/data_1k.arrow"));
        assertThat(t.rowCount()).isEqualTo(1000);
        assertThat(t.columnNames()).containsExactly("text_input");
        TensorColumn arrow = t.tensor("text_input");
        sameValues(arrow, PandasRecords.read(Contract.bytes("wallaroo/inputs/pandas-records/data_1k.df.json")).tensor("text_input"));
        for (String answer : List.of("aloha_data_1k.arrow-in.pandas-records-out.2025-07.json",
                "aloha_data_1k.arrow-in.pandas-records-out.2023-10.json")) {
            InferenceResult r = InferenceResult.read(Contract.bytes("wallaroo/recorded/inference/" + answer));
            assertThat(r.rowCount()).as(answer).isEqualTo(1000);
            sameValues(arrow, r.table().tensor("in.text_input"));
        }
    }

    /** Same rows, shapes and values (compared as doubles: the JSON twins come back as float64 or int64). */
    private static void sameValues(TensorColumn a, TensorColumn b) {
        assertThat(a.size()).isEqualTo(b.size());
        for (int r = 0; r < a.size(); r++) {
            assertThat(a.shape(r)).as("row " + r).containsExactly(b.shape(r));
            double[] x = a.getTensor(r).toDoubleArray();
            double[] y = b.getTensor(r).toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                if (a.elementType() == ColumnType.FLOAT32) {
                    assertThat((float) x[i]).as("row %d value %d", r, i).isEqualTo((float) y[i]);
                } else {
                    assertThat(x[i]).as("row %d value %d", r, i).isEqualTo(y[i]);
                }
            }
        }
    }
}
