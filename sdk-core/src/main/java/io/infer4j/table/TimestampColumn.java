package io.infer4j.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Instants held as nanoseconds since the epoch in a {@code long[]} (the range of pandas
 * {@code datetime64[ns]}: 1677-09-21 to 2262-04-11), with an optional zone for the whole column
 * ({@code datetime64[ns, tz]}). Missing cells are NaT.
 */
public final class TimestampColumn extends Column {
    private final long[] nanos;
    private final ZoneId zone;

    TimestampColumn(String name, long[] nanos, BitSet nulls, ZoneId zone) {
        super(name, nanos.length, nulls);
        this.nanos = nanos;
        this.zone = zone;
    }

    /** A column from epoch nanoseconds, missing where {@code nulls} is set, in {@code zone} (may be null). */
    public static TimestampColumn ofEpochNanos(String name, long[] epochNanos, BitSet nulls, ZoneId zone) {
        return new TimestampColumn(name, epochNanos.clone(), nulls == null ? null : (BitSet) nulls.clone(), zone);
    }

    @Override
    public ColumnType type() {
        return ColumnType.TIMESTAMP;
    }

    /** The column's zone, if it is zone-aware. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    /** The same instants in another zone (null for naive/UTC). */
    public TimestampColumn withZone(ZoneId newZone) {
        return new TimestampColumn(name(), nanos, nulls, newZone);
    }

    /** Nanoseconds since the epoch at {@code row} (0 for NaT; check {@link #isNull(int)}). */
    public long getEpochNanos(int row) {
        return nanos[row];
    }

    /** The instant at {@code row}, or null for NaT. */
    public Instant getInstant(int row) {
        return isNull(row) ? null : toInstant(nanos[row]);
    }

    /** A copy of the epoch nanoseconds (NaT cells hold 0). */
    public long[] toEpochNanosArray() {
        return nanos.clone();
    }

    static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** Nanoseconds since the epoch; IllegalArgumentException outside the datetime64[ns] range. */
    static long toNanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp " + t + " is outside the datetime64[ns] range (1677-09-21..2262-04-11)");
        }
    }

    @Override
    Object backingArray() {
        return nanos;
    }

    @Override
    Object value(int row) {
        Instant t = toInstant(nanos[row]);
        return zone == null ? t : ZonedDateTime.ofInstant(t, zone);
    }

    @Override
    JsonNode jsonValue(int row) {
        return NODES.textNode(value(row).toString());
    }

    @Override
    Column doSlice(int from, int to) {
        return new TimestampColumn(name(), Arrays.copyOfRange(nanos, from, to), sliceNulls(from, to), zone);
    }

    @Override
    public TimestampColumn rename(String newName) {
        return new TimestampColumn(newName, nanos, nulls, zone);
    }

    @Override
    boolean sameExtras(Column other) {
        return Objects.equals(zone, ((TimestampColumn) other).zone);
    }
}
