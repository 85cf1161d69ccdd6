package io.infer4j.table.codec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded random tables with nulls, NaN, infinities, extreme int64s, unicode and odd strings. */
final class RandomTables {
    static final Set<ColumnType> ALL = EnumSet.allOf(ColumnType.class);
    private static final String[] WORDS = {"", "a", "ç", "日本語", "emoji 😀", "quote \" in", "comma, here", "line\nbreak",
        "crlf\r\nx", " padded ", "tab\t", "NaN", "null", "123", "back\\slash"};
    private static final long[] LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, -(1L << 53) - 1, 42};
    private static final double[] DOUBLES = {0.0, -0.0, 0.1, 1.0 / 3, 1e-300, 1e300, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 12345.678, -2.5e-7, 1.0, 100.0};

    private RandomTables() {
    }

    static int rows(Random rnd) {
        int pick = rnd.nextInt(6);
        return pick == 0 ? 0 : pick == 1 ? 1 : 2 + rnd.nextInt(20);
    }

    static Table table(Random rnd, int rows, Set<ColumnType> types, boolean nonFinite) {
        List<Column> cols = new ArrayList<>();
        int i = 0;
        for (ColumnType t : types) {
            cols.add(column(rnd, "c" + i++ + "_" + t.name().toLowerCase() + (rnd.nextBoolean() ? " ü" : ""), t, rows, nonFinite));
        }
        return Table.of(cols);
    }

    static Column column(Random rnd, String name, ColumnType type, int rows, boolean nonFinite) {
        boolean intTensor = rnd.nextBoolean();
        ColumnBuilder b = type == ColumnType.TENSOR
                ? ColumnBuilder.tensor(name, intTensor ? ColumnType.INT64 : ColumnType.FLOAT64, true)
                : ColumnBuilder.of(name, type);
        boolean ragged = rnd.nextBoolean();
        int[] shape = rnd.nextBoolean() ? new int[] {3} : new int[] {2, 2};
        for (int r = 0; r < rows; r++) {
            if (rnd.nextInt(5) == 0) {
                b.appendNull();
                continue;
            }
            switch (type) {
                case INT64 -> b.appendLong(rnd.nextBoolean() ? LONGS[rnd.nextInt(LONGS.length)] : rnd.nextLong());
                case FLOAT64 -> b.appendDouble(dbl(rnd, nonFinite));
                case FLOAT32 -> {
                    float f = (float) dbl(rnd, nonFinite) * (rnd.nextBoolean() ? 1f : 0.37f);
                    b.appendFloat(!nonFinite && !Float.isFinite(f) ? 0.25f : f);
                }
                case BOOL -> b.appendBool(rnd.nextBoolean());
                case STRING -> b.appendString(WORDS[rnd.nextInt(WORDS.length)] + (rnd.nextBoolean() ? "" : rnd.nextInt(100)));
                case TIMESTAMP -> b.appendInstant(Instant.ofEpochSecond(rnd.nextInt(2_000_000_000) - 500_000_000L,
                        rnd.nextBoolean() ? 0 : rnd.nextInt(1_000_000_000)));
                case TENSOR -> {
                    int[] s = ragged ? new int[] {1 + rnd.nextInt(4)} : shape;
                    int n = 1;
                    for (int d : s) {
                        n *= d;
                    }
                    if (intTensor) {
                        long[] v = new long[n];
                        for (int k = 0; k < n; k++) {
                            v[k] = rnd.nextBoolean() ? LONGS[rnd.nextInt(LONGS.length)] : rnd.nextInt(1000);
                        }
                        b.appendTensor(s, v, 0);
                    } else {
                        double[] v = new double[n];
                        for (int k = 0; k < n; k++) {
                            v[k] = dbl(rnd, nonFinite);
                        }
                        b.appendTensor(s, v, 0);
                    }
                }
                case JSON -> {
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    o.put("k", WORDS[rnd.nextInt(WORDS.length)]).put("n", rnd.nextLong()).put("f", rnd.nextDouble());
                    o.putArray("a").add(1).add("x").addNull();
                    b.appendJson(o);
                }
            }
        }
        return b.build();
    }

    private static double dbl(Random rnd, boolean nonFinite) {
        double d = rnd.nextBoolean() ? DOUBLES[rnd.nextInt(DOUBLES.length)] : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
        return !nonFinite && !Double.isFinite(d) ? 0.5 : d;
    }

    static Index index(Random rnd, int rows, boolean allowTimestamps) {
        int pick = rnd.nextInt(allowTimestamps ? 4 : 3);
        long[] labels = new long[rows];
        String[] names = new String[rows];
        Instant[] times = new Instant[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = 100 + rnd.nextInt(1000) - (rnd.nextBoolean() ? 0 : (1L << 60));
            names[r] = WORDS[rnd.nextInt(WORDS.length)] + r;
            times[r] = Instant.ofEpochSecond(1_600_000_000L + rnd.nextInt(100_000));
        }
        return switch (pick) {
            case 0 -> Index.ofLongs(labels);
            case 1 -> Index.ofStrings(names);
            case 2 -> Index.multi(Column.strings("l0", names), Column.int64("l1", labels));
            default -> Index.ofTimestamps(times);
        };
    }
}
