package dev.plinth.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.Logger;

import dev.plinth.common.SettlingWatcher;
import dev.plinth.common.testing.FakeConfigurationAdmin;

class ConfigDirectoryTest {

    @TempDir
    Path etc;

    @TempDir
    Path data;

    private final FakeConfigurationAdmin cm = new FakeConfigurationAdmin();
    private final List<String> logged = new CopyOnWriteArrayList<>();

    /** A directory as the installer sees it after a (re)start: the record of applied files is read again. */
    private ConfigDirectory start() throws IOException {
        ConfigDirectory directory = new ConfigDirectory(etc, new ConfigurationSync(cm.admin),
                AppliedFiles.load(data.resolve("applied.properties")), recordingLogger());
        directory.applyAll();
        return directory;
    }

    private void changed(ConfigDirectory directory, String... names) {
        directory.changed(Set.copyOf(Arrays.stream(names).map(etc::resolve).toList()));
    }

    /** A Log Service logger keeping each message as "level: format args". */
    private Logger recordingLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getReturnType() == boolean.class) {
                        return Boolean.TRUE;
                    }
                    if (args != null && args.length > 0 && args[0] instanceof String format) {
                        logged.add(method.getName() + ": " + format + " " + Arrays.deepToString(
                                Arrays.copyOfRange(args, 1, args.length)));
                    }
                    return null;
                });
    }

    @Test
    void ofTwoFilesForOnePidTheTypedOneWinsAndTheConfigurationStaysWhileEitherRemains() throws IOException {
        Files.writeString(etc.resolve("x.cfg"), "port=1\n");
        Files.writeString(etc.resolve("x.config"), "port=I\"2\"\n");
        ConfigDirectory directory = start();
        assertEquals(2, cm.get("x").get("port"));
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("warn:") && line.contains("x.config")
                && line.contains("x.cfg")), logged.toString());

        Files.delete(etc.resolve("x.cfg"));
        changed(directory, "x.cfg");
        assertEquals(2, cm.get("x").get("port"));

        Files.writeString(etc.resolve("x.cfg"), "port=1\n");
        changed(directory, "x.cfg");
        Files.delete(etc.resolve("x.config"));
        changed(directory, "x.config");
        assertEquals("1", cm.get("x").get("port"), "the remaining file is applied");
        assertEquals("x.cfg", cm.get("x").get(ConfigurationSync.FILE_PROPERTY));

        Files.delete(etc.resolve("x.cfg"));
        changed(directory, "x.cfg");
        assertNull(cm.get("x"), "deleted once no file for the PID is left");
    }

    @Test
    void theWinnerIsTheSameWhateverTheOrderOfEvents() throws IOException {
        Files.writeString(etc.resolve("y~a.cfg.json"), "{ \"n:Integer\": 3 }");
        Files.writeString(etc.resolve("y~a.cfg"), "n=1\n");
        Files.writeString(etc.resolve("y~a.config"), "n=I\"2\"\n");
        ConfigDirectory directory = start();
        assertEquals(3, cm.get("y~a").get("n"));
        changed(directory, "y~a.cfg");
        assertEquals(3, cm.get("y~a").get("n"));
    }

    @Test
    void aFileThatDidNotChangeIsNotAppliedAgainAtStart() throws IOException {
        Files.writeString(etc.resolve("p.cfg"), "service.pid=p\nkey=value\n");
        start();
        int updates = cm.updates.get();
        start();
        assertEquals(updates, cm.updates.get(), "applied again although the file did not change");
    }

    @Test
    void aChangeMadeThroughConfigurationAdminIsKeptUntilTheFileChanges() throws IOException {
        Files.writeString(etc.resolve("e.cfg"), "level=info\n");
        start();
        cm.edit("e", "level", "debug");

        ConfigDirectory directory = start();
        assertEquals("debug", cm.get("e").get("level"),
                "the restart overwrote the change made through Configuration Admin");
        assertTrue(logged.stream().anyMatch(line -> line.contains("changed through Configuration Admin")),
                logged.toString());

        Files.writeString(etc.resolve("e.cfg"), "level=warn\n");
        changed(directory, "e.cfg");
        assertEquals("warn", cm.get("e").get("level"));
    }

    @Test
    void aConfigurationDeletedWhileStoppedIsDeletedAtStart() throws IOException {
        Files.writeString(etc.resolve("f~one.cfg"), "a=b\n");
        start();
        Files.delete(etc.resolve("f~one.cfg"));
        start();
        assertNull(cm.get("f~one"));
    }

    @Test
    void aConfigMapSwapIsApplied() throws Exception {
        Path first = Files.createDirectory(etc.resolve("..2026_01_01_00_00_00.1"));
        Files.writeString(first.resolve("k.cfg"), "version=1\n");
        Files.createSymbolicLink(etc.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(etc.resolve("k.cfg"), Path.of("..data", "k.cfg"));
        ConfigDirectory directory = start();
        assertEquals("1", cm.get("k").get("version"));

        try (SettlingWatcher watcher = new SettlingWatcher(etc, Duration.ofMillis(50), Duration.ofSeconds(5),
                "test-watcher", directory::changed, (message, cause) -> { })) {
            watcher.start(() -> { });
            Path second = Files.createDirectory(etc.resolve("..2026_01_01_00_01_00.2"));
            Files.writeString(second.resolve("k.cfg"), "version=2\n");
            Files.createSymbolicLink(etc.resolve("..data_tmp"), second.getFileName());
            Files.move(etc.resolve("..data_tmp"), etc.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
            awaitTrue(() -> "2".equals(cm.get("k").get("version")), "the swapped ConfigMap was not applied");
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String message) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aJsonFileCutShortIsNotAppliedUntilItIsComplete() throws IOException {
        Files.writeString(etc.resolve("j.cfg.json"), "{ \"a\": \"1\", \"b\": \"2\" }");
        ConfigDirectory directory = start();
        Files.writeString(etc.resolve("j.cfg.json"), "{ \"a\": \"3\",");
        changed(directory, "j.cfg.json");
        assertEquals("2", cm.get("j").get("b"), "a partial file took keys away");
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("error:") && line.contains("j.cfg.json")),
                logged.toString());
        Files.writeString(etc.resolve("j.cfg.json"), "{ \"a\": \"3\", \"b\": \"4\" }");
        changed(directory, "j.cfg.json");
        assertEquals("3", cm.get("j").get("a"));
        assertEquals("4", cm.get("j").get("b"));
    }

    @Test
    void servicePidInAFileIsLeftToConfigurationAdmin() throws IOException {
        Files.writeString(etc.resolve("s.cfg"), "service.pid=other\nkey=v\n");
        start();
        Hashtable<String, Object> properties = cm.get("s");
        assertNotNull(properties);
        assertEquals("v", properties.get("key"));
        assertEquals("s", cm.configurations.get("s").get("service.pid"));
    }
}
