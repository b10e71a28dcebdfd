package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.Plinth;
import dev.plinth.framework.PlinthException;
import dev.plinth.framework.Startup;

/** A Java program embedding Plinth through the launcher's API. */
class EmbeddingIT {

    @TempDir
    Path unpacked;

    @Test
    void buildStartUseAndStop() throws Exception {
        Path home = Distribution.unpack(unpacked);
        try (Plinth plinth = Plinth.builder().home(home).property("gosh.args", "--nointeractive --noshutdown")
                .property("my.setting", "embedded").build()) {
            Startup startup = plinth.start();
            assertEquals(startup.failures().size(), 0, startup.failures().toString());
            BundleContext context = plinth.bundleContext();
            assertEquals(context.getBundles().length, startup.bundles());
            assertTrue(Arrays.stream(context.getBundles()).allMatch(bundle -> bundle.getState() == Bundle.ACTIVE),
                    "every bundle active");
            assertEquals("embedded", context.getProperty("my.setting"));
            assertEquals(home.toAbsolutePath().toString(), context.getProperty("plinth.home"));

            PlinthException inUse = assertThrows(PlinthException.class,
                    () -> Plinth.builder().home(home).build().start());
            assertEquals(ExitStatus.HOME_IN_USE, inUse.status());
        }
        assertEquals("", Files.readString(home.resolve("data/plinth.pid")), "the home is released on close");
    }

    @Test
    void aHomeWithoutBootBundlesFailsToStartAndReleasesTheHome() throws Exception {
        Path home = Distribution.unpack(unpacked);
        Files.writeString(home.resolve("conf/plinth.properties"), "plinth.system = ${plinth.home}/nowhere\n");
        Plinth plinth = Plinth.builder().home(home).build();
        PlinthException failure = assertThrows(PlinthException.class, plinth::start);
        assertEquals(ExitStatus.START_FAILED, failure.status());
        assertTrue(failure.getMessage().contains("nowhere"), failure.getMessage());
        assertFalse(plinth.isRunning());
        assertEquals("", Files.readString(home.resolve("data/plinth.pid")), "the home is released");
    }
}
