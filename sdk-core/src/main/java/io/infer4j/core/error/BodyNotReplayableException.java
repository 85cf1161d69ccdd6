package io.infer4j.core.error;

/**
 * The request had to be sent again (a retryable failure such as 503 or a dropped connection, a
 * 401 after which the auth provider refreshed its token, or a 307/308 redirect), but its body is a
 * one-shot {@link java.io.InputStream} that was already sent. infer4j never sends such a body a
 * second time: the stream is spent, and a replay would deliver an empty or partial upload.
 *
 * <p>The failure that called for the replay is the {@linkplain #failure() cause}. To let infer4j
 * retry, pass the content in a form it can read again: a file {@link java.nio.file.Path}, or a
 * {@code Supplier<InputStream>} that opens a fresh stream on every call.
 */
public class BodyNotReplayableException extends Infer4jException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be sent again and why, naming method and URL
     * @param failure the failure that called for the replay
     */
    public BodyNotReplayableException(String message, Infer4jException failure) {
        super(message, failure);
    }

    /** The failure that called for the replay: a {@link ServiceException} (401, 503, 307, ...) or a {@link TransportException}. */
    public Infer4jException failure() {
        return (Infer4jException) getCause();
    }
}
