package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/plinth exec and commands piped into bin/plinth: output, errors and exit statuses. */
class CommandsIT {

    @TempDir
    Path unpacked;

    private Plinth plinth;

    @BeforeEach
    void unpack() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
    }

    private static long lines(String text, String containing) {
        return text.lines().filter(line -> line.contains(containing)).count();
    }

    @Test
    void execListsTheBundlesAndExitsZero() throws Exception {
        Plinth.Result result = plinth.run(null, "exec", "lb");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("Apache Felix Declarative Services"), result.toString());
        assertEquals(result.readyBundles(), lines(result.out(), "|Active     |"),
                "every bundle of the ready line is listed as active\n" + result);
        Matcher ready = Plinth.READY.matcher(result.err());
        assertTrue(ready.find(), "the ready line goes to standard error so that stdout is the commands' output\n"
                + result);
        assertEquals(Distribution.version(), ready.group(1));
        assertFalse(Plinth.READY.matcher(result.out()).find(), result.toString());
        assertTrue(result.out().lines().allMatch(line -> line.isEmpty() || line.startsWith("START LEVEL")
                || line.matches("\\s*(ID|\\d+)\\|.*")), "nothing but lb's table on standard output\n" + result);
    }

    @Test
    void execRunsAWholeGogoProgram() throws Exception {
        Plinth.Result result = plinth.run(null, "exec", "lb -s | grep org.apache.felix.scr ; echo done");
        assertEquals(0, result.exit(), result.toString());
        assertFalse(result.out().contains("\u001b"), "no terminal colours in output to a pipe\n" + result);
        assertEquals(1, lines(result.out(), "org.apache.felix.scr"), result.toString());
        assertTrue(result.out().contains("done"), result.toString());
    }

    @Test
    void everyStatementOfAnExecPrintsItsResultInOrder() throws Exception {
        Plinth.Result result = plinth.run(null, "exec", "plugin:list; echo second; plugin:history -n 1");
        assertEquals(0, result.exit(), result.toString());
        List<String> lines = result.out().lines().toList();
        int list = lines.indexOf("No plugins installed. Install one with: plugin:install <file>");
        int second = lines.indexOf("second");
        int history = lines.indexOf("No operations yet.");
        assertTrue(list >= 0 && second > list && history > second, "the list, then second, then the history\n"
                + result);
    }

    @Test
    void anExecStopsAtTheFirstFailingStatementAndExitsOne() throws Exception {
        Plinth.Result result = plinth.run(null, "exec", "echo first; plugin:enable org.example.none; echo never");
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("first"), result.toString());
        assertFalse(result.out().contains("never"), result.toString());
        assertTrue(result.err().contains("Error: "), result.toString());
    }

    @Test
    void failingExecPrintsTheMessageAndExitsOne() throws Exception {
        Plinth.Result result = plinth.run(null, "exec", "no-such-command");
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().contains("Error: Command not found: no-such-command"), result.toString());
    }

    @Test
    void pipedCommandsRunLineByLineAndEndCleanly() throws Exception {
        Plinth.Result result = plinth.run("lb -s\n# a comment\n\nheaders 0 | grep Bundle-SymbolicName\n");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("org.apache.felix.configadmin"), result.toString());
        assertTrue(result.out().contains("Bundle-SymbolicName"), result.toString());
        result.readyBundles();
    }

    @Test
    void aFailedPipedLineIsReportedTheRestStillRunsAndTheStatusIsOne() throws Exception {
        Plinth.Result result = plinth.run("no-such-command\nlb -s\n");
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().contains("Command not found: no-such-command"), result.toString());
        assertTrue(result.out().contains("org.apache.felix.scr"), result.toString());
    }

    @Test
    void secondStartReusesTheCacheWithTheSameBundles() throws Exception {
        Plinth.Result first = plinth.run(null, "exec", "lb -s");
        Plinth.Result second = plinth.run(null, "exec", "lb -s");
        assertEquals(0, second.exit(), second.toString());
        assertEquals(first.out(), second.out(), "same bundles, same ids, same states");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Plinth.Result unknown = plinth.run(null, "frobnicate");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.toString());
        Plinth.Result bareExec = plinth.run(null, "exec");
        assertEquals(2, bareExec.exit(), bareExec.toString());
        assertFalse(Files.exists(plinth.home().resolve("data")), "nothing was started");
    }

    @Test
    void helpDescribesTheCommands() throws Exception {
        Plinth.Result help = plinth.run(null, "help");
        assertEquals(0, help.exit(), help.toString());
        for (String verb : new String[] {"exec", "start", "stop", "status", "--clean", "PLINTH_OPTS", "JAVA_HOME"}) {
            assertTrue(help.out().contains(verb), verb + " in\n" + help);
        }
    }

    @Test
    void unresolvableConfigurationIsReportedAndNothingStarts() throws Exception {
        Files.writeString(plinth.home().resolve("conf/plinth.properties"), "plinth.shutdown.timeout = ${NO_SUCH}\n");
        Plinth.Result result = plinth.run(null, "exec", "lb");
        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().contains("plinth.shutdown.timeout refers to ${NO_SUCH}"), result.toString());
        assertFalse(Files.exists(plinth.home().resolve("data")), "nothing was started");
    }

    @Test
    void aJavaOlderThan17IsRefusedWithAClearMessage() throws Exception {
        Path oldJdk = Files.createDirectories(unpacked.resolve("old-jdk/bin"));
        Files.createSymbolicLink(oldJdk.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Files.writeString(oldJdk.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Plinth.Result result = plinth.env("JAVA_HOME", oldJdk.getParent().toString()).run(null, "exec", "lb");
        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().contains("Plinth needs Java 17 or later"), result.toString());
        assertFalse(Files.exists(plinth.home().resolve("data")), "nothing was started");
    }

    @Test
    void jvmOptionsComeFromConfJvmOptionsThenPlinthOpts() throws Exception {
        Files.writeString(plinth.home().resolve("conf/jvm.options"), "# the operator's options\n"
                + "-XX:+UseSerialGC -Dplinth.from.file=file   # two on a line, and a comment\n\n-Dplinth.both=file\n");
        Plinth.Result result = plinth.env("PLINTH_OPTS", "-Dplinth.both=env")
                .run(null, "exec", "echo ($.context getProperty plinth.from.file) ($.context getProperty plinth.both)");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("file env", result.out().strip(), result.toString());
    }

    @Test
    void configurationReferencesTheEnvironment() throws Exception {
        Files.writeString(plinth.home().resolve("conf/plinth.properties"), "my.greeting = ${env:GREETING}\n");
        Plinth.Result result = plinth.env("GREETING", "hello from the environment")
                .run(null, "exec", "echo ($.context getProperty my.greeting)");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("hello from the environment"), result.toString());
    }
}
