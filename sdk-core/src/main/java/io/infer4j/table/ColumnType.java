package io.infer4j.table;

/**
 * The logical type of a {@link Column}, and (for {@link #INT64}, {@link #FLOAT64} and
 * {@link #FLOAT32}) the element type of a {@link #TENSOR} column.
 */
public enum ColumnType {
    /** 64-bit signed integers ({@code long}), exact over the whole range. pandas {@code int64}. */
    INT64("int64"),
    /** IEEE-754 doubles; NaN is a value, distinct from a missing cell. pandas {@code float64}. */
    FLOAT64("float64"),
    /** IEEE-754 floats (Wallaroo {@code Float} outputs). pandas {@code float32}. */
    FLOAT32("float32"),
    /** Booleans. pandas {@code bool}. */
    BOOL("bool"),
    /** Unicode strings. pandas {@code object}. */
    STRING("object"),
    /** Instants with nanosecond precision and an optional zone; NaT is a missing cell. pandas {@code datetime64[ns]}. */
    TIMESTAMP("datetime64[ns]"),
    /** Per row an n-d array of int64, float64 or float32 with a shape; fixed or ragged. */
    TENSOR("object"),
    /** Anything else, as a Jackson {@code JsonNode} (e.g. Wallaroo {@code metadata}). pandas {@code object}. */
    JSON("object");

    private final String pandasDtype;

    ColumnType(String pandasDtype) {
        this.pandasDtype = pandasDtype;
    }

    /** The pandas dtype name used when this type is written with a dtype map (omega-ml). */
    public String pandasDtype() {
        return pandasDtype;
    }

    /** Whether this type can be the element type of a tensor column. */
    public boolean isTensorElement() {
        return this == INT64 || this == FLOAT64 || this == FLOAT32;
    }
}
