package dev.plinth.config.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.osgi.service.log.Logger;

/**
 * Reports the files of one directory that changed, through the operating system's file events:
 * with nothing happening its thread sleeps. A file is reported once it has seen no event for the
 * settle time, so a file written in several steps is reported once, after the last one. When
 * the operating system lost events, the directory itself is reported: look at everything again.
 */
final class DirectoryWatcher implements Closeable {

    private final Path directory;
    private final Logger log;
    private final long settleNanos;
    private final Consumer<Set<Path>> onChange;
    private final WatchService watchService;
    private final Thread thread;

    DirectoryWatcher(Path directory, Duration settle, Consumer<Set<Path>> onChange, String threadName, Logger log)
            throws IOException {
        this.directory = directory;
        this.log = log;
        this.settleNanos = settle.toNanos();
        this.onChange = onChange;
        this.watchService = directory.getFileSystem().newWatchService();
        directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            log.debug("closing the watch service of {} failed", directory, e);
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Map<Path, Long> pending = new LinkedHashMap<>();
        try {
            while (true) {
                WatchKey key = pending.isEmpty() ? watchService.take()
                        : watchService.poll(untilFirstDue(pending), TimeUnit.NANOSECONDS);
                if (key != null) {
                    collect(key, pending);
                }
                Set<Path> due = takeDue(pending);
                if (!due.isEmpty()) {
                    deliver(due);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            log.debug("stopped watching {}", directory);
        }
    }

    private void collect(WatchKey key, Map<Path, Long> pending) {
        long deadline = System.nanoTime() + settleNanos;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                pending.put(directory, deadline);
            } else {
                pending.put(directory.resolve((Path) event.context()), deadline);
            }
        }
        if (!key.reset()) {
            log.warn("{} can no longer be watched (was it deleted?); changes to it are ignored until restart",
                    directory);
        }
    }

    private static long untilFirstDue(Map<Path, Long> pending) {
        long first = Long.MAX_VALUE;
        for (long deadline : pending.values()) {
            first = Math.min(first, deadline);
        }
        return Math.max(1, first - System.nanoTime());
    }

    private static Set<Path> takeDue(Map<Path, Long> pending) {
        long now = System.nanoTime();
        Set<Path> due = new LinkedHashSet<>();
        for (Iterator<Map.Entry<Path, Long>> entries = pending.entrySet().iterator(); entries.hasNext();) {
            Map.Entry<Path, Long> entry = entries.next();
            if (entry.getValue() - now <= 0) {
                due.add(entry.getKey());
                entries.remove();
            }
        }
        return due;
    }

    private void deliver(Set<Path> due) {
        try {
            onChange.accept(due);
        } catch (RuntimeException e) {
            log.error("handling changes of {} failed", due, e);
        }
    }
}
