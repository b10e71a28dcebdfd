package dev.plinth.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.slf4j.event.Level;

class Slf4jLogListenerTest {

    /** A log entry as the Log Service hands it out, without a bundle (the bridge copes with both). */
    private record Entry(String loggerName, LogLevel logLevel, String message) implements LogEntry {

        Entry(String loggerName, LogLevel logLevel) {
            this(loggerName, logLevel, "m");
        }

        @Override public Bundle getBundle() { return null; }
        @Override public ServiceReference<?> getServiceReference() { return null; }
        @Override @SuppressWarnings("deprecation") public int getLevel() { return logLevel.ordinal(); }
        @Override public String getMessage() { return message; }
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
    @Timeout(5)
    void flushReturnsOnceTheMarkerCameThroughTheLogService() throws InterruptedException {
        Slf4jLogListener listener = new Slf4jLogListener();
        org.osgi.service.log.Logger logService = (org.osgi.service.log.Logger) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.osgi.service.log.Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("audit")) {
                        listener.logged(new Entry(Slf4jLogListener.FLUSH_LOGGER, LogLevel.AUDIT, (String) args[0]));
                    }
                    return null;
                });
        assertTrue(listener.flush(logService, Duration.ofSeconds(3)));
    }

    @Test
    void flushGivesUpAtItsBoundWhenTheMarkerNeverComes() throws InterruptedException {
        Slf4jLogListener listener = new Slf4jLogListener();
        org.osgi.service.log.Logger silent = (org.osgi.service.log.Logger) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.osgi.service.log.Logger.class},
                (proxy, method, args) -> null);
        assertFalse(listener.flush(silent, Duration.ofMillis(50)));
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
