package dev.plinth.log.internal;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Writes OSGi Log Service entries to the SLF4J logger of the entry's logger name: the name a
 * bundle asked for, or the Log Service's own names for the framework's events
 * ({@code Events.Bundle.<symbolic name>}, {@code Events.Service.<symbolic name>},
 * {@code Events.Framework.<symbolic name>}) and for the old LogService API
 * ({@code LogService.<symbolic name>}). Entries wait until it is opened (SLF4J's provider is up);
 * once closed it drops what is still delivered to it.
 */
final class Slf4jLogListener implements LogListener {

    private static final long OPEN_BOUND_SECONDS = 30;
    private static final long CLOSE_BOUND_SECONDS = 5;
    /** The logger name of flush markers: entries the listener recognises and does not write. */
    static final String FLUSH_LOGGER = "dev.plinth.log.flush";

    private final Map<String, CountDownLatch> flushes = new ConcurrentHashMap<>();
    private final CountDownLatch opened = new CountDownLatch(1);
    /** Held (shared) while an entry is being written, so that closing waits for writes in flight. */
    private final ReadWriteLock delivery = new ReentrantReadWriteLock();
    private volatile boolean closed;

    @Override
    public void logged(LogEntry entry) {
        if (FLUSH_LOGGER.equals(entry.getLoggerName())) {
            CountDownLatch flushed = flushes.remove(entry.getMessage());
            if (flushed != null) {
                flushed.countDown();
            }
            return;
        }
        if (!awaitOpen()) {
            return;
        }
        Lock writing = delivery.readLock();
        writing.lock();
        try {
            if (!closed) {
                write(entry);
            }
        } finally {
            writing.unlock();
        }
    }

    private static void write(LogEntry entry) {
        Logger logger = LoggerFactory.getLogger(loggerName(entry));
        Level level = level(entry);
        if (logger.isEnabledForLevel(level)) {
            logger.atLevel(level).setCause(entry.getException()).log(entry.getMessage());
        }
    }

    /**
     * Waits, at most {@code bound}, until every entry logged before this call has been written: logs
     * a marker through {@code logger} (at AUDIT, which is never filtered) and waits for it to come
     * through. The Log Service delivers entries in order.
     */
    boolean flush(org.osgi.service.log.Logger logger, Duration bound) throws InterruptedException {
        String marker = UUID.randomUUID().toString();
        CountDownLatch flushed = new CountDownLatch(1);
        flushes.put(marker, flushed);
        logger.audit(marker);
        boolean done = flushed.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        flushes.remove(marker);
        return done;
    }

    /** SLF4J's provider is up: deliver. */
    void open() {
        opened.countDown();
    }

    /**
     * Stops delivering, once the entry being written (if any) is written: the Log Service may still
     * hand over queued entries after SLF4J's provider has gone.
     */
    void close() throws InterruptedException {
        Lock closing = delivery.writeLock();
        boolean locked = closing.tryLock(CLOSE_BOUND_SECONDS, TimeUnit.SECONDS);
        try {
            closed = true;
        } finally {
            if (locked) {
                closing.unlock();
            }
        }
        opened.countDown();
    }

    private boolean awaitOpen() {
        try {
            return opened.await(OPEN_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String loggerName(LogEntry entry) {
        String name = entry.getLoggerName();
        return name == null || name.isBlank() ? "LogService" : name;
    }

    static Level level(LogEntry entry) {
        return switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
            case TRACE -> Level.TRACE;
        };
    }
}
