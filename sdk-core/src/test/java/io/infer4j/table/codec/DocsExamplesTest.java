package io.infer4j.table.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.TensorColumn;
import io.infer4j.testsupport.SemanticJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The snippets of docs/tables.md, so the page cannot drift from the API. */
class DocsExamplesTest {

    @Test
    void modelSnippet() {
        Table t = Table.builder()
                .addInt64("id", 1, 2, 3)
                .addFloat64("score", 0.5, Double.NaN, 1.0)
                .addString("name", "a", null, "ç")
                .addTensor("x", new double[] {1, 2}, new double[] {3, 4}, null)
                .index(Index.ofStrings("r1", "r2", "r3"))
                .build();
        long[] ids = t.int64("id").toLongArray();
        double s = t.float64("score").getDouble(1);
        TensorColumn x = t.tensor("x");
        Table firstTwo = t.head(2).select("name", "id");
        Table both = t.slice(0, 1).concat(t.slice(1, 3));
        assertThat(ids).containsExactly(1, 2, 3);
        assertThat(s).isNaN();
        assertThat(x.float64At(x.rowStart(1) + 1)).isEqualTo(4.0);
        assertThat(firstTwo.columnNames()).containsExactly("name", "id");
        assertThat(both).isEqualTo(t);
        assertThat(t.toString()).endsWith("[3 rows x 4 columns]");
    }

    @Test
    void recordsSnippet() {
        byte[] body = "[{\"time\":1752682622795,\"in\":{\"text_input\":[0.0,28.0]},\"out\":{\"main\":[0.997564]},\"anomaly\":{\"count\":0}}]"
                .getBytes(StandardCharsets.UTF_8);
        Table out = PandasRecords.read(body);
        assertThat(out.columnNames()).containsExactly("time", "in.text_input", "out.main", "anomaly.count");
        Table kept = PandasRecords.read(body, ReadOptions.defaults().keepNested());
        assertThat(kept.columnNames()).containsExactly("time", "in", "out", "anomaly");
        byte[] nested = PandasRecords.toBytes(out, WriteOptions.defaults().withNesting("."));
        SemanticJson.assertEqual(body, nested);
    }
}
