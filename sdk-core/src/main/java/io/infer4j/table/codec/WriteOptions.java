package io.infer4j.table.codec;

import java.util.Objects;

/**
 * How the JSON codecs write a table. Immutable; start from {@link #defaults()}.
 *
 * @param nonFinite       how NaN and ±Infinity are written (default {@link NonFinite#NULL}, as pandas writes JSON)
 * @param dates           how timestamps are written (default ISO-8601)
 * @param nestSeparator   records only: write columns named {@code "out.dense_1"} as nested objects
 *                        {@code {"out": {"dense_1": ...}}} (null: names are written as they are)
 */
public record WriteOptions(NonFinite nonFinite, Dates dates, String nestSeparator) {
    /** How NaN and infinities are written. */
    public enum NonFinite {
        /** {@code null}, as pandas' {@code to_json} does (NaN is then read back as a missing cell). */
        NULL,
        /** Bare {@code NaN}, {@code Infinity}, {@code -Infinity} tokens (not strict JSON; omega-ml and Python's json accept them). */
        TOKENS,
        /** The strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. */
        STRINGS
    }

    /** How timestamps are written. */
    public enum Dates {
        /** ISO-8601 strings: {@code 2020-01-01T10:00:00} for naive columns, with the offset for zoned ones; nanoseconds kept. */
        ISO,
        /** Epoch milliseconds, pandas' {@code to_json} default (sub-millisecond digits are dropped). */
        EPOCH_MILLIS
    }

    /** Validates. */
    public WriteOptions {
        Objects.requireNonNull(nonFinite, "nonFinite");
        Objects.requireNonNull(dates, "dates");
        if (nestSeparator != null && nestSeparator.isEmpty()) {
            throw new IllegalArgumentException("nestSeparator must not be empty");
        }
    }

    /** NaN as null, ISO dates, no nesting. */
    public static WriteOptions defaults() {
        return new WriteOptions(NonFinite.NULL, Dates.ISO, null);
    }

    /** With another non-finite policy. */
    public WriteOptions withNonFinite(NonFinite policy) {
        return new WriteOptions(policy, dates, nestSeparator);
    }

    /** With another date format. */
    public WriteOptions withDates(Dates format) {
        return new WriteOptions(nonFinite, format, nestSeparator);
    }

    /** Records: nest columns whose names contain {@code separator} (e.g. {@code "."}). */
    public WriteOptions withNesting(String separator) {
        return new WriteOptions(nonFinite, dates, separator);
    }
}
