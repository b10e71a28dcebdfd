package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleHooksTest {

    @TempDir
    Path data;

    private LifecycleHooks hooks() {
        return new LifecycleHooks(data.resolve("plugins"), new BoundedCalls(), Duration.ofSeconds(1));
    }

    @Test
    void aPluginsDataIsDeletedWithIt() throws IOException {
        Path file = Files.createDirectories(data.resolve("plugins/dev.example.a/sub")).resolve("f.txt");
        Files.writeString(file, "x");

        hooks().deleteData("dev.example.a");

        assertFalse(Files.exists(data.resolve("plugins/dev.example.a")));
    }

    @Test
    void anIdThatLeadsOutOfThePluginsDataDeletesNothing() throws IOException {
        Path rest = Files.writeString(Files.createDirectories(data.resolve("rest")).resolve("admin.token"), "t");
        Path outside = Files.writeString(Files.createDirectories(data.resolve("elsewhere")).resolve("f.txt"), "x");
        Files.createDirectories(data.resolve("plugins/a/b"));

        for (String id : new String[] {"../rest", outside.getParent().toString(), "..", ".", "a/b", "a\\b"}) {
            assertThrows(IOException.class, () -> hooks().deleteData(id), id);
        }

        assertTrue(Files.exists(rest));
        assertTrue(Files.exists(outside));
        assertTrue(Files.isDirectory(data.resolve("plugins/a/b")));
    }
}
