package dev.plinth.maven.run;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Follows one jar (the project's {@code target/<finalName>.jar}) through the file events of its folder and hands
 * it on once it is complete: a zip whose directory ends at the file's end, with a bundle manifest, whose size and
 * modification time stayed the same for {@link #QUIET_MS} without a further event. A jar that stays incomplete for
 * {@link #INCOMPLETE_MS} is reported once; a jar that is not there (mvn clean) is waited for without a bound.
 */
final class JarWatcher implements AutoCloseable {

    /** What the watcher tells. */
    interface Listener {
        /** A new complete jar is there. */
        void jarReady(Path jar);

        /** The jar changed but did not become complete. */
        void jarIncomplete(Path jar, String reason);
    }

    static final long QUIET_MS = 15;
    static final long INCOMPLETE_MS = 10_000;

    private final Path jar;
    private final Listener listener;
    private final WatchService service;
    private final WatchKey first;

    /** Starts following the jar's folder at once: changes made before {@link #run()} are not missed. */
    JarWatcher(Path jar, Listener listener) throws IOException {
        this.jar = jar.toAbsolutePath().normalize();
        this.listener = listener;
        this.service = FileSystems.getDefault().newWatchService();
        this.first = register();
    }

    /** Watches until {@link #close()}; call on a thread of its own. */
    void run() {
        try {
            WatchKey key = first;
            while (true) {
                WatchKey signalled = service.take();
                boolean ours = drain(signalled);
                if (!signalled.reset()) {
                    key = awaitFolder();
                    ours = true;
                }
                if (ours) {
                    key = settle(key);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            listener.jarIncomplete(jar, "the watch of " + jar.getParent() + " ended: " + e.getMessage());
        }
    }

    private WatchKey register() throws IOException {
        return jar.getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
    }

    /** The folder went away (mvn clean): waits for it to come back, then watches it again. */
    private WatchKey awaitFolder() throws IOException, InterruptedException {
        while (!Files.isDirectory(jar.getParent())) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return register();
    }

    private boolean drain(WatchKey key) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || jar.getFileName().equals(event.context())) {
                ours = true;
            }
        }
        return ours;
    }

    /** After an event: waits until the jar is complete and quiet, or gives up after {@link #INCOMPLETE_MS}. */
    private WatchKey settle(WatchKey key) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INCOMPLETE_MS);
        Stamp seen = null;
        String reason = "";
        while (System.nanoTime() < deadline) {
            Stamp now = Stamp.of(jar);
            if (now == null) {
                return key;
            }
            try {
                JarCheck.bundle(jar);
                if (now.equals(seen)) {
                    listener.jarReady(jar);
                    return key;
                }
                seen = now;
            } catch (IOException e) {
                reason = e.getMessage();
                seen = null;
            }
            WatchKey signalled = service.poll(QUIET_MS, TimeUnit.MILLISECONDS);
            if (signalled != null) {
                boolean ours = drain(signalled);
                if (!signalled.reset()) {
                    key = awaitFolder();
                    ours = true;
                }
                if (ours) {
                    seen = null;
                }
            }
        }
        listener.jarIncomplete(jar, reason);
        return key;
    }

    @Override
    public void close() throws IOException {
        service.close();
    }

    /** A file's size and modification time. */
    private record Stamp(long size, FileTime modified) {
        static Stamp of(Path file) {
            try {
                return new Stamp(Files.size(file), Objects.requireNonNull(Files.getLastModifiedTime(file)));
            } catch (IOException e) {
                return null;
            }
        }
    }
}
