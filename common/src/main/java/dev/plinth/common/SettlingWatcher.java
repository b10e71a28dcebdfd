package dev.plinth.common;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches one directory through the operating system's file events; with nothing happening its thread sleeps. The
 * names that changed are handed over together once the directory has been quiet for the settle time (or once the
 * oldest has waited the longest delay), so that a file written in several steps, or a burst of files, is handled
 * once, after the last step. When the operating system lost events, the handler is told to look at everything. The
 * handler runs on the watcher's thread and may ask to look at a name again later, without an event.
 */
public final class SettlingWatcher implements Closeable {

    /**
     * What to look at.
     *
     * @param touched names that had file events
     * @param rechecked names the handler asked to look at again, without events since
     * @param everything true when events were lost: compare the whole directory
     */
    public record Changes(Set<String> touched, Set<String> rechecked, boolean everything) {
    }

    /** Handles changes, on the watcher's thread. */
    @FunctionalInterface
    public interface Handler {
        void handle(Changes changes);
    }

    /** Where the watcher reports what goes wrong (a handler that threw, a directory that went away). */
    @FunctionalInterface
    public interface Problems {
        void report(String message, Throwable cause);
    }

    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    private final Path directory;
    private final long settleNanos;
    private final long longestDelayNanos;
    private final Handler handler;
    private final Problems problems;
    private final WatchService watchService;
    private final Thread thread;
    private final Map<String, Long> rechecks = new HashMap<>();
    private volatile Runnable first = () -> { };

    public SettlingWatcher(Path directory, Duration settle, Duration longestDelay, String threadName, Handler handler,
            Problems problems) throws IOException {
        this.directory = directory;
        this.settleNanos = settle.toNanos();
        this.longestDelayNanos = Math.max(settle.toNanos(), longestDelay.toNanos());
        this.handler = handler;
        this.problems = problems;
        this.watchService = directory.getFileSystem().newWatchService();
        directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Starts watching; {@code initially} runs first on the watcher's thread (events meanwhile are kept). */
    public void start(Runnable initially) {
        this.first = initially;
        thread.start();
    }

    /** Asks to look at {@code name} again after {@code delay}, unless an event comes first. Watcher thread only. */
    public void recheck(String name, Duration delay) {
        rechecks.put(name, System.nanoTime() + delay.toNanos());
    }

    /** Stops watching; the work in hand may finish within 30 s, then the thread is interrupted. */
    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            problems.report("closing the watch service of " + directory + " failed", e);
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(STOP_BOUND.toMillis());
            if (thread.isAlive()) {
                problems.report("the work on " + directory + " did not finish within " + STOP_BOUND.toSeconds()
                        + " s of stopping; interrupting it", null);
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        deliver(first);
        Set<String> pending = new LinkedHashSet<>();
        boolean everything = false;
        long firstEvent = 0;
        long lastEvent = 0;
        try {
            while (true) {
                long wait = nextWake(pending.isEmpty() && !everything ? Long.MAX_VALUE
                        : Math.min(lastEvent + settleNanos, firstEvent + longestDelayNanos));
                WatchKey key = wait == Long.MAX_VALUE ? watchService.take()
                        : watchService.poll(wait, TimeUnit.NANOSECONDS);
                long now = System.nanoTime();
                if (key != null) {
                    if (pending.isEmpty() && !everything) {
                        firstEvent = now;
                    }
                    lastEvent = now;
                    everything |= collect(key, pending);
                }
                boolean settled = (!pending.isEmpty() || everything)
                        && (now - lastEvent >= settleNanos || now - firstEvent >= longestDelayNanos);
                Set<String> due = dueRechecks(now, pending, settled);
                if (settled || !due.isEmpty()) {
                    Changes changes = new Changes(settled ? Set.copyOf(pending) : Set.of(), due, settled && everything);
                    if (settled) {
                        pending.clear();
                        everything = false;
                    }
                    deliver(() -> handler.handle(changes));
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // stopped
        }
    }

    /** Nanoseconds until the earlier of {@code settleAt} and the first recheck; MAX_VALUE when neither. */
    private long nextWake(long settleAt) {
        long wake = settleAt;
        for (long due : rechecks.values()) {
            wake = Math.min(wake, due);
        }
        return wake == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, wake - System.nanoTime());
    }

    /** The rechecks due now; a name with events pending waits for them (and is dropped once they are handed over). */
    private Set<String> dueRechecks(long now, Set<String> pending, boolean settled) {
        Set<String> due = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, Long>> it = rechecks.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Long> entry = it.next();
            if (pending.contains(entry.getKey())) {
                if (settled) {
                    it.remove();
                }
            } else if (entry.getValue() - now <= 0) {
                due.add(entry.getKey());
                it.remove();
            }
        }
        return due;
    }

    /** Adds the names of the key's events to {@code pending}; true when events were lost. */
    private boolean collect(WatchKey key, Set<String> pending) {
        boolean lost = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                lost = true;
            } else {
                pending.add(event.context().toString());
            }
        }
        if (!key.reset()) {
            problems.report(directory + " can no longer be watched (was it deleted?); changes to it are ignored "
                    + "until restart", null);
        }
        return lost;
    }

    private void deliver(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            problems.report("handling changes of " + directory + " failed", e);
        }
    }
}
