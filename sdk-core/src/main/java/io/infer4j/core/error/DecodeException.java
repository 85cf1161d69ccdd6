package io.infer4j.core.error;

import java.util.Optional;

/**
 * A response (or an input given to a codec) was not the JSON, CSV or table shape expected:
 * malformed syntax, a wrong type, a missing required field, a number out of range. The message
 * names where: the field path or row/column, the character offset, and a short snippet.
 */
public class DecodeException extends Infer4jException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param message  what was wrong
     * @param location field path or row/column ({@code "outputs[0].Float.data"}, {@code "row 3, column age"}), may be null
     * @param offset   character or byte offset into the input, or -1 if unknown
     * @param cause    the parser's exception, may be null
     */
    public DecodeException(String message, String location, long offset, Throwable cause) {
        super(message, cause);
        this.location = location;
        this.offset = offset;
    }

    /** Creates the exception with no location. */
    public DecodeException(String message) {
        this(message, null, -1, null);
    }

    /** Field path or row/column where decoding failed, if known. */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** Character or byte offset into the input where decoding failed, or -1 if unknown. */
    public long offset() {
        return offset;
    }
}
