package dev.plinth.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
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
import org.osgi.service.log.Logger;

class DirectoryWatcherTest {

    private static final Duration SETTLE = Duration.ofMillis(1000);

    @TempDir
    Path directory;

    private final BlockingQueue<Set<Path>> reports = new LinkedBlockingQueue<>();
    private DirectoryWatcher watcher;

    private void watch() throws IOException {
        watcher = new DirectoryWatcher(directory, SETTLE, reports::add, "test-watcher", silentLogger());
        watcher.start();
    }

    /** A Log Service logger that drops everything: these tests look at what is reported, not logged. */
    private static Logger silentLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? Boolean.FALSE : null);
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
    void closingStopsTheThread() throws Exception {
        watch();
        watcher.close();
        Files.writeString(directory.resolve("late.cfg"), "x=1");
        assertNull(reports.poll(SETTLE.toMillis() * 2, TimeUnit.MILLISECONDS));
    }
}
