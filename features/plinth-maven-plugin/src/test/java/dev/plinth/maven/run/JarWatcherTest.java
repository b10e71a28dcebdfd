package dev.plinth.maven.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarWatcherTest {

    @TempDir
    Path dir;

    private final BlockingQueue<String> told = new LinkedBlockingQueue<>();
    private Path jar;
    private JarWatcher watcher;

    @BeforeEach
    void watch() throws IOException {
        jar = dir.resolve("target/p.jar");
        Files.createDirectories(jar.getParent());
        watcher = new JarWatcher(jar, new JarWatcher.Listener() {
            @Override
            public void jarReady(Path ready) {
                try {
                    told.add("ready " + JarCheck.bundle(ready).version());
                } catch (IOException e) {
                    told.add("ready but incomplete: " + e.getMessage());
                }
            }

            @Override
            public void jarIncomplete(Path incomplete, String reason) {
                told.add("incomplete: " + reason);
            }
        });
        Thread thread = new Thread(watcher::run, "watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stop() throws IOException {
        watcher.close();
    }

    @Test
    void aJarWrittenInPiecesIsHandedOnOnceWhenComplete() throws Exception {
        byte[] whole = Files.readAllBytes(Jars.bundle(dir.resolve("built.jar"), "p", "1.0.0.2"));
        try (OutputStream out = Files.newOutputStream(jar)) {
            for (int at = 0; at < whole.length; at += 512) {
                out.write(whole, at, Math.min(512, whole.length - at));
                out.flush();
                if (at + 512 < whole.length) {
                    assertNull(told.poll(30, TimeUnit.MILLISECONDS), "told at " + (at + 512) + " of " + whole.length);
                }
            }
        }
        assertEquals("ready 1.0.0.2", told.poll(5, TimeUnit.SECONDS));
        assertNull(told.poll(200, TimeUnit.MILLISECONDS), "told twice");
        assertArrayEquals(whole, Files.readAllBytes(jar));
    }

    @Test
    void eachNewBuildIsHandedOn() throws Exception {
        Files.move(Jars.bundle(dir.resolve("one.jar"), "p", "1"), jar);
        assertEquals("ready 1", told.poll(5, TimeUnit.SECONDS));
        Files.copy(Jars.bundle(dir.resolve("two.jar"), "p", "2"), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("ready 2", told.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aDeletedFolderIsWaitedForAndItsNewJarHandedOn() throws Exception {
        Files.move(Jars.bundle(dir.resolve("one.jar"), "p", "1"), jar);
        assertEquals("ready 1", told.poll(5, TimeUnit.SECONDS));
        RuntimeHome.delete(jar.getParent());
        assertNull(told.poll(300, TimeUnit.MILLISECONDS), "a missing jar is not incomplete");
        Files.createDirectories(jar.getParent());
        Files.move(Jars.bundle(dir.resolve("two.jar"), "p", "2"), jar);
        assertEquals("ready 2", told.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aJarThatStaysIncompleteIsReportedOnce() throws Exception {
        byte[] whole = Files.readAllBytes(Jars.bundle(dir.resolve("built.jar"), "p", "1"));
        Files.write(jar, java.util.Arrays.copyOf(whole, whole.length / 2));
        String report = told.poll(JarWatcher.INCOMPLETE_MS + 5000, TimeUnit.MILLISECONDS);
        assertEquals("incomplete: p.jar is not a complete jar (no zip directory at its end)", report);
        assertNull(told.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void otherFilesOfTheFolderAreNotLookedAt() throws Exception {
        Jars.bundle(dir.resolve("target/other.jar"), "o", "1");
        assertNull(told.poll(300, TimeUnit.MILLISECONDS));
    }
}
