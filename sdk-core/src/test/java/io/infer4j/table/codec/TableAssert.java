package io.infer4j.table.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.table.Column;
import io.infer4j.table.Table;
import java.util.Objects;

/** Table equality with a message that names the first differing column and row. */
final class TableAssert {
    private TableAssert() {
    }

    static void same(Table expected, Table actual) {
        assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            Column e = expected.column(c);
            Column a = actual.column(c);
            assertThat(a.type()).as("type of %s", e.name()).isEqualTo(e.type());
            for (int r = 0; r < e.size(); r++) {
                assertThat(Objects.toString(a.toJson(r))).as("column %s row %d", e.name(), r).isEqualTo(Objects.toString(e.toJson(r)));
            }
            assertThat(a).as("column %s", e.name()).isEqualTo(e);
        }
        assertThat(actual.index()).as("index").isEqualTo(expected.index());
        assertThat(actual).isEqualTo(expected);
    }
}
