package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartFailuresTest {

    @TempDir
    Path dir;

    @Test
    void aPluginIsQuarantinedAfterTheLimitOfFailedStartsInARowKeptAcrossLoads() throws Exception {
        Path file = dir.resolve("start-failures.properties");
        StartFailures failures = new StartFailures(file).load();
        for (int i = 1; i < StartFailures.LIMIT; i++) {
            assertEquals(i, failures.failed("org.example.a"));
        }
        failures.save();
        assertFalse(new StartFailures(file).load().quarantined("org.example.a"));

        StartFailures again = new StartFailures(file).load();
        again.failed("org.example.a");
        again.save();

        assertTrue(new StartFailures(file).load().quarantined("org.example.a"));
        assertFalse(new StartFailures(file).load().quarantined("org.example.b"));
    }

    @Test
    void clearingTheLastCountDeletesTheFile() throws Exception {
        Path file = dir.resolve("start-failures.properties");
        StartFailures failures = new StartFailures(file).load();
        failures.failed("org.example.a");
        failures.save();

        assertTrue(failures.clear("org.example.a"));
        failures.save();

        assertFalse(Files.exists(file));
        assertFalse(failures.clear("org.example.a"));
    }

    @Test
    void anUnreadableFileCountsAsNoFailures() throws Exception {
        Path file = Files.writeString(dir.resolve("start-failures.properties"), "org.example.a = many\n");

        assertFalse(new StartFailures(file).load().quarantined("org.example.a"));
    }
}
