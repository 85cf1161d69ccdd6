package io.infer4j.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {

    private static Table sample() {
        return Table.builder()
                .addInt64("id", 1, Long.MAX_VALUE, -3)
                .addFloat64("score", 0.5, Double.NaN, 1e-300)
                .addString("name", "a", null, "日本語 ✓")
                .addBool("ok", true, false, true)
                .addTimestamp("t", Instant.parse("2020-01-01T10:00:00Z"), null, Instant.parse("2262-04-11T00:00:00Z"))
                .addTensor("x", new double[] {1, 2}, new double[] {3, 4}, null)
                .build();
    }

    @Test
    void missingFloatCellsReadAsNaNNeverAsZero() {
        // pandas reads a missing float as NaN; 0.0 would be a plausible, wrong number
        Float64Column built = (Float64Column) Column.of("f", ColumnType.FLOAT64, java.util.Arrays.asList(1.5, null, 2.5));
        Float64Column given = Float64Column.of("g", new double[] {1.5, 7.0, 2.5}, bits(1));
        Float32Column narrow = Float32Column.of("h", new float[] {1.5f, 7.0f}, bits(1));
        Float64Column onlyNulls = (Float64Column) ColumnBuilder.of("n", ColumnType.FLOAT64).appendNull().build();

        for (Float64Column c : List.of(built, given, (Float64Column) given.slice(1, 3), given.rename("g2"))) {
            int missing = c.size() == 2 ? 0 : 1;
            assertThat(c.getDouble(missing)).as(c.name()).isNaN();
            assertThat(c.toDoubleArray()[missing]).as(c.name()).isNaN();
            assertThat(c.isNull(missing)).isTrue();
            assertThat(c.get(missing)).isNull();
        }
        assertThat(built.toDoubleArray()).containsExactly(1.5, Double.NaN, 2.5);
        assertThat(narrow.getFloat(1)).isNaN();
        assertThat(narrow.toFloatArray()).containsExactly(1.5f, Float.NaN);
        assertThat(onlyNulls.getDouble(0)).isNaN();
    }

    private static java.util.BitSet bits(int... set) {
        java.util.BitSet b = new java.util.BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    @Test
    void holdsTypedColumnsWithNullsDistinctFromNaN() {
        Table t = sample();
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.columnNames()).containsExactly("id", "score", "name", "ok", "t", "x");
        assertThat(t.int64("id").toLongArray()).containsExactly(1, Long.MAX_VALUE, -3);
        assertThat(t.float64("score").isNull(1)).isFalse();
        assertThat(Double.isNaN(t.float64("score").getDouble(1))).isTrue();
        assertThat(t.strings("name").isNull(1)).isTrue();
        assertThat(t.get(1, "t")).isNull();
        assertThat(t.tensor("x").fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(2));
        assertThat(t.tensor("x").isNull(2)).isTrue();
        assertThat(t.tensor("x").getTensor(1).toDoubleArray()).containsExactly(3, 4);
    }

    @Test
    void rejectsDuplicateAndEmptyNamesAndUnequalLengths() {
        assertThatThrownBy(() -> Table.of(Column.int64("a", 1), Column.int64("a", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate column name 'a'");
        assertThatThrownBy(() -> Column.int64("", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Table.of(Column.int64("a", 1), Column.int64("b", 1, 2)))
                .hasMessageContaining("column 'b' has 2 rows, expected 1");
    }

    @Test
    void raggedRowsOnlyInRaggedColumns() {
        ColumnBuilder fixed = ColumnBuilder.tensor("x", ColumnType.FLOAT64, false);
        fixed.appendTensor(new int[] {2}, new double[] {1, 2}, 0);
        assertThatThrownBy(() -> fixed.appendTensor(new int[] {3}, new double[] {1, 2, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ragged");
        TensorColumn ragged = Column.tensor("y", new long[] {1}, new long[] {2, 3});
        assertThat(ragged.isRagged()).isTrue();
        assertThat(ragged.shape(1)).containsExactly(2);
        assertThat(ragged.getTensor(1).toLongArray()).containsExactly(2, 3);
    }

    @Test
    void sliceSelectHeadConcat() {
        Table t = sample();
        Table s = t.slice(1, 3);
        assertThat(s.rowCount()).isEqualTo(2);
        assertThat(s.int64("id").getLong(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(s.index()).hasValueSatisfying(i -> assertThat(i.get(0)).isEqualTo(1L));
        assertThat(s.tensor("x").getTensor(0).toDoubleArray()).containsExactly(3, 4);
        assertThat(t.head(1).select("name", "id").columnNames()).containsExactly("name", "id");
        Table c = t.head(1).concat(t.slice(1, 3).withIndex(null));
        assertThat(c.columns()).isEqualTo(t.columns());
        assertThatThrownBy(() -> t.select("id").concat(t.select("score")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot concat");
    }

    @Test
    void fromRowsInfersTypesAndFillsSparseRowsWithNulls() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(new LinkedHashMap<>(Map.of("a", 1)));
        Map<String, Object> r2 = new LinkedHashMap<>();
        r2.put("b", "x");
        r2.put("a", 2.5);
        rows.add(r2);
        Map<String, Object> r3 = new HashMap<>();
        r3.put("a", null);
        r3.put("c", new double[] {1, 2});
        rows.add(r3);
        Table t = Table.fromRows(rows);
        assertThat(t.columnNames()).containsExactly("a", "b", "c");
        assertThat(t.column("a").type()).isEqualTo(ColumnType.FLOAT64);
        assertThat(t.float64("a").toDoubleArray()).containsExactly(1.0, 2.5, Double.NaN);
        assertThat(t.column("a").isNull(2)).isTrue();
        assertThat(t.strings("b").toArray()).containsExactly(null, "x", null);
        assertThat(t.tensor("c").isNull(0)).isTrue();
    }

    @Test
    void inferenceFallsBackToJsonWhenTypesMix() {
        Column c = Column.infer("m", List.of(1L, "two", true));
        assertThat(c.type()).isEqualTo(ColumnType.JSON);
        assertThat(c.toJson(0).isIntegralNumber()).isTrue();
        assertThat(c.toJson(1).textValue()).isEqualTo("two");
    }

    @Test
    void typedColumnsRejectValuesThatDoNotFit() {
        assertThatThrownBy(() -> Column.of("n", ColumnType.INT64, List.of(1L, 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'n', row 1");
        assertThatThrownBy(() -> Column.of("n", ColumnType.INT64, List.of(new java.math.BigInteger("18446744073709551615"))))
                .hasMessageContaining("outside the int64 range");
        assertThatThrownBy(() -> Column.of("t", ColumnType.TIMESTAMP, List.of("yesterday")))
                .hasMessageContaining("ISO-8601");
        assertThat(Column.of("t", ColumnType.TIMESTAMP, List.of("2020-01-01T01:00:00+01:00", "NaT")).get(0))
                .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(Column.of("j", ColumnType.JSON, List.of(JsonNodeFactory.instance.objectNode())).type())
                .isEqualTo(ColumnType.JSON);
    }

    @Test
    void toStringLooksLikePandas() {
        String s = sample().toString();
        assertThat(s).contains("id").contains("score").contains("NaN").contains("None").contains("NaT")
                .endsWith("[3 rows x 6 columns]");
        Table big = Table.of(Column.int64("v", new long[25]));
        assertThat(big.toString()).contains("...").contains("[25 rows x 1 columns]");
    }

    @Test
    void multiIndexLabelsAreLists() {
        Index mi = Index.multi(Column.strings("l0", "a", "c"), Column.int64("l1", 1, 3));
        Table t = Table.of(Column.int64("v", 5, 6)).withIndex(mi);
        assertThat(t.index().orElseThrow().get(1)).isEqualTo(List.of("c", 3L));
        assertThat(t.index().orElseThrow().pandasType()).isEqualTo("MultiIndex");
        assertThatThrownBy(() -> Table.of(Column.int64("v", 5)).withIndex(mi)).hasMessageContaining("index has 2 labels");
    }

    @Test
    void absentIndexEqualsExplicitDefaultLabelsButNotOtherLabels() {
        Table plain = Table.builder().addInt64("x", 7, 8, 9).build();
        // what a server answers for a frame written without index: labels 0..2 named "Index" or "Int64Index"
        assertThat(plain.withIndex(Index.range(3).withPandasType("Index"))).isEqualTo(plain);
        assertThat(plain.withIndex(Index.ofLongs(0, 1, 2).withPandasType("Int64Index"))).isEqualTo(plain);
        assertThat(Index.ofLongs(0, 1, 2)).isEqualTo(Index.range(3)).hasSameHashCodeAs(Index.range(3));
        assertThat(plain.withIndex(Index.ofLongs(1, 2, 3))).isNotEqualTo(plain);
        assertThat(plain.withIndex(Index.ofStrings("0", "1", "2"))).isNotEqualTo(plain);
        assertThat(plain.withIndex(Index.ofLongs(0, 1, 2).withNames(java.util.List.of("id")))).isNotEqualTo(plain);
    }

    @Test
    void int64TensorsUseTheNarrowestStorageAndReadBackExactly() {
        TensorColumn small = Column.tensor("s", new long[] {0, 28, -5}, new long[] {127, -128, 1});
        TensorColumn wide = Column.tensor("w", new long[] {0, 28, -5}, new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 1});
        assertThat(small.toLongArray()).containsExactly(0, 28, -5, 127, -128, 1);
        assertThat(wide.toLongArray()).containsExactly(0, 28, -5, Long.MAX_VALUE, Long.MIN_VALUE, 1);
        assertThat(small.int64At(4)).isEqualTo(-128);
        assertThat(small.retainedBytes()).isLessThan(wide.retainedBytes() - 6 * 6);
        assertThat(Column.tensor("i", new long[] {70_000}).getTensor(0).toLongArray()).containsExactly(70_000);
        assertThat(((TensorColumn) Column.tensor("h", new long[] {300}).slice(0, 1)).getTensor(0).toLongArray()).containsExactly(300);
    }
}
