package io.infer4j.spark.internal;

import io.infer4j.core.error.ConfigurationException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** Spark rows into an infer4j {@link Table}: integers as int64, other numbers as float64, numeric arrays as tensors. */
public final class RowTables {
    private RowTables() {
    }

    /**
     * Refuses, before any job runs, a column that {@link #toTable} could not send.
     *
     * @throws ConfigurationException naming the column and its Spark type
     */
    public static void check(StructType schema, int[] columns) {
        for (int c : columns) {
            StructField f = schema.fields()[c];
            DataType t = f.dataType();
            if (kind(t) == null) {
                throw new ConfigurationException(null, "column '" + f.name() + "' has Spark type " + t.simpleString()
                        + ", which infer4j cannot send: use integers, floats, doubles, decimals, booleans, strings,"
                        + " timestamps or arrays of numbers, or leave it out with inputColumns(...)");
            }
        }
    }

    /** The rows' {@code columns} (indexes into {@code schema}) as a table with the same column names. */
    public static Table toTable(List<Row> rows, StructType schema, int[] columns) {
        List<Column> out = new ArrayList<>(columns.length);
        for (int c : columns) {
            StructField f = schema.fields()[c];
            out.add(column(rows, c, f.name(), f.dataType()));
        }
        return Table.of(out);
    }

    private enum Kind { INT, FLOAT, BOOL, STRING, TIME, INT_TENSOR, FLOAT_TENSOR }

    private static Kind kind(DataType t) {
        if (t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType) {
            return Kind.INT;
        }
        if (t instanceof FloatType || t instanceof DoubleType || t instanceof DecimalType) {
            return Kind.FLOAT;
        }
        if (t instanceof BooleanType) {
            return Kind.BOOL;
        }
        if (t instanceof StringType) {
            return Kind.STRING;
        }
        if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return Kind.TIME;
        }
        if (t instanceof ArrayType a) {
            Kind e = kind(a.elementType());
            return e == Kind.INT ? Kind.INT_TENSOR : e == Kind.FLOAT ? Kind.FLOAT_TENSOR : null;
        }
        return null;
    }

    private static Column column(List<Row> rows, int c, String name, DataType type) {
        Kind kind = kind(type);
        switch (kind) {
            case INT_TENSOR: {
                ColumnBuilder b = ColumnBuilder.tensor(name, ColumnType.INT64, true);
                for (Row r : rows) {
                    if (r.isNullAt(c)) {
                        b.appendNull();
                        continue;
                    }
                    List<Object> values = r.getList(c);
                    long[] v = new long[values.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = ((Number) element(values.get(i), name)).longValue();
                    }
                    b.appendTensor(new int[] {v.length}, v, 0);
                }
                return b.build();
            }
            case FLOAT_TENSOR: {
                ColumnBuilder b = ColumnBuilder.tensor(name, ColumnType.FLOAT64, true);
                for (Row r : rows) {
                    if (r.isNullAt(c)) {
                        b.appendNull();
                        continue;
                    }
                    List<Object> values = r.getList(c);
                    double[] v = new double[values.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = ((Number) element(values.get(i), name)).doubleValue();
                    }
                    b.appendTensor(new int[] {v.length}, v, 0);
                }
                return b.build();
            }
            default:
                break;
        }
        ColumnBuilder b = ColumnBuilder.of(name, switch (kind) {
            case INT -> ColumnType.INT64;
            case FLOAT -> ColumnType.FLOAT64;
            case BOOL -> ColumnType.BOOL;
            case STRING -> ColumnType.STRING;
            default -> ColumnType.TIMESTAMP;
        });
        for (Row r : rows) {
            if (r.isNullAt(c)) {
                b.appendNull();
                continue;
            }
            Object v = r.get(c);
            switch (kind) {
                case INT -> b.appendLong(((Number) v).longValue());
                case FLOAT -> b.appendDouble(v instanceof BigDecimal d ? d.doubleValue() : ((Number) v).doubleValue());
                case BOOL -> b.appendBool((Boolean) v);
                case STRING -> b.appendString((String) v);
                default -> b.appendInstant(instant(v, name));
            }
        }
        return b.build();
    }

    private static Object element(Object v, String column) {
        if (v == null) {
            throw new ConfigurationException(null, "column '" + column + "' has a null inside an array; tensors cannot hold nulls");
        }
        return v;
    }

    private static Instant instant(Object v, String column) {
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        throw new ConfigurationException(null, "column '" + column + "' holds a " + v.getClass().getName() + ", not a timestamp");
    }
}
