package dev.plinth.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.slf4j.event.Level;

class Slf4jLogListenerTest {

    /** A log entry as the Log Service hands it out, without a bundle (the bridge copes with both). */
    private record Entry(String loggerName, LogLevel logLevel) implements LogEntry {
        @Override public Bundle getBundle() { return null; }
        @Override public ServiceReference<?> getServiceReference() { return null; }
        @Override @SuppressWarnings("deprecation") public int getLevel() { return logLevel.ordinal(); }
        @Override public String getMessage() { return "m"; }
        @Override public Throwable getException() { return null; }
        @Override public long getTime() { return 0; }
        @Override public LogLevel getLogLevel() { return logLevel; }
        @Override public String getLoggerName() { return loggerName; }
        @Override public long getSequence() { return 0; }
        @Override public String getThreadInfo() { return "t"; }
        @Override public StackTraceElement getLocation() { return null; }
    }

    @Test
    void entriesKeepTheLogServiceNames() {
        assertEquals("org.example.Service", Slf4jLogListener.loggerName(new Entry("org.example.Service", LogLevel.INFO)));
        assertEquals("Events.Bundle.org.example",
                Slf4jLogListener.loggerName(new Entry("Events.Bundle.org.example", LogLevel.INFO)));
        assertEquals("LogService", Slf4jLogListener.loggerName(new Entry(null, LogLevel.WARN)));
    }

    @Test
    @Timeout(5)
    void closedListenerDropsEntriesWithoutWaitingForTheBackend() throws InterruptedException {
        Slf4jLogListener listener = new Slf4jLogListener();
        listener.close();
        listener.logged(new Entry("late", LogLevel.ERROR));
    }

    @Test
    void levelsMapOneToOneAndAuditIsAnError() {
        assertEquals(Level.ERROR, Slf4jLogListener.level(new Entry("a", LogLevel.AUDIT)));
        assertEquals(Level.ERROR, Slf4jLogListener.level(new Entry("a", LogLevel.ERROR)));
        assertEquals(Level.WARN, Slf4jLogListener.level(new Entry("a", LogLevel.WARN)));
        assertEquals(Level.INFO, Slf4jLogListener.level(new Entry("a", LogLevel.INFO)));
        assertEquals(Level.DEBUG, Slf4jLogListener.level(new Entry("a", LogLevel.DEBUG)));
        assertEquals(Level.TRACE, Slf4jLogListener.level(new Entry("a", LogLevel.TRACE)));
    }
}
