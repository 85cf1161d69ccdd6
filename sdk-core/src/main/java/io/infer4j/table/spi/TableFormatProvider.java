package io.infer4j.table.spi;

import io.infer4j.table.Table;

/**
 * A binary table format that an optional module adds to infer4j, found with
 * {@link java.util.ServiceLoader}: {@code io.infer4j:sdk-arrow} provides Apache Arrow IPC files
 * ({@code application/vnd.apache.arrow.file}). sdk-core stays free of the format's library; when a
 * format is asked for and no provider is present, infer4j says which artifact to add.
 *
 * <p>Implementations are stateless and thread-safe, and have a public no-argument constructor.
 */
public interface TableFormatProvider {
    /** The media type this provider reads and writes, e.g. {@code application/vnd.apache.arrow.file}. */
    String mediaType();

    /**
     * Whether {@code body} starts the way this format's bodies do (its magic bytes), so an answer
     * sent with a missing or generic Content-Type still decodes. Must not throw.
     */
    boolean sniff(byte[] body);

    /**
     * Encodes every column, null and the index of {@code table}.
     *
     * @throws io.infer4j.core.error.Infer4jException a typed error when the table cannot be encoded
     */
    byte[] write(Table table);

    /**
     * Decodes a whole body.
     *
     * @throws io.infer4j.core.error.DecodeException when the body is malformed, truncated or holds
     *         a type infer4j's tables cannot keep (naming the field and type)
     */
    Table read(byte[] body);
}
