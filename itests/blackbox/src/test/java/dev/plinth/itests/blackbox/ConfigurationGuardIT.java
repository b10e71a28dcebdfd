package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin of the assembled runtime that looks up Configuration Admin itself ({@link ConfigurationAdminProbe}) is
 * refused the core's configurations, naming their owner, and lists only its own.
 */
class ConfigurationGuardIT {

    private static final String ID = ConfigurationAdminProbe.ID;

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
    void aPluginIsRefusedCoreConfigurationsAndListsOnlyItsOwn() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        TestBundles.configurationAdminProbe(plinth.home().resolve("deploy/cm-probe.jar"));
        Path log = plinth.home().resolve("data").resolve(ConfigurationAdminProbe.LOG);

        running = plinth.start("daemon");
        running.awaitReady();
        List<String> lines = awaitLines(log, 6);

        assertEquals(List.of("services 1",
                "read dev.plinth.rest: refused: " + ID + " cannot get the configuration dev.plinth.rest, but "
                        + "dev.plinth.rest owns it",
                "update org.apache.felix.http: refused: " + ID + " cannot get the configuration org.apache.felix.http, "
                        + "but the runtime's core owns it",
                "create dev.plinth.rest: refused: " + ID + " cannot create the configuration dev.plinth.rest, but "
                        + "dev.plinth.rest owns it",
                "own: v",
                "list: [" + ID + "]"), lines);
        running.signal("TERM");
        assertEquals(0, running.await(Plinth.BOUND).exit());
        running = null;
    }

    /** The lines of {@code file} once it has {@code count}; fails after {@link Plinth#BOUND}. */
    private static List<String> awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (true) {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.size() >= count) {
                return lines;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(count + " lines not in " + file + " within " + Plinth.BOUND.toSeconds()
                        + " s: " + lines);
            }
            Thread.sleep(50);
        }
    }
}
