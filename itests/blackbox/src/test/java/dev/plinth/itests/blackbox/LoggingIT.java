package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches data/log/plinth.log, and what a broken etc/logback.xml does. */
class LoggingIT {

    @TempDir
    Path unpacked;

    private Plinth plinth;
    private Plinth.Running running;

    @BeforeEach
    void unpack() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked))
                .env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=" + RestRuntime.freePort());
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (running != null) {
            running.kill();
        }
        plinth.run(null, "stop");
    }

    private Path log() {
        return plinth.home().resolve("data/log/plinth.log");
    }

    private String awaitLog(Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (true) {
            String log = Files.exists(log()) ? Files.readString(log()) : "";
            if (condition.test(log)) {
                return log;
            }
            assertTrue(System.nanoTime() < deadline, "no " + what + " in plinth.log within " + Plinth.BOUND.toSeconds()
                    + " s:\n" + log);
            Thread.sleep(50);
        }
    }

    @Test
    void julLinesLoggedWhilePluginsStopOnSigtermReachTheLog() throws Exception {
        TestBundles.loggingThroughJul(plinth.home().resolve("system/jul-logging.jar"));
        running = plinth.start("daemon");
        running.awaitReady();
        awaitLog(log -> log.contains(JulLoggingActivator.BRIDGED), "bridged java.util.logging line");
        running.signal("TERM");
        Plinth.Result result = running.await(Plinth.BOUND);
        assertEquals(0, result.exit(), result.toString());
        String log = Files.readString(log());
        assertTrue(log.contains(JulLoggingActivator.STOPPING), "the line logged while stopping is kept:\n" + log);
    }

    @Test
    void aLogbackFileThatIsNotWellFormedFailsTheStartNamingIt() throws Exception {
        Files.writeString(plinth.home().resolve("etc/logback.xml"),
                "<configuration>\n  <root level=\"INFO\">\n</configuration>\n");
        Plinth.Result start = plinth.run(null, "start");
        assertEquals(2, start.exit(), start.toString());
        assertTrue(start.err().contains("logback.xml is not well-formed XML (line 3"), start.toString());
        Plinth.Result status = plinth.run(null, "status");
        assertEquals(3, status.exit(), "nothing runs: " + status);
        Plinth.Result exec = plinth.run(null, "exec", "lb");
        assertEquals(2, exec.exit(), exec.toString());
    }

    @Test
    void aWellFormedLogbackFileWithErrorsFailsTheStartAndLoggingGoesOnWithTheDefaults() throws Exception {
        Path logback = plinth.home().resolve("etc/logback.xml");
        Files.writeString(logback, Files.readString(logback)
                .replace("ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy", "no.such.Policy"));

        Plinth.Result start = plinth.run(null, "start");

        assertEquals(4, start.exit(), start.toString());
        assertTrue((start.out() + start.err()).contains("the logging configuration " + logback
                + " has errors, so logging goes to "),
                start.toString());
        String log = awaitLog(text -> text.contains("ERROR") && text.contains("no.such.Policy"),
                "the errors of logback.xml");
        assertTrue(log.contains("with the default configuration until it is fixed"), log);

        Plinth.Result exec = plinth.run(null, "exec", "lb -s");
        assertEquals(0, exec.exit(), "exec still runs, logging with the defaults: " + exec);
    }

    @Test
    void aBrokenEditWhileRunningIsReportedAndTheLogGoesOn() throws Exception {
        Path logback = plinth.home().resolve("etc/logback.xml");
        String good = Files.readString(logback).replace("scanPeriod=\"30 seconds\"", "scanPeriod=\"200 milliseconds\"");
        assertTrue(good.contains("200 milliseconds"), "the shipped file scans for changes");
        Files.writeString(logback, good);
        TestBundles.loggingThroughJul(plinth.home().resolve("system/jul-logging.jar"));
        running = plinth.start("daemon");
        running.awaitReady();
        awaitLog(log -> log.contains(JulLoggingActivator.BRIDGED), "bridged java.util.logging line");

        writeLater(logback, "<configuration scan=\"true\" scanPeriod=\"200 milliseconds\">\n  <appender name=\"X\">\n"
                + "</configuration>\n");
        String log = awaitLog(text -> text.contains("WARN") && text.contains("logback.xml has errors"),
                "warning about the broken edit");
        assertTrue(log.contains("logging goes on with the previous configuration"), log);
        assertTrue(log.contains("line 3"), "the warning says where: " + log);

        running.signal("TERM");
        assertEquals(0, running.await(Plinth.BOUND).exit());
        assertTrue(Files.readString(log()).contains(JulLoggingActivator.STOPPING),
                "the previous configuration still writes the log");
    }

    @Test
    void aWellFormedEditWithAnUnknownClassIsReportedAndThePreviousConfigurationStays() throws Exception {
        Path logback = plinth.home().resolve("etc/logback.xml");
        String good = Files.readString(logback).replace("scanPeriod=\"30 seconds\"", "scanPeriod=\"200 milliseconds\"");
        Files.writeString(logback, good);
        TestBundles.loggingThroughJul(plinth.home().resolve("system/jul-logging.jar"));
        running = plinth.start("daemon");
        running.awaitReady();
        awaitLog(log -> log.contains(JulLoggingActivator.BRIDGED), "bridged java.util.logging line");

        String broken = good.replace("ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy", "no.such.Policy");
        assertTrue(broken.contains("no.such.Policy"));
        writeLater(logback, broken);
        String log = awaitLog(text -> text.contains("logback.xml has errors"), "warning about the broken edit");
        assertTrue(log.contains("no.such.Policy") && log.contains("logging goes on with the previous configuration"),
                log);

        running.signal("TERM");
        assertEquals(0, running.await(Plinth.BOUND).exit());
        assertTrue(Files.readString(log()).contains(JulLoggingActivator.STOPPING),
                "the previous configuration still writes the log");
    }

    /** Rewrites {@code file} with a modification time a second later, so that a scan cannot miss the change. */
    private static void writeLater(Path file, String content) throws IOException {
        long before = Files.getLastModifiedTime(file).toMillis();
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(Math.max(before + 1000,
                System.currentTimeMillis())));
    }
}
