package io.infer4j.spark.internal;

import io.infer4j.core.error.ConfigurationException;
import io.infer4j.core.error.DecodeException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.table.Tensor;
import io.infer4j.table.TensorColumn;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import scala.jdk.javaapi.CollectionConverters;

/** infer4j result columns as Spark values, typed by the output schema. */
public final class SparkValues {
    private SparkValues() {
    }

    /** The output schema for the columns of {@code result} whose names start with one of {@code prefixes}. */
    public static StructType discover(Table result, List<String> prefixes) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : result.columns()) {
            if (prefixes.stream().anyMatch(c.name()::startsWith)) {
                fields.add(DataTypes.createStructField(c.name(), sparkType(c), true));
            }
        }
        if (fields.isEmpty()) {
            throw new ConfigurationException(null, "the pipeline's answer has no column starting with " + prefixes
                    + "; its columns are " + result.columnNames());
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType sparkType(Column c) {
        ColumnType t = c.type();
        if (t == ColumnType.TENSOR) {
            return DataTypes.createArrayType(scalar(((TensorColumn) c).elementType()), false);
        }
        return scalar(t);
    }

    private static DataType scalar(ColumnType t) {
        return switch (t) {
            case INT64 -> DataTypes.LongType;
            case FLOAT64 -> DataTypes.DoubleType;
            case FLOAT32 -> DataTypes.FloatType;
            case BOOL -> DataTypes.BooleanType;
            case TIMESTAMP -> DataTypes.TimestampType;
            default -> DataTypes.StringType;   // strings, and JSON cells as JSON text
        };
    }

    /**
     * The value of {@code row} of {@code column} as Spark expects it for {@code type}: boxed
     * scalars, a Scala {@code Seq} for arrays, {@code Timestamp} or {@code Instant} (Spark's
     * Java 8 time API). A one-element tensor also fills a scalar field.
     *
     * @throws DecodeException the value does not fit the type
     */
    public static Object value(Column column, int row, DataType type, boolean java8Time) {
        if (column.isNull(row)) {
            return null;
        }
        Object v = column.get(row);
        if (type instanceof ArrayType a) {
            if (!(v instanceof Tensor t)) {
                throw mismatch(column, type, v);
            }
            DataType e = a.elementType();
            int n = t.size();
            List<Object> out = new ArrayList<>(n);
            boolean longs = t.elementType() == ColumnType.INT64;
            long[] l = longs ? t.toLongArray() : null;
            double[] d = longs ? null : t.toDoubleArray();
            for (int i = 0; i < n; i++) {
                if (e instanceof LongType) {
                    out.add(longs ? l[i] : (long) d[i]);
                } else if (e instanceof IntegerType) {
                    out.add(longs ? Math.toIntExact(l[i]) : (int) d[i]);
                } else if (e instanceof FloatType) {
                    out.add(longs ? (float) l[i] : (float) d[i]);
                } else if (e instanceof DoubleType) {
                    out.add(longs ? (double) l[i] : d[i]);
                } else {
                    throw mismatch(column, type, v);
                }
            }
            // Spark's row encoder takes a scala.collection.Seq for an array field, not a java.util.List.
            return CollectionConverters.asScala(out);
        }
        if (v instanceof Tensor t && t.size() == 1) {
            v = t.getDouble(0);
            if (type instanceof LongType || type instanceof IntegerType) {
                v = t.toLongArray()[0];
            }
        }
        if (type instanceof StringType) {
            return v instanceof JsonNode j ? j.toString() : v instanceof Tensor t ? t.toJson().toString() : v.toString();
        }
        if (type instanceof TimestampType) {
            if (!(v instanceof Instant i)) {
                throw mismatch(column, type, v);
            }
            return java8Time ? i : Timestamp.from(i);
        }
        if (type instanceof BooleanType) {
            if (!(v instanceof Boolean)) {
                throw mismatch(column, type, v);
            }
            return v;
        }
        if (!(v instanceof Number num)) {
            throw mismatch(column, type, v);
        }
        if (type instanceof LongType) {
            return num.longValue();
        }
        if (type instanceof IntegerType) {
            return num.intValue();
        }
        if (type instanceof DoubleType) {
            return num.doubleValue();
        }
        if (type instanceof FloatType) {
            return num.floatValue();
        }
        throw mismatch(column, type, v);
    }

    /** Refuses an output field type that {@link #value} cannot fill. */
    public static void checkOutputType(StructField f) {
        DataType t = f.dataType();
        DataType e = t instanceof ArrayType a ? a.elementType() : t;
        boolean ok = e instanceof LongType || e instanceof IntegerType || e instanceof DoubleType || e instanceof FloatType
                || (!(t instanceof ArrayType) && (e instanceof StringType || e instanceof BooleanType || e instanceof TimestampType));
        if (!ok) {
            throw new ConfigurationException(null, "output column '" + f.name() + "' has Spark type " + t.simpleString()
                    + "; infer4j fills bigint, int, double, float (or arrays of them), string, boolean and timestamp");
        }
    }

    private static DecodeException mismatch(Column column, DataType type, Object v) {
        return new DecodeException("output column '" + column.name() + "' holds " + column.type()
                + (v instanceof Tensor t ? " of " + t.size() + " values" : "") + ", which does not fit Spark type "
                + type.simpleString(), column.name(), -1, null);
    }
}
