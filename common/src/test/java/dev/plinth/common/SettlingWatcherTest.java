package dev.plinth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettlingWatcherTest {

    private static final Duration SETTLE = Duration.ofMillis(1000);

    @TempDir
    Path directory;

    private final BlockingQueue<Set<Path>> reports = new LinkedBlockingQueue<>();
    private SettlingWatcher watcher;

    private void watch() throws IOException {
        watcher = new SettlingWatcher(directory, SETTLE, SETTLE.multipliedBy(30), "test-watcher",
                changes -> reports.add(changes.touched().stream().map(directory::resolve)
                        .collect(java.util.stream.Collectors.toSet())), (message, cause) -> { });
        watcher.start(() -> { });
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void reportsCreatedChangedAndDeletedFiles() throws Exception {
        watch();
        Path file = directory.resolve("a.cfg");
        Files.writeString(file, "x=1");
        assertEquals(Set.of(file), reports.poll(10, TimeUnit.SECONDS));
        Files.writeString(file, "x=2");
        assertEquals(Set.of(file), reports.poll(10, TimeUnit.SECONDS));
        Files.delete(file);
        assertEquals(Set.of(file), reports.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void fileWrittenInStepsIsReportedOnceAfterTheLastStep() throws Exception {
        watch();
        Path file = directory.resolve("slow.cfg");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 5; i++) {
                out.write(("key" + i + "=value\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertNull(reports.poll(SETTLE.toMillis() / 10, TimeUnit.MILLISECONDS),
                        "reported while still being written");
            }
        }
        Set<Path> report = reports.poll(10, TimeUnit.SECONDS);
        assertNotNull(report);
        assertEquals(Set.of(file), report);
        assertEquals(5, Files.readAllLines(file).size());
        assertNull(reports.poll(SETTLE.toMillis() * 3 / 2, TimeUnit.MILLISECONDS), "reported twice");
    }

    @Test
    void aBurstOfFilesIsOneBatchAndARecheckComesWithoutAnEvent() throws Exception {
        watch();
        Path a = directory.resolve("a.cfg");
        Path b = directory.resolve("b.cfg");
        Files.writeString(a, "x=1");
        Files.writeString(b, "y=1");
        assertEquals(Set.of(a, b), reports.poll(10, TimeUnit.SECONDS));
        BlockingQueue<SettlingWatcher.Changes> rechecks = new LinkedBlockingQueue<>();
        watcher.close();
        watcher = new SettlingWatcher(directory, SETTLE, SETTLE, "test-watcher", rechecks::add, (message, cause) -> { });
        SettlingWatcher watching = watcher;
        watcher.start(() -> watching.recheck("a.cfg", Duration.ofMillis(100)));
        assertEquals(new SettlingWatcher.Changes(Set.of(), Set.of("a.cfg"), false), rechecks.poll(10,
                TimeUnit.SECONDS));
    }

    @Test
    void closingStopsTheThread() throws Exception {
        watch();
        watcher.close();
        Files.writeString(directory.resolve("late.cfg"), "x=1");
        assertNull(reports.poll(SETTLE.toMillis() * 2, TimeUnit.MILLISECONDS));
    }
}
