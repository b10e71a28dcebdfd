package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin manager of the assembled runtime driven as an operator would: one {@code bin/plinth exec "plugin:..."}
 * per step, run in the home so that {@code samples/x.jar} resolves. One home is shared by the ordered steps; every
 * step starts a new runtime, so whatever a step sees was kept across a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginCommandsIT {

    private static final String HELLO = "dev.plinth.sample.hello";
    private static final String GREETER_EN = "dev.plinth.sample.greeter.en";
    private static final String GREETER_FR = "dev.plinth.sample.greeter.fr";
    private static final String GREETING = "dev.plinth.sample.greeting";
    private static final String THROWING = "dev.plinth.sample.throwing";
    private static final String BLOCKING = "dev.plinth.sample.blocking";
    private static final String UNRESOLVABLE = "dev.plinth.sample.unresolvable";
    private static final String VERSIONED = "dev.plinth.sample.versioned";

    /** The manager's start bound for this home, short so that the blocking sample fails fast. */
    private static final int START_BOUND_MS = 1500;

    @TempDir
    static Path unpacked;

    private static Plinth plinth;

    @BeforeAll
    static void unpackAndBoundStarts() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
        Files.writeString(plinth.home().resolve("etc/dev.plinth.manager.cfg"),
                "start.timeout.ms = " + START_BOUND_MS + "\n");
    }

    @Test
    @Order(1)
    void anEnabledPluginRunsAndStaysEnabledAcrossRestarts() throws Exception {
        Plinth.Result install = ok("plugin:install samples/dev.plinth.sample.hello.jar --enable");
        assertEquals(List.of(
                "Install dev.plinth.sample.hello: done.",
                "  1. install dev.plinth.sample.hello 1.0.0",
                "  2. start   dev.plinth.sample.hello 1.0.0",
                "Refresh: none"), install.out().lines().toList(), install.toString());

        Plinth.Result hello = ok("sample:hello Ada");
        assertEquals("Hello, Ada!", hello.out().strip(), hello.toString());

        Plinth.Result list = ok("plugin:list");
        assertEquals(List.of("1.0.0", "enabled", "plugin", "Plinth Sample: Hello"), rows(list).get(HELLO),
                list.toString());
        assertEquals(Set.of(HELLO), rows(list).keySet(), list.toString());
    }

    @Test
    @Order(2)
    void aSimulatedInstallShowsThePlanAndChangesNothing() throws Exception {
        Set<String> artifacts = files("data/manager/artifacts");
        byte[] state = Files.readAllBytes(plinth.home().resolve("data/manager/state.json"));

        Plinth.Result simulated = ok("plugin:install --simulate samples/dev.plinth.sample.greeter.en.jar --enable");
        assertEquals(List.of(
                "Plan for install dev.plinth.sample.greeter.en (simulated, nothing changed):",
                "  1. add-library dev.plinth.sample.greeting 1.0.0  needed by dev.plinth.sample.greeter.en",
                "  2. install     dev.plinth.sample.greeter.en 1.0.0",
                "  3. start       dev.plinth.sample.greeting 1.0.0  library",
                "  4. start       dev.plinth.sample.greeter.en 1.0.0",
                "Refresh: none"), simulated.out().lines().toList(), simulated.toString());

        assertNothingStoredAndNoGreeterEn(artifacts, state);
    }

    @Test
    @Order(2)
    void aSimulatedBatchShowsItsPlanAndChangesNothing() throws Exception {
        Set<String> artifacts = files("data/manager/artifacts");
        byte[] state = Files.readAllBytes(plinth.home().resolve("data/manager/state.json"));

        Plinth.Result simulated = ok("plugin:install -s --enable samples/dev.plinth.sample.greeter.fr.jar "
                + "samples/dev.plinth.sample.greeter.en.jar");
        List<String> lines = simulated.out().lines().toList();
        assertEquals(List.of(
                "Plan for install 2 plugins (simulated, nothing changed):",
                "  1. add-library dev.plinth.sample.greeting 1.0.0  needed by dev.plinth.sample.greeter.fr",
                "  2. install     dev.plinth.sample.greeter.fr 1.0.0",
                "  3. install     dev.plinth.sample.greeter.en 1.0.0",
                "  4. start       dev.plinth.sample.greeting 1.0.0  library",
                "  5. start       dev.plinth.sample.greeter.fr 1.0.0",
                "  6. start       dev.plinth.sample.greeter.en 1.0.0",
                "Refresh: none"), lines.subList(0, 8), simulated.toString());
        assertTrue(lines.get(9).contains("would be done") && lines.get(10).contains("would be done"),
                simulated.toString());

        Plinth.Result all = assertNothingStoredAndNoGreeterEn(artifacts, state);
        assertTrue(rows(all).containsKey(HELLO), all.toString());
    }

    @Test
    @Order(3)
    void aLibraryComesWithThePluginThatNeedsItAndGoesWithTheLastOne() throws Exception {
        Plinth.Result install = ok("plugin:install samples/dev.plinth.sample.greeter.en.jar --enable");
        assertEquals(List.of(
                "Install dev.plinth.sample.greeter.en: done.",
                "  1. add-library dev.plinth.sample.greeting 1.0.0  needed by dev.plinth.sample.greeter.en",
                "  2. install     dev.plinth.sample.greeter.en 1.0.0",
                "  3. start       dev.plinth.sample.greeting 1.0.0  library",
                "  4. start       dev.plinth.sample.greeter.en 1.0.0",
                "Refresh: none"), install.out().lines().toList(), install.toString());
        Plinth.Result greet = ok("english:greet");
        assertEquals("Hello, world!", greet.out().strip(), "the greeter works with the library\n" + greet);
        ok("plugin:install samples/dev.plinth.sample.greeter.fr.jar");

        Plinth.Result all = ok("plugin:list --all");
        Map<String, List<String>> rows = rows(all);
        assertEquals(List.of("1.0.0", "enabled", "library"), rows.get(GREETING).subList(0, 3), all.toString());
        assertEquals(List.of("1.0.0", "enabled", "plugin"), rows.get(GREETER_EN).subList(0, 3), all.toString());
        assertEquals(List.of("1.0.0", "installed", "plugin"), rows.get(GREETER_FR).subList(0, 3), all.toString());
        assertEquals("system", rows.get("org.apache.felix.framework").get(2), all.toString());

        assertEquals("Error: cannot remove dev.plinth.sample.greeting: plugins depend on it: "
                + "dev.plinth.sample.greeter.en, dev.plinth.sample.greeter.fr (remove them first, or use --cascade)",
                fails("plugin:remove dev.plinth.sample.greeting"));
        assertEquals("Error: cannot disable dev.plinth.sample.greeting: enabled plugins depend on it: "
                + "dev.plinth.sample.greeter.en (disable them first, or use --cascade)",
                fails("plugin:disable dev.plinth.sample.greeting"));

        Plinth.Result cascade = ok("plugin:remove --cascade dev.plinth.sample.greeting");
        assertEquals("Remove dev.plinth.sample.greeting: done.", cascade.out().lines().findFirst().orElse(""),
                cascade.toString());
        for (String id : List.of(GREETER_EN, GREETER_FR, GREETING)) {
            assertTrue(cascade.out().lines().anyMatch(line -> line.matches("\\s*\\d+\\. uninstall\\s+"
                    + id.replace(".", "\\.") + " 1\\.0\\.0.*")), id + " is uninstalled\n" + cascade);
        }

        // The cascade took greeter.en out too: it installs anew, and brings the library back.
        Plinth.Result again = ok("plugin:install samples/dev.plinth.sample.greeter.en.jar");
        assertEquals("Install dev.plinth.sample.greeter.en: done.", again.out().lines().findFirst().orElse(""),
                again.toString());
        assertTrue(again.out().contains("add-library dev.plinth.sample.greeting 1.0.0"), again.toString());
        Plinth.Result removeLast = ok("plugin:remove dev.plinth.sample.greeter.en");
        assertEquals(List.of(
                "Remove dev.plinth.sample.greeter.en: done.",
                "  1. uninstall    dev.plinth.sample.greeter.en 1.0.0",
                "  2. drop-library dev.plinth.sample.greeting 1.0.0  no plugin needs it any more",
                "Refresh: none"), removeLast.out().lines().toList(),
                "the library no plugin needs any more goes too\n" + removeLast);

        Plinth.Result after = ok("plugin:list --all");
        for (String id : List.of(GREETER_EN, GREETER_FR, GREETING)) {
            assertFalse(rows(after).containsKey(id), id + "\n" + after);
        }
        assertEquals("enabled", rows(after).get(HELLO).get(1), "other plugins are untouched\n" + after);
    }

    @Test
    @Order(4)
    void aPluginWhoseActivatorThrowsIsReportedFailed() throws Exception {
        ok("plugin:install samples/dev.plinth.sample.throwing.jar");
        String message = "dev.plinth.sample.throwing 1.0.0 failed to start: IllegalStateException: "
                + "the sample activator fails on purpose";
        assertEquals("Error: " + message, fails("plugin:enable dev.plinth.sample.throwing"));

        Plinth.Result list = ok("plugin:list");
        assertEquals(List.of("1.0.0", "failed", "plugin"), rows(list).get(THROWING).subList(0, 3), list.toString());
        Plinth.Result info = ok("plugin:info dev.plinth.sample.throwing");
        assertTrue(info.out().lines().anyMatch(line -> line.matches("Last error:\\s+\\Q" + message + "\\E")),
                info.toString());
        assertTrue(info.out().lines().anyMatch(line -> line.matches("State:\\s+failed")), info.toString());
    }

    @Test
    @Order(5)
    void aPluginThatBlocksInStartIsCutOffAtTheBoundAndTheRuntimeGoesOn() throws Exception {
        ok("plugin:install samples/dev.plinth.sample.blocking.jar");

        String error = fails("plugin:enable dev.plinth.sample.blocking");
        assertTrue(error.startsWith("Error: dev.plinth.sample.blocking 1.0.0 ")
                && error.contains("did not start within " + START_BOUND_MS + " ms"), error);

        Plinth.Result session = plinth.run("plugin:enable dev.plinth.sample.blocking\nplugin:list\n"
                + "sample:hello Bo\n");
        assertEquals(1, session.exit(), "a failed line makes the status 1\n" + session);
        assertTrue(session.err().contains("did not start within " + START_BOUND_MS + " ms"), session.toString());
        assertEquals(List.of("1.0.0", "failed", "plugin"), rows(session).get(BLOCKING).subList(0, 3),
                "the same runtime answers the next command\n" + session);
        assertTrue(session.out().lines().anyMatch("Hello, Bo!"::equals), session.toString());
    }

    @Test
    @Order(6)
    void anUnresolvablePluginIsRefusedWithTheMissingPackageAndNothingIsInstalled() throws Exception {
        Set<String> artifacts = files("data/manager/artifacts");
        assertEquals("Error: plugin dev.plinth.sample.unresolvable needs package dev.plinth.sample.missing "
                + "[1.2.0,2.0.0), which no installed plugin or library provides",
                fails("plugin:install samples/dev.plinth.sample.unresolvable.jar"));

        Plinth.Result list = ok("plugin:list");
        assertFalse(list.out().contains(UNRESOLVABLE), list.toString());
        assertFalse(Files.readString(plinth.home().resolve("data/manager/state.json")).contains(UNRESOLVABLE),
                "no record in the store");
        assertEquals(artifacts, files("data/manager/artifacts"), "no archive was kept");
        assertEquals(Set.of(), files("data/manager/tmp"), "no copy of the archive is left behind");
    }

    @Test
    @Order(7)
    void anArchiveThatIsNoJarOrNoFileIsRefusedNamingTheFile() throws Exception {
        Set<String> artifacts = files("data/manager/artifacts");
        Path notes = Files.writeString(plinth.home().resolve("notes.jar"), "some notes, not a zip\n");
        String notAJar = fails("plugin:install notes.jar");
        assertTrue(notAJar.startsWith("Error: ") && notAJar.contains(notes.toRealPath().toString()), notAJar);

        Path missing = plinth.home().toRealPath().resolve("samples/no-such-plugin.jar");
        assertEquals("Error: no such file: " + missing, fails("plugin:install samples/no-such-plugin.jar"));

        assertEquals(artifacts, files("data/manager/artifacts"), "nothing was stored");
        assertEquals(Set.of(), files("data/manager/tmp"), "no copy of the archive is left behind");
    }

    @Test
    @Order(8)
    void anUpgradeRunsTheNewVersionAndItsMigrationAndARollbackReturnsTheOld() throws Exception {
        ok("plugin:install samples/dev.plinth.sample.versioned-1.jar --enable");
        assertEquals("versioned 1.0.0: hello", ok("versioned:show").out().strip());
        Path hookData = plinth.home().resolve("data/plugins/dev.plinth.sample.versioned");
        assertEquals("1.0.0", Files.readString(hookData.resolve("installed.txt")).strip());
        assertFalse(Files.exists(hookData.resolve("migrated.txt")), "nothing migrated yet");

        Plinth.Result upgrade = ok("plugin:upgrade dev.plinth.sample.versioned "
                + "samples/dev.plinth.sample.versioned-2.jar");
        assertEquals(List.of(
                "Upgrade dev.plinth.sample.versioned: done.",
                "  1. stop   dev.plinth.sample.versioned 1.0.0",
                "  2. update dev.plinth.sample.versioned 2.0.0  from 1.0.0",
                "  3. start  dev.plinth.sample.versioned 2.0.0",
                "Refresh: dev.plinth.sample.versioned 1.0.0"), upgrade.out().lines().toList(), upgrade.toString());
        assertEquals("versioned 2.0.0: HELLO, UPGRADED", ok("versioned:show").out().strip());
        assertEquals("1.0.0 -> 2.0.0", Files.readString(hookData.resolve("migrated.txt")).strip());
        assertEquals("1.0.0", Files.readString(hookData.resolve("installed.txt")).strip(),
                "the first install's mark stays");

        Plinth.Result rollback = ok("plugin:rollback dev.plinth.sample.versioned");
        assertEquals("Rollback dev.plinth.sample.versioned: done.", rollback.out().lines().findFirst().orElse(""),
                rollback.toString());
        assertEquals("versioned 1.0.0: hello", ok("versioned:show").out().strip());

        String shellUser = "shell:" + System.getProperty("user.name");
        Plinth.Result history = ok("plugin:history");
        Map<String, Integer> columns = header(history.out(), "#", "TIME", "VERB", "PLUGIN", "FROM", "TO", "OUTCOME",
                "WHO", "MESSAGE");
        List<List<String>> operations = history.out().lines().skip(1).map(PluginCommandsIT::cells).toList();
        assertTrue(operations.stream().anyMatch(row -> row.subList(columns.get("VERB"), columns.get("MESSAGE"))
                .equals(List.of("upgrade", VERSIONED, "1.0.0", "2.0.0", "succeeded", shellUser))), history.toString());
        assertTrue(operations.stream().anyMatch(row -> row.subList(columns.get("VERB"), columns.get("MESSAGE"))
                .equals(List.of("rollback", VERSIONED, "2.0.0", "1.0.0", "succeeded", shellUser))), history.toString());
        assertTrue(operations.stream().anyMatch(row -> row.get(columns.get("VERB")).equals("enable")
                && row.get(columns.get("PLUGIN")).equals(THROWING)
                && row.get(columns.get("OUTCOME")).equals("failed")
                && row.get(columns.get("MESSAGE")).contains("the sample activator fails on purpose")),
                history.toString());
    }

    @Test
    @Order(9)
    void pluginsComeBackAfterTheFrameworkCacheIsDeleted() throws Exception {
        Path marker = Files.writeString(plinth.home().resolve("data/cache/marker"), "x");

        Plinth.Result clean = plinth.run(null, "--clean", "exec", "plugin:list");
        assertEquals(0, clean.exit(), clean.toString());
        assertFalse(Files.exists(marker), "the cache was deleted");
        Map<String, List<String>> rows = rows(clean);
        assertEquals(Set.of(HELLO, THROWING, BLOCKING, VERSIONED), rows.keySet(), clean.toString());
        assertEquals(List.of("1.0.0", "enabled"), rows.get(HELLO).subList(0, 2), clean.toString());
        assertEquals(List.of("1.0.0", "failed"), rows.get(THROWING).subList(0, 2), clean.toString());
        assertEquals(List.of("1.0.0", "failed"), rows.get(BLOCKING).subList(0, 2), clean.toString());
        assertEquals(List.of("1.0.0", "enabled"), rows.get(VERSIONED).subList(0, 2),
                "the version after the rollback\n" + clean);

        assertEquals("Hello from Plinth!", ok("sample:hello").out().strip());
        assertEquals("versioned 1.0.0: hello", ok("versioned:show").out().strip(),
                "the version the store holds, not the last one installed");
    }

    /** {@code bin/plinth exec program}, which must succeed. */
    private static Plinth.Result ok(String program) throws IOException, InterruptedException {
        return plinth.exec(program);
    }

    /** {@code bin/plinth exec program}, which must fail with status 1; returns its {@code Error:} line. */
    private static String fails(String program) throws IOException, InterruptedException {
        Plinth.Result result = plinth.run(null, "exec", program);
        assertEquals(1, result.exit(), program + "\n" + result);
        List<String> errors = result.err().lines().filter(line -> line.startsWith("Error: ")).toList();
        assertEquals(1, errors.size(), "one Error: line on standard error\n" + result);
        assertFalse(result.out().contains("Error:"), "the error goes to standard error only\n" + result);
        return errors.get(0);
    }

    /**
     * Asserts that a simulated install stored no archive, left the store's records as {@code state} and its
     * {@code tmp/} empty, and installed neither greeter.en nor its library; returns {@code plugin:list --all}.
     */
    private static Plinth.Result assertNothingStoredAndNoGreeterEn(Set<String> artifacts, byte[] state)
            throws Exception {
        assertEquals(artifacts, files("data/manager/artifacts"), "no archive was stored");
        assertEquals(new String(state), Files.readString(plinth.home().resolve("data/manager/state.json")),
                "the store's records are untouched");
        assertEquals(Set.of(), files("data/manager/tmp"), "no copy of the archive is left behind");
        Plinth.Result all = ok("plugin:list --all");
        assertFalse(rows(all).containsKey(GREETER_EN), all.toString());
        assertFalse(rows(all).containsKey(GREETING), "nor its library\n" + all);
        return all;
    }

    /**
     * The rows of the plugin table in {@code result}'s standard output, by id: version, state, kind, name.
     * Columns are separated by two or more spaces; names have single spaces.
     */
    private static Map<String, List<String>> rows(Plinth.Result result) {
        List<String> lines = result.out().lines().toList();
        int header = 0;
        while (header < lines.size() && !cells(lines.get(header)).equals(
                List.of("ID", "VERSION", "STATE", "KIND", "NAME"))) {
            header++;
        }
        assertTrue(header < lines.size(), "a plugin table in\n" + result);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            List<String> cells = cells(line);
            if (cells.size() != 5) {
                break;
            }
            rows.put(cells.get(0), cells.subList(1, 5));
        }
        return rows;
    }

    /** Where each of {@code names} is in the header line of {@code table}, which must be exactly those. */
    private static Map<String, Integer> header(String table, String... names) {
        List<String> header = cells(table.lines().findFirst().orElse(""));
        assertEquals(List.of(names), header, table);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i], i);
        }
        return columns;
    }

    private static List<String> cells(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s{2,}"));
    }

    /** The names of the files in {@code folder} of the home; none when it does not exist. */
    private static Set<String> files(String folder) throws IOException {
        Path path = plinth.home().resolve(folder);
        if (!Files.isDirectory(path)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
