package io.infer4j.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged under {@code io.infer4j} at TRACE while open, so tests can prove
 * that no secret ever reaches a log line.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     ... exercise the client ...
 *     assertThat(logs.text()).doesNotContain(password);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previous = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.TRACE);
    }

    /** Starts capturing {@code io.infer4j.*} at TRACE. */
    public static LogCapture start() {
        return new LogCapture("io.infer4j");
    }

    /** The formatted messages captured so far, including exception text. */
    public List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> {
                String m = e.getFormattedMessage();
                return e.getThrowableProxy() == null ? m : m + " " + e.getThrowableProxy().getMessage();
            }).collect(Collectors.toList());
        }
    }

    /** All captured lines joined by newlines. */
    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        appender.stop();
    }
}
