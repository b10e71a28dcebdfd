package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/plinth start | stop | status} finding their runtime whatever the environment: exported COLUMNS,
 * the C locale with a non-ASCII home, homes whose paths share a prefix, a relative PLINTH_DATA, two starts at once.
 */
class ScriptIT {

    @TempDir
    Path unpacked;

    private final List<Plinth> homes = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (Plinth plinth : homes) {
            plinth.run(null, "stop");
        }
    }

    /** A home at {@code folder/name} under the test's directory. */
    private Plinth home(String folder, String name) throws Exception {
        Path directory = Files.createDirectories(unpacked.resolve(folder));
        Path archive = Files.createDirectories(unpacked.resolve(folder + "-" + name + "-unpacked"));
        Path home = Files.move(Distribution.unpack(archive), directory.resolve(name));
        Plinth plinth = new Plinth(home).env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=" + RestRuntime.freePort());
        homes.add(plinth);
        return plinth;
    }

    private static String pid(Path pidFile) throws Exception {
        return Files.readString(pidFile).trim();
    }

    private static boolean alive(String pid) {
        return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void assertStartedStatusAndStopped(Plinth plinth, Path data) throws Exception {
        Plinth.Result start = plinth.run(null, "start");
        assertEquals(0, start.exit(), start.toString());
        String pid = pid(data.resolve("plinth.pid"));
        Plinth.Result status = plinth.run(null, "status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains("Plinth is running (pid " + pid + ")"), status.toString());
        Plinth.Result stop = plinth.run(null, "stop");
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.out().contains("Plinth stopped (pid " + pid + ")"), stop.toString());
        assertFalse(alive(pid), "the runtime has ended");
    }

    @Test
    void exportedColumnsDoNotHideTheRuntime() throws Exception {
        Plinth plinth = home("columns", "plinth").env("COLUMNS", "120");
        assertStartedStatusAndStopped(plinth, plinth.home().resolve("data"));
    }

    @Test
    void aNonAsciiHomeRunsUnderTheCLocale() throws Exception {
        Plinth plinth = home("hōme ü", "plinth ä").env("LC_ALL", "C");
        Plinth.Result start = plinth.run(null, "start");
        assertEquals(0, start.exit(), start.toString());
        Plinth.Result plugins = plinth.run(null, "plugins");
        assertEquals(0, plugins.exit(), "the CLI finds the runtime: " + plugins);
        Plinth.Result stop = plinth.run(null, "stop");
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.out().contains("Plinth stopped"), stop.toString());
        assertEquals("", pid(plinth.home().resolve("data/plinth.pid")), "the runtime stopped cleanly");
    }

    @Test
    void aStalePidFileNamingTheRuntimeOfAnotherHomeIsNotThisHomesRuntime() throws Exception {
        Plinth h1 = home("homes", "h1");
        Plinth h10 = home("homes", "h10");
        assertEquals(0, h10.run(null, "start").exit());
        String otherPid = pid(h10.home().resolve("data/plinth.pid"));
        Files.createDirectories(h1.home().resolve("data"));
        Files.writeString(h1.home().resolve("data/plinth.pid"), otherPid + "\n");

        Plinth.Result status = h1.run(null, "status");
        assertEquals(3, status.exit(), status.toString());
        Plinth.Result stop = h1.run(null, "stop");
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.out().contains("Plinth is not running"), stop.toString());
        assertTrue(alive(otherPid), "the runtime of h10 is untouched");
    }

    @Test
    void aRelativeDataDirectoryIsUnderTheHomeForEveryCommand() throws Exception {
        Plinth plinth = home("relative", "plinth").env("PLINTH_DATA", "reldata");
        Path elsewhere = Files.createDirectories(unpacked.resolve("elsewhere"));
        plinth.workingDirectory(elsewhere);
        Path data = plinth.home().resolve("reldata");
        Plinth.Result start = plinth.run(null, "start");
        assertEquals(0, start.exit(), start.toString());
        assertTrue(Files.isRegularFile(data.resolve("log/plinth.log")), "the log is under the home");
        assertTrue(Files.isDirectory(data.resolve("cache")), "the framework cache is under the home");
        assertTrue(Files.isRegularFile(data.resolve("rest/admin.token")), "the REST token is under the home");
        Plinth.Result plugins = plinth.run(null, "plugins");
        assertEquals(0, plugins.exit(), plugins.toString());
        try (var files = Files.list(elsewhere)) {
            assertEquals(List.of(), files.toList(), "nothing is written to the working directory");
        }
        assertEquals(0, plinth.run(null, "stop").exit());
        assertStartedStatusAndStopped(plinth, data);
    }

    @Test
    void cleanDiscardsARelativeFrameworkCacheUnderTheHome() throws Exception {
        Plinth plinth = home("relcache", "plinth");
        Files.writeString(plinth.home().resolve("conf/plinth.properties"), "\norg.osgi.framework.storage = relcache\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path elsewhere = Files.createDirectories(unpacked.resolve("elsewhere"));
        plinth.workingDirectory(elsewhere);
        assertEquals(0, plinth.run(null, "exec", "lb").exit());
        Path cache = plinth.home().resolve("relcache");
        assertTrue(Files.isDirectory(cache), "the cache is under the home");
        assertFalse(Files.exists(elsewhere.resolve("relcache")), "and not under the working directory");
        Files.writeString(cache.resolve("marker"), "x");
        Plinth.Result clean = plinth.run(null, "--clean", "exec", "lb");
        assertEquals(0, clean.exit(), clean.toString());
        assertFalse(Files.exists(cache.resolve("marker")), "--clean discarded it");
    }

    @Test
    void twoStartsAtOnceLaunchOneRuntime() throws Exception {
        Plinth plinth = home("twice", "plinth");
        Plinth.Running first = plinth.start("start");
        Plinth.Running second = plinth.start("start");
        Plinth.Result one = first.await(Plinth.BOUND);
        Plinth.Result two = second.await(Plinth.BOUND);
        assertEquals(0, one.exit(), one.toString());
        assertEquals(0, two.exit(), two.toString());
        String pid = pid(plinth.home().resolve("data/plinth.pid"));
        String both = one.out() + two.out();
        assertTrue(both.contains("running in the background (pid " + pid + ")"), both);
        assertTrue(both.contains("Plinth is already running (pid " + pid + ")"), both);
        assertFalse(Files.exists(plinth.home().resolve("data/log/console.log.1")), "console.log was not rotated");
        String console = Files.readString(plinth.home().resolve("data/log/console.log"));
        assertTrue(Plinth.READY.matcher(console).find(), console);
        long runtimes = ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(List::of)
                        .map(arguments -> arguments.contains(plinth.home().toString())).orElse(false))
                .count();
        assertEquals(1, runtimes, "one runtime on the home");
    }

    @Test
    void aStartStoppedBeforeItIsReadyFailsWithStatusFour() throws Exception {
        Plinth plinth = home("stopped", "plinth");
        Plinth.Running start = startNeverReady(plinth);
        Path pidFile = plinth.home().resolve("data/plinth.pid");
        new ProcessBuilder("kill", "-TERM", pid(pidFile)).inheritIO().start().waitFor();
        Plinth.Result result = start.await(Plinth.BOUND);
        assertEquals(4, result.exit(), result.toString());
        assertTrue(result.err().contains("was stopped before it was ready"), result.toString());
    }

    @Test
    void aStopDuringTheStartStopsItAtOnceAndTheStartFailsWithStatusFour() throws Exception {
        Plinth plinth = home("stopduringstart", "plinth");
        Plinth.Running start = startNeverReady(plinth);

        Plinth.Result stop = plinth.run(null, "stop");

        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.out().contains("Plinth stopped"), stop.toString());
        Plinth.Result result = start.await(Plinth.BOUND);
        assertEquals(4, result.exit(), result.toString());
        assertTrue(result.err().contains("was stopped before it was ready"), result.toString());
    }

    /** Starts a runtime whose start never ends (a boot bundle stays pending), once it holds the home. */
    private static Plinth.Running startNeverReady(Plinth plinth) throws Exception {
        TestBundles.neverReady(plinth.home().resolve("system/never-ready.jar"));
        Plinth.Running start = plinth.start("start");
        Path pidFile = plinth.home().resolve("data/plinth.pid");
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (!(Files.exists(pidFile) && !pid(pidFile).isEmpty())) {
            assertTrue(System.nanoTime() < deadline && start.process.isAlive(), "the runtime claimed the home");
            Thread.sleep(20);
        }
        return start;
    }

    @Test
    void cleanStartOnARunningHomeIsRefused() throws Exception {
        Plinth plinth = home("cleanrunning", "plinth");
        assertEquals(0, plinth.run(null, "start").exit());
        Plinth.Result clean = plinth.run(null, "--clean", "start");
        assertEquals(3, clean.exit(), clean.toString());
        assertTrue(clean.err().contains("--clean needs it stopped"), clean.toString());
    }
}
