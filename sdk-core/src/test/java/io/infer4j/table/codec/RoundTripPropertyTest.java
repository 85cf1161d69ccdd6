package io.infer4j.table.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Random tables (seeded per repetition, so a failure names its seed) round-trip through every
 * codec that can represent them, with the schema given where the format carries no types.
 */
class RoundTripPropertyTest {
    private static final WriteOptions TOKENS = WriteOptions.defaults().withNonFinite(WriteOptions.NonFinite.TOKENS);

    private static Map<String, ColumnType> schema(Table t) {
        Map<String, ColumnType> m = new HashMap<>();
        for (Column c : t.columns()) {
            m.put(c.name(), c.type());
        }
        return m;
    }

    private static Random random(RepetitionInfo info) {
        return new Random(0xC0FFEEL * 31 + info.getCurrentRepetition());
    }

    @RepeatedTest(60)
    void pandasRecords(RepetitionInfo info) {
        Random rnd = random(info);
        int rows = Math.max(1, RandomTables.rows(rnd)); // records cannot carry the columns of an empty table
        Table t = RandomTables.table(rnd, rows, RandomTables.ALL, true);
        ReadOptions read = new ReadOptions(schema(t), null);
        TableAssert.same(t, PandasRecords.read(PandasRecords.toBytes(t, TOKENS), read));
    }

    @RepeatedTest(60)
    void pandasSplitAndTightWithIndex(RepetitionInfo info) {
        Random rnd = random(info);
        int rows = RandomTables.rows(rnd);
        Table t = RandomTables.table(rnd, rows, RandomTables.ALL, true);
        if (rows > 1) {
            t = t.withIndex(RandomTables.index(rnd, rows, false));
        }
        ReadOptions read = new ReadOptions(schema(t), null);
        TableAssert.same(t, PandasSplit.read(PandasSplit.toBytes(t, false, TOKENS), read));
        TableAssert.same(t, PandasSplit.read(PandasSplit.toBytes(t, true, TOKENS), read));
    }

    @RepeatedTest(40)
    void tensorJson(RepetitionInfo info) {
        Random rnd = random(info);
        Table t = RandomTables.table(rnd, RandomTables.rows(rnd), RandomTables.ALL, true);
        TableAssert.same(t, TensorJson.read(TensorJson.toBytes(t, TOKENS), new ReadOptions(schema(t), null)));
    }

    @RepeatedTest(60)
    void omegaDatasetInEveryOrient(RepetitionInfo info) {
        Random rnd = random(info);
        int rows = RandomTables.rows(rnd);
        Table t = RandomTables.table(rnd, rows, RandomTables.ALL, true);
        if (rows > 1) {
            t = t.withIndex(RandomTables.index(rnd, rows, true));
        }
        ReadOptions read = new ReadOptions(schema(t), null);
        Table pandas = floatNullsAsNaN(t);
        boolean timeLabels = t.index().map(i -> i.kind() == io.infer4j.table.Index.Kind.TIMESTAMP).orElse(false);
        for (String orient : new String[] {"columns", "dict", "split", "tight", "index"}) {
            if (orient.equals("index") && rows == 0 || timeLabels && (orient.equals("split") || orient.equals("tight"))) {
                continue; // "index" has no place for the columns of an empty frame; split/tight carry no label dtype
            }
            OmegaDataset d = OmegaDataset.of(t).withOrient(orient).withName("n").withAppend(false);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            d.write(out, TOKENS);
            OmegaDataset back = OmegaDataset.read(out.toByteArray(), read);
            TableAssert.same(pandas, back.table());
            assertThat(back.dtypes()).isEqualTo(d.dtypes());
            assertThat(back.name()).isEqualTo("n");
        }
    }

    /** The table as pandas holds it: a float column has no missing cell, only NaN. */
    private static Table floatNullsAsNaN(Table t) {
        for (Column c : t.columns()) {
            if (c.nullCount() > 0 && c instanceof io.infer4j.table.Float64Column f) {
                t = t.withColumn(io.infer4j.table.Float64Column.of(f.name(), f.toDoubleArray(), null));
            } else if (c.nullCount() > 0 && c instanceof io.infer4j.table.Float32Column f) {
                t = t.withColumn(io.infer4j.table.Float32Column.of(f.name(), f.toFloatArray(), null));
            }
        }
        return t;
    }

    @RepeatedTest(60)
    void csvWithSchema(RepetitionInfo info) {
        Random rnd = random(info);
        Set<ColumnType> types = EnumSet.allOf(ColumnType.class);
        Table t = RandomTables.table(rnd, RandomTables.rows(rnd), types, true);
        CsvOptions o = CsvOptions.defaults();
        for (Map.Entry<String, ColumnType> e : schema(t).entrySet()) {
            o = o.withType(e.getKey(), e.getValue());
        }
        TableAssert.same(t, Csv.read(Csv.toBytes(t, o), o));
    }
}
