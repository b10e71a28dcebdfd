package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration files of {@code etc/} as a plugin sees them across restarts of the assembled runtime: a
 * test plugin ({@link ConfigurationProbe}) records every configuration Configuration Admin delivers to it.
 */
class ConfigurationFilesIT {

    /** Enough other files that applying {@code etc/} takes longer than the plugin manager needs to start plugins. */
    private static final int OTHER_FILES = 1500;
    /**
     * Restarts, each after deleting one file: the plugin manager and the configuration installer came up in
     * either order (a plugin was given a deleted configuration at about one restart in three), so one restart
     * alone would mostly pass without the launcher's hold.
     */
    private static final int RESTARTS = 6;
    private static final String PROBE = ConfigurationProbe.FACTORY_PID;

    @TempDir
    Path unpacked;

    private Plinth.Running running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.kill();
        }
    }

    @Test
    void aPluginIsStartedOnlyOnceTheFilesOfEtcAreApplied() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        Path etc = plinth.home().resolve("etc");
        for (int i = 0; i < OTHER_FILES; i++) {
            Files.writeString(etc.resolve(String.format("a.other.%04d.cfg", i)), "n=" + i + "\n");
        }
        for (int i = 0; i < RESTARTS; i++) {
            Files.writeString(etc.resolve(PROBE + "~gone" + i + ".cfg"), "k=v\n");
        }
        TestBundles.configurationProbe(plinth.home().resolve("deploy/probe.jar"));
        Path probeLog = plinth.home().resolve("data").resolve(ConfigurationProbe.LOG);

        running = plinth.start("daemon");
        running.awaitReady();
        awaitLine(probeLog, ("updated " + PROBE + "~gone" + (RESTARTS - 1))::equals);
        for (int i = 0; i < RESTARTS; i++) {
            stopGracefully();
            Files.delete(etc.resolve(PROBE + "~gone" + i + ".cfg"));
            Files.deleteIfExists(probeLog);
            running = plinth.start("daemon");
            running.awaitReady();
            Files.writeString(etc.resolve(PROBE + "~marker" + i + ".cfg"), "k=v\n");
            String marker = "updated " + PROBE + "~marker" + i;
            List<String> seen = awaitLine(probeLog, marker::equals);
            assertFalse(seen.contains("updated " + PROBE + "~gone" + i), "restart " + (i + 1) + ": the plugin was "
                    + "given a configuration whose file had been deleted while Plinth was stopped: " + seen);
        }
        stopGracefully();
    }

    private void stopGracefully() throws Exception {
        running.signal("TERM");
        Plinth.Result result = running.await(Plinth.BOUND);
        assertEquals(0, result.exit(), result.toString());
        running = null;
    }

    /** The lines of {@code file} once one matches; fails after {@link Plinth#BOUND}. */
    private static List<String> awaitLine(Path file, Predicate<String> wanted) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (true) {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.stream().anyMatch(wanted)) {
                return lines;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no such line in " + file + " within " + Plinth.BOUND.toSeconds() + " s: "
                        + lines);
            }
            Thread.sleep(50);
        }
    }
}
