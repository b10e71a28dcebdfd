package dev.plinth.log.internal;

import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.status.Status;

/**
 * What logback's first configuration (from {@code etc/logback.xml}) went wrong with, and the default configuration
 * that takes its place then, so that a file with errors (an unknown appender class, say) never leaves the runtime
 * without a log: {@code plinth.log} in the log directory, at INFO.
 */
final class LogbackStart {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    private LogbackStart() {
    }

    /** The errors logback reported while it configured itself, in order; empty when it went well. */
    static List<String> errors(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() == Status.ERROR).map(LogbackStart::describe).toList();
    }

    /** Replaces whatever logback made of the file with the default configuration. */
    static void useDefaults(LoggerContext context, Path logDirectory) {
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(logDirectory.resolve("plinth.log").toString());
        file.setEncoder(encoder);
        file.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
    }

    private static String describe(Status status) {
        Throwable cause = status.getThrowable();
        return status.getMessage() + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }
}
