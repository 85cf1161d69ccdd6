package io.infer4j.omegaml.model;

import io.infer4j.table.ColumnType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code datasets().get} asks for: server-side row filters ({@code <col>__<op>=value}), the
 * {@code orient} the server lays the rows out in, and column types to enforce where the server
 * sends no dtypes (the open-source server never does). Immutable; start from {@link #all()}.
 *
 * <pre>{@code
 * DatasetQuery q = DatasetQuery.all()
 *         .where("x", "gte", 90)                     // ?x__gte=90
 *         .where("s", "abc")                         // ?s=abc (equality)
 *         .type("when", ColumnType.TIMESTAMP);       // ISO strings read as timestamps
 * }</pre>
 *
 * <p>The server casts a filter value by the column's stored dtype: int64 and float64 are numbers,
 * everything else (including datetimes) is compared as a string.
 */
public final class DatasetQuery {
    /** Operators of omega-ml's query builder that take one scalar value. */
    public static final Set<String> OPERATORS = Set.of("eq", "ne", "lt", "lte", "gt", "gte", "in", "all", "regex",
            "contains", "startswith", "endswith", "isnull", "between", "near", "isstring", "isarray", "isdouble",
            "isobject", "isdate", "isbool", "isint", "islong");
    /** Query parameters the server reads itself (or drops), so they cannot name a filtered column. */
    private static final Set<String> RESERVED = Set.of("orient", "limit", "skip", "page");
    private static final Set<String> ORIENTS = Set.of("dict", "columns", "list", "series", "split", "tight", "records", "index");
    private static final DatasetQuery ALL = new DatasetQuery(Map.of(), null, Map.of());

    private final Map<String, String> filters;
    private final String orient;
    private final Map<String, ColumnType> types;

    private DatasetQuery(Map<String, String> filters, String orient, Map<String, ColumnType> types) {
        this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        this.orient = orient;
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** Every row, orient {@code split}, types as the server (or the JSON) gives them. */
    public static DatasetQuery all() {
        return ALL;
    }

    /** Rows whose {@code column} equals {@code value} ({@code ?column=value}). */
    public DatasetQuery where(String column, Object value) {
        return filter(requireColumn(column), value);
    }

    /**
     * Rows where {@code column <op> value} ({@code ?column__op=value}), {@code op} one of
     * {@link #OPERATORS}. A later filter on the same column and operator replaces an earlier one.
     *
     * @throws IllegalArgumentException unknown operator, reserved column name, or a value the server would misread
     */
    public DatasetQuery where(String column, String op, Object value) {
        if (op == null || !OPERATORS.contains(op)) {
            throw new IllegalArgumentException("unknown filter operator '" + op + "'; omega-ml knows " + new java.util.TreeSet<>(OPERATORS));
        }
        return filter(requireColumn(column) + "__" + op, value);
    }

    /**
     * The layout the server sends the rows in. Without it the client asks for {@code split}: the
     * most compact, and the only kind (with {@code tight}) whose column list survives the
     * commercial edition's sorting of JSON keys. With any other orient the rows, labels and types
     * are the same, but on the commercial edition the columns come back sorted by name.
     */
    public DatasetQuery orient(String layout) {
        if (layout == null || !ORIENTS.contains(layout)) {
            throw new IllegalArgumentException("unknown orient '" + layout + "'; use one of " + new java.util.TreeSet<>(ORIENTS));
        }
        return new DatasetQuery(filters, layout, types);
    }

    /** Reads {@code column} as {@code type} (wins over the server's dtypes), e.g. ISO strings as {@link ColumnType#TIMESTAMP}. */
    public DatasetQuery type(String column, ColumnType type) {
        Map<String, ColumnType> t = new LinkedHashMap<>(types);
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("column must not be null or blank");
        }
        t.put(column, Objects.requireNonNull(type, "type"));
        return new DatasetQuery(filters, orient, t);
    }

    /** The query parameters to send, filters first, in the order given. */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>(filters);
        if (orient != null) {
            p.put("orient", orient);
        }
        return Collections.unmodifiableMap(p);
    }

    /** The orient asked for, if any. */
    public Optional<String> orient() {
        return Optional.ofNullable(orient);
    }

    /** Column types to enforce. */
    public Map<String, ColumnType> types() {
        return types;
    }

    private DatasetQuery filter(String parameter, Object value) {
        Map<String, String> f = new LinkedHashMap<>(filters);
        f.put(parameter, format(parameter, value));
        return new DatasetQuery(f, orient, types);
    }

    private static String format(String parameter, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("filter " + parameter + " needs a value (use where(column, \"isnull\", true) for missing cells)");
        }
        if (Boolean.FALSE.equals(value)) {
            // The server casts bool-column filters with Python's bool(str): any non-empty text is True.
            throw new IllegalArgumentException("filter " + parameter + "=false cannot be sent: the omega-ml server reads"
                    + " every non-empty value of a bool filter as true");
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("filter " + parameter + " takes a string, number, boolean or Instant, got "
                + value.getClass().getName());
    }

    private static String requireColumn(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("column must not be null or blank");
        }
        if (RESERVED.contains(column)) {
            throw new IllegalArgumentException("cannot filter on a column named '" + column
                    + "': the server reads that query parameter itself");
        }
        return column;
    }

    @Override
    public String toString() {
        return "DatasetQuery" + parameters() + (types.isEmpty() ? "" : " types=" + types);
    }
}
