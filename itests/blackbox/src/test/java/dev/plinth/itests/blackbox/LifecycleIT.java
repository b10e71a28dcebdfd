package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and owning a home: signals, the data lock, background mode, --clean, system/. */
class LifecycleIT {

    @TempDir
    Path unpacked;

    private Plinth plinth;
    private Plinth.Running running;

    @BeforeEach
    void unpack() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (running != null) {
            running.kill();
        }
        plinth.run(null, "stop");
    }

    private String pidFile() throws IOException {
        return Files.readString(plinth.home().resolve("data/plinth.pid")).trim();
    }

    @Test
    void sigtermStopsGracefullyWithStatusZero() throws Exception {
        running = plinth.start("daemon");
        running.awaitReady();
        assertEquals(Long.toString(running.pid()), pidFile(), "the lock file names the holder");
        running.signal("TERM");
        Plinth.Result result = running.await(Plinth.BOUND);
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("Plinth stopped"), result.toString());
        assertEquals("", pidFile(), "the lock file is emptied on a clean stop");
        assertEquals(0, plinth.run(null, "exec", "lb").exit(), "the home is free again");
    }

    @Test
    void ctrlCWithoutAConsoleStopsGracefully() throws Exception {
        running = plinth.start("batch");
        running.awaitReady();
        running.signal("INT");
        Plinth.Result result = running.await(Plinth.BOUND);
        assertEquals(0, result.exit(), result.toString());
    }

    @Test
    void endOfPipedInputStopsWithStatusZero() throws Exception {
        running = plinth.start();
        running.awaitReady();
        running.write("lb -s\n");
        running.awaitOutput(Pattern.compile("org\\.apache\\.felix\\.scr"), Plinth.BOUND);
        running.closeInput();
        Plinth.Result result = running.await(Plinth.BOUND);
        assertEquals(0, result.exit(), result.toString());
    }

    @Test
    void secondInstanceOnTheSameHomeIsRefusedNamingTheHolder() throws Exception {
        running = plinth.start("daemon");
        running.awaitReady();
        Plinth.Result second = plinth.run(null, "daemon");
        assertEquals(3, second.exit(), second.toString());
        assertTrue(second.err().contains("in use by another Plinth process (pid " + running.pid() + ")"),
                second.toString());
        assertTrue(running.process.isAlive(), "the first instance is untouched");
        Plinth.Result attached = plinth.run(null, "exec", "lb");
        assertEquals(0, attached.exit(), "exec runs in the running instance\n" + attached);
    }

    @Test
    void backgroundStartStatusAndStop() throws Exception {
        Plinth.Result start = plinth.run(null, "start");
        assertEquals(0, start.exit(), start.toString());
        assertTrue(Plinth.READY.matcher(start.out()).find(), start.toString());
        String pid = pidFile();
        assertTrue(start.out().contains("running in the background (pid " + pid + ")"), start.toString());

        Plinth.Result status = plinth.run(null, "status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains("Plinth is running (pid " + pid + ")"), status.toString());
        assertEquals(0, plinth.run(null, "exec", "lb").exit(), "exec runs in the background runtime");
        assertEquals(0, plinth.run(null, "start").exit(), "starting twice is harmless");
        assertEquals(pid, pidFile(), "and starts nothing new");

        Plinth.Result stop = plinth.run(null, "stop");
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.out().contains("Plinth stopped (pid " + pid + ")"), stop.toString());
        Plinth.Result stopAgain = plinth.run(null, "stop");
        assertEquals(0, stopAgain.exit(), stopAgain.toString());
        assertTrue(stopAgain.out().contains("Plinth is not running"), stopAgain.toString());
        assertFalse(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false));
        Plinth.Result after = plinth.run(null, "status");
        assertEquals(3, after.exit(), after.toString());
        assertTrue(after.out().contains("Plinth is not running"), after.toString());
        String console = Files.readString(plinth.home().resolve("data/log/console.log"));
        assertTrue(Plinth.READY.matcher(console).find() && console.contains("Plinth stopped"), console);
    }

    @Test
    void cleanDiscardsTheFrameworkCacheAndNothingElse() throws Exception {
        assertEquals(0, plinth.run(null, "exec", "lb").exit());
        Path data = plinth.home().resolve("data");
        Files.writeString(data.resolve("cache/marker"), "x");
        Files.writeString(data.resolve("log/marker"), "x");
        Files.writeString(data.resolve("keep.me"), "x");
        Plinth.Result clean = plinth.run(null, "--clean", "exec", "lb");
        assertEquals(0, clean.exit(), clean.toString());
        assertFalse(Files.exists(data.resolve("cache/marker")), "the cache was rebuilt");
        assertTrue(Files.isDirectory(data.resolve("cache")), "and is there again");
        assertTrue(Files.exists(data.resolve("log/marker")) && Files.exists(data.resolve("keep.me")),
                "the rest of data/ is untouched");
    }

    @Test
    void bootSetFollowsTheSystemDirectoryAcrossRestarts() throws Exception {
        assertEquals(0, plinth.run(null, "exec", "lb").exit());
        Path extra = TestBundles.empty(plinth.home().resolve("system/extra-1.0.0.jar"), "dev.plinth.itests.extra",
                "1.0.0");
        Plinth.Result added = plinth.run(null, "exec", "lb -s");
        assertTrue(added.out().lines().anyMatch(line -> line.contains("dev.plinth.itests.extra (1.0.0)")
                && line.contains("Active")), added.toString());
        TestBundles.empty(extra, "dev.plinth.itests.extra", "1.1.0");
        Plinth.Result updated = plinth.run(null, "exec", "lb -s");
        assertTrue(updated.out().contains("dev.plinth.itests.extra (1.1.0)"), updated.toString());
        Files.delete(extra);
        Plinth.Result removed = plinth.run(null, "exec", "lb -s");
        assertEquals(0, removed.exit(), removed.toString());
        assertFalse(removed.out().contains("dev.plinth.itests.extra"), removed.toString());
    }

    @Test
    void sigtermWhileStartingStopsAndReleasesTheHome() throws Exception {
        running = plinth.start("daemon");
        Path pid = plinth.home().resolve("data/plinth.pid");
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (!(Files.exists(pid) && !Files.readString(pid).isBlank())) {
            assertTrue(System.nanoTime() < deadline && running.process.isAlive(), "the launcher claimed the home");
            Thread.sleep(5);
        }
        running.signal("TERM");
        Plinth.Result result = running.await(Duration.ofSeconds(60));
        assertTrue(result.exit() == 0 || result.exit() == 4, "stopped (0) or reported the interrupted start (4): "
                + result);
        assertEquals(0, plinth.run(null, "exec", "lb").exit(), "the home is free again");
    }

    @Test
    void aBootBundleThatFailsIsReportedAndTheRestRuns() throws Exception {
        TestBundles.failingToStart(plinth.home().resolve("system/failing-start.jar"));
        Plinth.Result result = plinth.run(null, "exec", "lb -s");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.err().contains("WARNING: dev.plinth.itests.failingstart 1.0.0 did not start:"),
                result.toString());
        assertTrue(result.err().contains("this bundle refuses to start"), result.toString());
        assertTrue(result.out().lines().anyMatch(line -> line.contains("org.apache.felix.scr")
                && line.contains("Active")), result.toString());
    }

    @Test
    void aJarInSystemThatIsNoBundleStopsTheStartWithStatusFour() throws Exception {
        Files.writeString(plinth.home().resolve("system/notes.jar"), "not a jar at all");
        Plinth.Result result = plinth.run(null, "exec", "lb");
        assertEquals(4, result.exit(), result.toString());
        assertTrue(result.err().contains("notes.jar"), result.toString());
        assertEquals("", pidFile(), "the home is released");
    }

    @Test
    void aStopThatHangsIsBoundedAndExitsFive() throws Exception {
        TestBundles.slowToStop(plinth.home().resolve("system/slow-stop.jar"));
        running = plinth.env("PLINTH_OPTS", "-Dplinth.shutdown.timeout=2").start("daemon");
        running.awaitReady();
        long signalled = System.nanoTime();
        running.signal("TERM");
        Plinth.Result result = running.await(Plinth.BOUND);
        assertEquals(5, result.exit(), result.toString());
        assertTrue(result.err().contains("did not stop within 2 s"), result.toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - signalled).toSeconds() < 30,
                "halted at the bound, not after the bundle's minute");
    }
}
