package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration files of {@code etc/} as a plugin sees them in the assembled runtime, across restarts and as
 * an operator changes them: a test plugin ({@link ConfigurationProbe}) records every configuration Configuration
 * Admin delivers to it.
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
        awaitLine(probeLog, line -> line.startsWith("updated " + PROBE + "~gone" + (RESTARTS - 1) + " "));
        for (int i = 0; i < RESTARTS; i++) {
            stopGracefully();
            Files.delete(etc.resolve(PROBE + "~gone" + i + ".cfg"));
            Files.deleteIfExists(probeLog);
            running = plinth.start("daemon");
            running.awaitReady();
            Files.writeString(etc.resolve(PROBE + "~marker" + i + ".cfg"), "k=v\n");
            String marker = "updated " + PROBE + "~marker" + i + " ";
            String gone = "updated " + PROBE + "~gone" + i + " ";
            List<String> seen = awaitLine(probeLog, line -> line.startsWith(marker));
            assertFalse(seen.stream().anyMatch(line -> line.startsWith(gone)), "restart " + (i + 1)
                    + ": the plugin was given a configuration whose file had been deleted while Plinth was stopped: "
                    + seen);
        }
        stopGracefully();
    }

    @Test
    void filesAreAppliedAsAnOperatorWritesThem() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        Path etc = plinth.home().resolve("etc");
        Files.writeString(etc.resolve(PROBE + "~dup.cfg"), "k=from-cfg\n");
        Files.writeString(etc.resolve(PROBE + "~dup.config"), "k=\"from-config\"\n");
        Files.writeString(etc.resolve(PROBE + "~sep.cfg"), "sep=\\ \n");
        Path first = Files.createDirectory(etc.resolve("..2026_01_01_00_00_00.1"));
        Files.writeString(first.resolve(PROBE + "~map.cfg"), "v=1\n");
        Files.createSymbolicLink(etc.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(etc.resolve(PROBE + "~map.cfg"), Path.of("..data", PROBE + "~map.cfg"));
        TestBundles.configurationProbe(plinth.home().resolve("deploy/probe.jar"));
        Path probeLog = plinth.home().resolve("data").resolve(ConfigurationProbe.LOG);

        running = plinth.start("daemon");
        running.awaitReady();
        assertEquals("updated " + PROBE + "~sep {sep= }", lastOf(awaitLine(probeLog, updated("sep")), updated("sep")),
                "a .cfg value keeps its escaped trailing space");
        assertEquals("updated " + PROBE + "~dup {k=from-config}", lastOf(awaitLine(probeLog, updated("dup")),
                updated("dup")), ".config wins over .cfg");
        awaitLine(probeLog, ("updated " + PROBE + "~map {v=1}")::equals);
        String log = Files.readString(plinth.home().resolve("data/log/plinth.log"));
        assertTrue(log.contains("2 files hold the configuration " + PROBE + "~dup: ")
                && log.contains("/" + PROBE + "~dup.config is applied, [" + PROBE + "~dup.cfg] ignored"), log);

        Path second = Files.createDirectory(etc.resolve("..2026_01_01_00_01_00.2"));
        Files.writeString(second.resolve(PROBE + "~map.cfg"), "v=2\n");
        Files.createSymbolicLink(etc.resolve("..data_tmp"), second.getFileName());
        Files.move(etc.resolve("..data_tmp"), etc.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        awaitLine(probeLog, ("updated " + PROBE + "~map {v=2}")::equals);

        Files.delete(etc.resolve(PROBE + "~dup.config"));
        Predicate<String> dupChanged = line -> line.equals("updated " + PROBE + "~dup {k=from-cfg}")
                || line.equals("deleted " + PROBE + "~dup");
        assertEquals("updated " + PROBE + "~dup {k=from-cfg}", lastOf(awaitLine(probeLog, dupChanged), dupChanged),
                "with one of its two files deleted, the configuration comes from the other");
        Files.delete(etc.resolve(PROBE + "~dup.cfg"));
        awaitLine(probeLog, ("deleted " + PROBE + "~dup")::equals);
        stopGracefully();
    }

    private static Predicate<String> updated(String name) {
        return line -> line.startsWith("updated " + PROBE + "~" + name + " ");
    }

    private static String lastOf(List<String> lines, Predicate<String> wanted) {
        return lines.stream().filter(wanted).reduce((a, b) -> b).orElseThrow();
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
