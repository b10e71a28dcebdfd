package dev.plinth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up runs every step the first upgrade would pay for, in a directory of its own that it leaves empty. */
class StorageWarmUpTest {

    @TempDir
    Path data;

    @Test
    void runsOnAFileDatabaseAndDeletesItsDirectoryWithWhatACrashLeftThere() throws Exception {
        Path directory = data.resolve("warm-up");
        Files.createDirectories(directory.resolve("warm.up"));
        Files.writeString(directory.resolve("db.mv.db"), "left by a crash");

        StorageWarmUp.run(new FlywayRunner(false), new OsgiDataSourceFactory(new org.h2.Driver()), directory);

        assertFalse(Files.exists(directory), "the warm-up's directory is gone");
    }
}
