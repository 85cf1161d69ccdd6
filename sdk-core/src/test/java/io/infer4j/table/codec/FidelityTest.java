package io.infer4j.table.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.DecodeException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.TensorColumn;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fidelity rules of docs/tables.md, one by one. */
class FidelityTest {

    private static String records(Table t) {
        return new String(PandasRecords.toBytes(t), UTF_8);
    }

    @Test
    void int64BeyondTwoToThe53IsExactBothWays() {
        Table t = PandasRecords.read("[{\"a\": 9007199254740993}, {\"a\": -9223372036854775808}]".getBytes(UTF_8));
        assertThat(t.int64("a").toLongArray()).containsExactly(9007199254740993L, Long.MIN_VALUE);
        assertThat(records(t)).isEqualTo("[{\"a\":9007199254740993},{\"a\":-9223372036854775808}]");
    }

    @Test
    void uint64BeyondInt64IsKeptExactAsJsonOrRejectedWhenTyped() {
        byte[] body = "[{\"a\": 18446744073709551615}]".getBytes(UTF_8);
        Table t = PandasRecords.read(body);
        assertThat(t.column("a").type()).isEqualTo(ColumnType.JSON);
        assertThat(records(t)).contains("18446744073709551615");
        assertThatThrownBy(() -> PandasRecords.read(body, ReadOptions.defaults().withType("a", ColumnType.INT64)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("outside the int64 range")
                .hasMessageContaining("row 0, column 'a'");
    }

    @Test
    void floatsAreWrittenInShortestRoundTripForm() {
        Table t = Table.builder().addFloat64("d", 0.1, 1.0 / 3, 1e23, 5e-324, 100.0)
                .addFloat32("f", 0.0015195814f, 0.1f, 1e-26f, 3f, 16777217f).build();
        String json = records(t);
        assertThat(json).contains("\"d\":0.1,", "\"d\":0.3333333333333333,", "\"d\":1.0E23,", "\"d\":4.9E-324,", "\"d\":100.0,")
                .contains("\"f\":0.0015195814}", "\"f\":0.1}", "\"f\":1.0E-26}", "\"f\":3.0}");
        Table back = PandasRecords.read(json.getBytes(UTF_8), ReadOptions.defaults().withType("f", ColumnType.FLOAT32));
        assertThat(back).isEqualTo(t);
    }

    @Test
    void nanIsNullInRecordsByDefaultAndATokenOnRequestDistinctFromNull() {
        Table t = Table.of(Column.of("x", ColumnType.FLOAT64, java.util.Arrays.asList(Double.NaN, null, Double.NEGATIVE_INFINITY)));
        assertThat(records(t)).isEqualTo("[{\"x\":null},{\"x\":null},{\"x\":null}]");
        byte[] tokens = PandasRecords.toBytes(t, WriteOptions.defaults().withNonFinite(WriteOptions.NonFinite.TOKENS));
        assertThat(new String(tokens, UTF_8)).isEqualTo("[{\"x\":NaN},{\"x\":null},{\"x\":-Infinity}]");
        Table back = PandasRecords.read(tokens);
        assertThat(back.float64("x").isNull(0)).isFalse();
        assertThat(Double.isNaN(back.float64("x").getDouble(0))).isTrue();
        assertThat(back.float64("x").isNull(1)).isTrue();
        assertThat(new String(PandasRecords.toBytes(t, WriteOptions.defaults().withNonFinite(WriteOptions.NonFinite.STRINGS)), UTF_8))
                .contains("\"NaN\"");
    }

    @Test
    void sparseRecordsDecodeToNullsAndKeepFirstSeenColumnOrder() {
        Table t = PandasRecords.read("[{\"a\":1},{\"b\":\"x\"},{\"b\":\"y\",\"a\":3}]".getBytes(UTF_8));
        assertThat(t.columnNames()).containsExactly("a", "b");
        assertThat(t.get(1, "a")).isNull();
        assertThat(t.get(0, "b")).isNull();
        assertThat(t.int64("a").getLong(2)).isEqualTo(3);
    }

    @Test
    void unicodeIsIntact() {
        String s = "LinkedIn (/lɪŋktˈɪn/) 日本語 😀 \u0000 \"q\"";
        Table t = Table.builder().addString("s", s).build();
        assertThat(PandasRecords.read(PandasRecords.toBytes(t)).strings("s").getString(0)).isEqualTo(s);
        assertThat(Csv.read(Csv.toBytes(t, CsvOptions.defaults())).strings("s").getString(0)).isEqualTo(s);
    }

    @Test
    void duplicateAndEmptyColumnNamesAreRejected() {
        assertThatThrownBy(() -> PandasRecords.read("[{\"a\":1,\"a\":2}]".getBytes(UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("duplicate key 'a'").hasMessageContaining("row 0");
        assertThatThrownBy(() -> PandasRecords.read("[{\"\":1}]".getBytes(UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("empty column name");
        assertThatThrownBy(() -> PandasSplit.read("{\"columns\":[\"a\",\"a\"],\"data\":[[1,2]]}".getBytes(UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("duplicate column name 'a'");
        assertThatThrownBy(() -> Csv.read("a,a\n1,2\n".getBytes(UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("duplicate column name 'a'");
    }

    @Test
    void numericArraysBecomeTensorsAndIrregularOnesStayExactJson() {
        Table t = PandasRecords.read(("[{\"m\":[[1,2],[3,4]],\"r\":[1],\"j\":[[1,2],[3]],\"s\":[1,\"x\",null]},"
                + "{\"m\":[[5,6],[7,8.5]],\"r\":[2,3],\"j\":[1e400],\"s\":[]}]").getBytes(UTF_8));
        TensorColumn m = t.tensor("m");
        assertThat(m.elementType()).isEqualTo(ColumnType.FLOAT64);
        assertThat(m.fixedShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(2, 2));
        assertThat(t.tensor("r").isRagged()).isTrue();
        assertThat(t.column("j").type()).isEqualTo(ColumnType.JSON);
        assertThat(t.column("j").toJson(0).toString()).isEqualTo("[[1,2],[3]]");
        assertThat(t.column("s").toJson(0).toString()).isEqualTo("[1,\"x\",null]");
        assertThatThrownBy(() -> PandasRecords.read("[{\"r\":[1]},{\"r\":[1,2]}]".getBytes(UTF_8),
                ReadOptions.defaults().withType("r", ColumnType.INT64)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("row 0, column 'r'");
    }

    @Test
    void wallarooNestedOutputsCanBeKeptNested() {
        byte[] body = "[{\"time\":1,\"out\":{\"y\":[0.5]},\"metadata\":{\"elapsed\":[1,2]}}]".getBytes(UTF_8);
        Table flat = PandasRecords.read(body);
        assertThat(flat.columnNames()).containsExactly("time", "out.y", "metadata.elapsed");
        Table nested = PandasRecords.read(body, ReadOptions.defaults().keepNested());
        assertThat(nested.columnNames()).containsExactly("time", "out", "metadata");
        assertThat(nested.column("out").type()).isEqualTo(ColumnType.JSON);
        assertThat(new String(PandasRecords.toBytes(flat, WriteOptions.defaults().withNesting(".")), UTF_8))
                .isEqualTo(new String(body, UTF_8));
        Table underscore = PandasRecords.read(body, ReadOptions.defaults().withFlattening("_"));
        assertThat(underscore.columnNames()).contains("out_y");
    }

    @Test
    void timestampsReadIsoAndEpochMillisAndWriteIso() {
        Table t = PandasRecords.read("[{\"t\":\"2020-01-01T01:00:00+01:00\"},{\"t\":1577872800000},{\"t\":null},{\"t\":\"NaT\"}]"
                .getBytes(UTF_8), ReadOptions.defaults().withType("t", ColumnType.TIMESTAMP));
        assertThat(t.timestamps("t").getInstant(0)).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(t.timestamps("t").getInstant(1)).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        assertThat(t.timestamps("t").isNull(2)).isTrue();
        assertThat(t.timestamps("t").isNull(3)).isTrue();
        assertThat(records(t.head(2))).isEqualTo("[{\"t\":\"2020-01-01T00:00:00\"},{\"t\":\"2020-01-01T10:00:00\"}]");
        assertThat(new String(PandasRecords.toBytes(t.head(1), WriteOptions.defaults().withDates(WriteOptions.Dates.EPOCH_MILLIS)), UTF_8))
                .isEqualTo("[{\"t\":1577836800000}]");
    }

    @Test
    void omegaZonedDatetimesAndLabelKeyedDataRoundTrip() {
        Table t = Table.of(Column.timestamps("d", Instant.parse("2020-01-01T00:00:00Z")).withZone(ZoneId.of("Europe/Berlin")),
                Column.strings("s", "a")).withIndex(Index.ofStrings("row-a"));
        OmegaDataset d = OmegaDataset.of(t).withAppend(true);
        String json = new String(d.toBytes(), UTF_8);
        assertThat(json).contains("\"datetime64[ns, Europe/Berlin]\"", "\"2020-01-01T01:00:00+01:00\"", "\"append\":true");
        assertThat(OmegaDataset.read(d.toBytes()).table()).isEqualTo(t);
        // pandas_to_apidata keys rows by label, not position
        Table byLabel = OmegaDataset.read(("{\"data\":{\"x\":{\"b\":2,\"a\":1}},\"index\":{\"type\":\"Index\",\"values\":[\"a\",\"b\"]},"
                + "\"dtypes\":{\"x\":\"int64\"}}").getBytes(UTF_8)).table();
        assertThat(byLabel.int64("x").toLongArray()).containsExactly(1, 2);
        // omega-ml OSS writes NaN as a bare token
        Table nan = OmegaDataset.read("{\"data\":{\"f\":{\"0\":NaN,\"1\":null}},\"index\":{\"type\":\"Index\",\"values\":[0,1]}}"
                .getBytes(UTF_8)).table();
        assertThat(Double.isNaN(nan.float64("f").getDouble(0))).isTrue();
        assertThat(nan.float64("f").isNull(1)).isTrue();
    }

    @Test
    void omegaNullInAFloatDtypeColumnIsNaN() {
        // the commercial edition's GET answer: keys sorted, float NaN written as null, dtypes stated
        Table t = OmegaDataset.read(("{\"data\":{\"f\":{\"0\":0.5,\"1\":null},\"g\":{\"0\":null,\"1\":1.5},"
                + "\"s\":{\"0\":\"a\",\"1\":null}},\"dtypes\":{\"f\":\"float64\",\"g\":\"float32\",\"s\":\"object\"},"
                + "\"index\":{\"type\":\"Int64Index\",\"values\":[0,1]},\"name\":\"n\",\"orient\":\"dict\"}").getBytes(UTF_8)).table();

        assertThat(t.float64("f").isNull(1)).isFalse();
        assertThat(t.float64("f").getDouble(1)).isNaN();
        assertThat(t.float64("f").toDoubleArray()).containsExactly(0.5, Double.NaN);
        assertThat(t.column("g").isNull(0)).isFalse();
        assertThat(t.get(0, "g")).isEqualTo(Float.NaN);
        assertThat(t.strings("s").isNull(1)).isTrue(); // an object column's None stays a missing cell
        // and a NaN written by infer4j (as null, with its float64 dtype) comes back as NaN
        Table nan = Table.builder().addFloat64("f", Double.NaN, 2.0).build();
        assertThat(OmegaDataset.read(OmegaDataset.of(nan).toBytes()).table()).isEqualTo(nan);
    }

    @Test
    void multiIndexTravelsAsArraysInTight() {
        Table t = Table.of(Column.int64("v", 1, 2)).withIndex(Index.multi(Column.strings("a", "x", "y"), Column.int64("b", 1, 3))
                .withNames(java.util.Arrays.asList("k", null)));
        String tight = new String(PandasSplit.toBytes(t, true, WriteOptions.defaults()), UTF_8);
        assertThat(tight).contains("\"index\":[[\"x\",1],[\"y\",3]]", "\"index_names\":[\"k\",null]");
        assertThat(PandasSplit.read(tight.getBytes(UTF_8))).isEqualTo(t);
        OmegaDataset d = OmegaDataset.of(t);
        assertThat(new String(d.toBytes(), UTF_8)).contains("\"type\":\"MultiIndex\"");
        assertThat(OmegaDataset.read(d.toBytes()).table().index().orElseThrow().get(1)).isEqualTo(List.of("y", 3L));
    }

    @Test
    void slicedTablesKeepTheirRangeLabelsThroughOmega() {
        Table t = Table.of(Column.int64("v", 1, 2, 3, 4)).slice(2, 4);
        assertThat(t.index().orElseThrow().kind()).isEqualTo(Index.Kind.RANGE);
        Table back = OmegaDataset.read(OmegaDataset.of(t).toBytes()).table();
        assertThat(back).isEqualTo(t);
        assertThat(back.index().orElseThrow().kind()).isEqualTo(Index.Kind.RANGE);
        assertThat(back.index().orElseThrow().get(0)).isEqualTo(2L);
    }
}
