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
    private static final String GONE = ConfigurationProbe.FACTORY_PID + "~gone";
    private static final String MARKER = ConfigurationProbe.FACTORY_PID + "~marker";

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
        Files.writeString(etc.resolve(GONE + ".cfg"), "k=v\n");
        TestBundles.configurationProbe(plinth.home().resolve("deploy/probe.jar"));
        Path probeLog = plinth.home().resolve("data").resolve(ConfigurationProbe.LOG);

        running = plinth.start("daemon");
        running.awaitReady();
        awaitLine(probeLog, line -> line.equals("updated " + GONE));
        stopGracefully();

        Files.delete(etc.resolve(GONE + ".cfg"));
        Files.delete(probeLog);
        running = plinth.start("daemon");
        running.awaitReady();
        Files.writeString(etc.resolve(MARKER + ".cfg"), "k=v\n");
        List<String> seen = awaitLine(probeLog, line -> line.equals("updated " + MARKER));
        assertFalse(seen.contains("updated " + GONE),
                "the plugin was given a configuration whose file had been deleted while Plinth was stopped: " + seen);
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
