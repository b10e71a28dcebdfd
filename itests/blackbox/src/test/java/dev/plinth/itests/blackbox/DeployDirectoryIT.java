package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watched deploy directory of the assembled runtime, used as an operator would: jars are copied into
 * {@code deploy/}, replaced and deleted, mostly while Plinth is stopped, and every step looks through
 * {@code bin/plinth exec}. One home is shared by the ordered steps; every run is a full start and stop, so each
 * step also shows that the directory and its ledger ({@code data/deploy/deployed.json}) agree across restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployDirectoryIT {

    private static final String HELLO = "dev.plinth.sample.hello";
    private static final String VERSIONED = "dev.plinth.sample.versioned";
    private static final String GREETER_EN = "dev.plinth.sample.greeter.en";
    private static final String GREETER_FR = "dev.plinth.sample.greeter.fr";
    private static final String GREETING = "dev.plinth.sample.greeting";

    private static final String HELLO_JAR = "dev.plinth.sample.hello.jar";
    private static final String GREETER_EN_JAR = "dev.plinth.sample.greeter.en.jar";
    /** The versioned sample is deployed under a name without version, so that replacing the file upgrades. */
    private static final String VERSIONED_JAR = "versioned.jar";

    /** Names the directory must ignore although they hold a valid bundle (or are no jar). */
    private static final List<String> IGNORED = List.of("x.jar.part", ".hidden.jar", "y.jar.tmp",
            "z.jar.crdownload", "w.jar~", "greeter.zip");

    private static final Set<String> STATUSES = Set.of("deployed", "waiting", "failed", "detached");

    @TempDir
    static Path unpacked;

    private static Plinth plinth;
    /** A second home, for the step that runs Plinth in the background (see the last step). */
    private static Plinth background;
    private static Plinth.Running session;

    @BeforeAll
    static void unpack() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
    }

    @AfterAll
    static void stopWhatIsLeft() throws Exception {
        if (session != null) {
            session.kill();
        }
        if (background != null) {
            background.run(null, "stop");
        }
    }

    @Test
    @Order(1)
    void jarsCopiedInBeforeTheFirstStartAreInstalledAndEnabledAtThatStart() throws Exception {
        copySample("dev.plinth.sample.hello.jar", HELLO_JAR);
        copySample("dev.plinth.sample.versioned-1.jar", VERSIONED_JAR);

        Plinth.Result hello = ok("sample:hello");
        assertEquals("Hello from Plinth!", hello.out().strip(), "the very first run has the plugin\n" + hello);
        String ledger = Files.readString(plinth.home().resolve("data/deploy/deployed.json"));
        assertTrue(ledger.contains('"' + HELLO_JAR + '"') && ledger.contains('"' + VERSIONED_JAR + '"'), ledger);

        Plinth.Result status = ok("plugin:deploy-status");
        assertEquals("Deploy directory: " + deployDirectory(), status.out().lines().findFirst().orElse(""),
                status.toString());
        Map<String, List<String>> files = deployRows(status);
        assertEquals(Set.of(HELLO_JAR, VERSIONED_JAR), files.keySet(), status.toString());
        assertEquals(List.of("deployed", HELLO, "1.0.0"), files.get(HELLO_JAR).subList(0, 3), status.toString());
        assertEquals(List.of("deployed", VERSIONED, "1.0.0"), files.get(VERSIONED_JAR).subList(0, 3),
                status.toString());

        Plinth.Result list = ok("plugin:list");
        Map<String, List<String>> plugins = pluginRows(list);
        assertEquals(Set.of(HELLO, VERSIONED), plugins.keySet(), list.toString());
        assertEquals(List.of("1.0.0", "enabled", "plugin"), plugins.get(HELLO).subList(0, 3), list.toString());
        assertEquals(List.of("1.0.0", "enabled", "plugin"), plugins.get(VERSIONED).subList(0, 3), list.toString());

        Plinth.Result history = ok("plugin:history");
        for (String id : List.of(HELLO, VERSIONED)) {
            assertTrue(historyRows(history).stream().anyMatch(row -> row.get("VERB").equals("install")
                    && row.get("PLUGIN").equals(id) && row.get("TO").equals("1.0.0")
                    && row.get("OUTCOME").equals("succeeded") && row.get("WHO").equals("deploy")),
                    id + " was installed by the deploy directory\n" + history);
        }
    }

    @Test
    @Order(2)
    void changesMadeWhileStoppedAreAppliedAtTheNextStart() throws Exception {
        Files.delete(deploy(HELLO_JAR));
        copySample("dev.plinth.sample.versioned-2.jar", VERSIONED_JAR);
        copySample("dev.plinth.sample.greeter.en.jar", GREETER_EN_JAR);

        Plinth.Result list = ok("plugin:list --all");
        Map<String, List<String>> plugins = pluginRows(list);
        assertFalse(plugins.containsKey(HELLO), "the deleted jar's plugin is removed\n" + list);
        assertEquals(List.of("2.0.0", "enabled", "plugin"), plugins.get(VERSIONED).subList(0, 3),
                "the replaced jar upgraded its plugin\n" + list);
        assertEquals(List.of("1.0.0", "enabled", "plugin"), plugins.get(GREETER_EN).subList(0, 3),
                "the added jar is installed and enabled\n" + list);
        assertEquals(List.of("1.0.0", "enabled", "library"), plugins.get(GREETING).subList(0, 3),
                "with the library it needs\n" + list);

        assertEquals("versioned 2.0.0: HELLO, UPGRADED", ok("versioned:show").out().strip());
        assertEquals("Hello, world!", ok("english:greet").out().strip());

        Plinth.Result status = ok("plugin:deploy-status");
        Map<String, List<String>> files = deployRows(status);
        assertEquals(Set.of(VERSIONED_JAR, GREETER_EN_JAR), files.keySet(), status.toString());
        assertEquals(List.of("deployed", VERSIONED, "2.0.0"), files.get(VERSIONED_JAR).subList(0, 3),
                status.toString());
        assertEquals(List.of("deployed", GREETER_EN, "1.0.0"), files.get(GREETER_EN_JAR).subList(0, 3),
                status.toString());
        String ledger = Files.readString(plinth.home().resolve("data/deploy/deployed.json"));
        assertFalse(ledger.contains('"' + HELLO_JAR + '"'), "the ledger forgot the deleted file: " + ledger);
    }

    @Test
    @Order(3)
    void aPluginRemovedInTheShellStaysRemovedUntilItsJarChanges() throws Exception {
        Plinth.Result remove = ok("plugin:remove " + VERSIONED);
        assertEquals("Remove " + VERSIONED + ": done.", remove.out().lines().findFirst().orElse(""),
                remove.toString());
        assertTrue(Files.exists(deploy(VERSIONED_JAR)), "its jar stays in deploy/");

        Plinth.Result list = ok("plugin:list");
        assertFalse(pluginRows(list).containsKey(VERSIONED), "the next start does not bring it back\n" + list);
        assertEquals("enabled", pluginRows(list).get(GREETER_EN).get(1), list.toString());

        Plinth.Result status = ok("plugin:deploy-status");
        List<String> row = deployRows(status).get(VERSIONED_JAR);
        assertEquals(List.of("detached", VERSIONED, "2.0.0"), row.subList(0, 3), status.toString());
        assertTrue(row.get(4).contains("removed with another tool"), status.toString());
        assertFalse(pluginRows(ok("plugin:list")).containsKey(VERSIONED), "nor the start after that");

        copySample("dev.plinth.sample.versioned-1.jar", VERSIONED_JAR);
        Plinth.Result redeployed = ok("plugin:deploy-status");
        assertEquals(List.of("deployed", VERSIONED, "1.0.0"), deployRows(redeployed).get(VERSIONED_JAR).subList(0, 3),
                "a jar with other content deploys again\n" + redeployed);
        assertEquals("versioned 1.0.0: hello", ok("versioned:show").out().strip());
    }

    /**
     * A text file named {@code *.jar} is not a complete zip: the directory waits {@code incomplete.ms} (2000 ms by
     * default) for it to be completed before reporting it failed, and a start begins that wait anew. An exec run
     * is over long before that, so this step uses a runtime reading commands from a pipe and asks again until
     * the bound has passed.
     */
    @Test
    @Order(4)
    void aFileThatIsNoJarIsReportedAndTemporaryNamesAreIgnored() throws Exception {
        Files.writeString(deploy("bad.jar"), "some notes, not a zip\n");
        for (String name : IGNORED) {
            copySample("dev.plinth.sample.greeter.fr.jar", name);
        }

        session = plinth.start();
        session.awaitReady();
        Shell shell = new Shell(session);
        String status = shell.run("plugin:deploy-status");
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (!rows(status).get("bad.jar").get(0).equals("failed")) {
            assertEquals("waiting", rows(status).get("bad.jar").get(0), "until the bound it waits\n" + status);
            assertTrue(System.nanoTime() - deadline < 0, "bad.jar is reported failed\n" + status);
            Thread.sleep(100); // paces the polling; what is waited for is the status shown
            status = shell.run("plugin:deploy-status");
        }
        List<String> bad = rows(status).get("bad.jar");
        assertEquals(List.of("failed", "-", "-"), bad.subList(0, 3), status);
        assertTrue(bad.get(4).startsWith("bad.jar is not a complete jar (zip) archive"), status);
        assertEquals(Set.of("bad.jar", VERSIONED_JAR, GREETER_EN_JAR), rows(status).keySet(),
                "temporary, hidden and non-jar names are not even listed\n" + status);

        Map<String, Object> json = jsonStatus(shell.run("plugin:deploy-status --json"));
        Map<String, Object> badJson = jsonFiles(json).get("bad.jar");
        assertEquals("failed", badJson.get("status"), json.toString());
        assertEquals("INVALID_ARCHIVE", badJson.get("code"), json.toString());
        assertNull(badJson.get("id"), json.toString());

        String list = shell.run("plugin:list");
        assertEquals(Set.of(VERSIONED, GREETER_EN), tableRows(list, "ID", "VERSION", "STATE", "KIND", "NAME")
                .keySet(), "nothing was installed from them, and the other plugins are as they were\n" + list);
        assertEquals("versioned 1.0.0: hello", shell.run("versioned:show").strip());

        // The download is complete: renamed to a .jar, it is deployed while Plinth runs.
        Files.move(deploy("x.jar.part"), deploy("x.jar"), StandardCopyOption.ATOMIC_MOVE);
        status = shell.run("plugin:deploy-status");
        while (!rows(status).containsKey("x.jar") || rows(status).get("x.jar").get(0).equals("waiting")) {
            assertTrue(System.nanoTime() - deadline < 0, "x.jar is deployed\n" + status);
            Thread.sleep(100);
            status = shell.run("plugin:deploy-status");
        }
        assertEquals(List.of("deployed", GREETER_FR, "1.0.0"), rows(status).get("x.jar").subList(0, 3), status);

        session.closeInput();
        Plinth.Result ended = session.await(Plinth.BOUND);
        session = null;
        assertEquals(0, ended.exit(), ended.toString());

        Plinth.Result after = ok("plugin:list");
        assertEquals(Set.of(VERSIONED, GREETER_EN, GREETER_FR), pluginRows(after).keySet(),
                "after a restart too\n" + after);
        assertEquals("enabled", pluginRows(after).get(GREETER_FR).get(1), after.toString());
    }

    @Test
    @Order(5)
    void theStatusAsJsonHasEveryFileWithItsFields() throws Exception {
        Instant beforeThisStart = Instant.now();
        Plinth.Result result = ok("plugin:deploy-status --json");
        Map<String, Object> json = jsonStatus(result.out());
        assertEquals(deployDirectory(), json.get("directory"), result.toString());
        Map<String, Map<String, Object>> files = jsonFiles(json);
        assertEquals(List.of("bad.jar", GREETER_EN_JAR, VERSIONED_JAR, "x.jar"), new ArrayList<>(files.keySet()),
                "sorted by name\n" + result);
        for (Map<String, Object> file : files.values()) {
            assertEquals(Set.of("file", "status", "id", "version", "code", "message", "since"), file.keySet(),
                    result.toString());
            assertTrue(STATUSES.contains(file.get("status")), result.toString());
            Instant.parse((String) file.get("since"));
        }
        assertEquals(Map.of("status", "deployed", "id", VERSIONED, "version", "1.0.0"),
                subMap(files.get(VERSIONED_JAR), "status", "id", "version"), result.toString());
        assertEquals(Map.of("status", "deployed", "id", GREETER_FR, "version", "1.0.0"),
                subMap(files.get("x.jar"), "status", "id", "version"), result.toString());
        assertNull(files.get("x.jar").get("code"), result.toString());
        assertEquals("failed", files.get("bad.jar").get("status"),
                "unchanged for longer than incomplete.ms, it fails at once at start\n" + result);
        assertTrue(Instant.parse((String) files.get(VERSIONED_JAR).get("since")).isBefore(beforeThisStart),
                "since is when the file was deployed, not when this run started\n" + result);
    }

    /**
     * Configuration files are applied while Plinth runs, also when written in pieces. The effect is seen from
     * outside through the deploy directory itself: the configuration moves it, and only once the whole file is
     * applied does a jar in the new directory get deployed. A home of its own, because moving the directory
     * removes what the old one deployed.
     */
    @Test
    @Order(6)
    void aConfigurationFileWrittenInPiecesWhileRunningEndsAppliedCompletely() throws Exception {
        Path directory = Files.createDirectories(unpacked.resolve("background"));
        background = new Plinth(Distribution.unpack(directory));
        Path home = background.home();
        Path live = Files.createDirectories(home.resolve("deploy-live")).toAbsolutePath();

        Plinth.Result start = background.run(null, "start");
        assertEquals(0, start.exit(), start.toString());

        byte[] text = ("# where the jars are dropped\ndirectory = " + live + "\n").getBytes(StandardCharsets.UTF_8);
        int half = text.length - 4; // the first part names deploy-l, another directory
        try (OutputStream out = Files.newOutputStream(home.resolve("etc/dev.plinth.deploy.cfg"))) {
            out.write(text, 0, half);
            out.flush();
            Thread.sleep(500); // the writer's pause, longer than the configuration watcher's settle time
            out.write(text, half, text.length - half);
        }
        Files.copy(home.resolve("samples/" + HELLO_JAR), live.resolve(HELLO_JAR));

        Path ledger = home.resolve("data/deploy/deployed.json");
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (!(Files.exists(ledger) && Files.readString(ledger).contains('"' + HELLO_JAR + '"'))) {
            assertTrue(System.nanoTime() - deadline < 0, "the running Plinth deploys from " + live + "\n"
                    + Files.readString(home.resolve("data/log/plinth.log")));
            Thread.sleep(50);
        }
        Plinth.Result stop = background.run(null, "stop");
        assertEquals(0, stop.exit(), stop.toString());

        Plinth.Result status = background.run(null, "exec", "plugin:deploy-status");
        assertEquals(0, status.exit(), status.toString());
        assertEquals("Deploy directory: " + live, status.out().lines().findFirst().orElse(""), status.toString());
        assertEquals(List.of("deployed", HELLO, "1.0.0"), deployRows(status).get(HELLO_JAR).subList(0, 3),
                status.toString());
        Plinth.Result history = background.run(null, "exec", "plugin:history");
        assertEquals(1, historyRows(history).stream().filter(row -> row.get("PLUGIN").equals(HELLO)).count(),
                "installed once, by the running Plinth\n" + history);
    }

    // --- helpers

    private static Path deploy(String name) {
        return plinth.home().resolve("deploy").resolve(name);
    }

    private static String deployDirectory() {
        return plinth.home().resolve("deploy").toAbsolutePath().normalize().toString();
    }

    /** Copies {@code samples/sample} to {@code deploy/name} while Plinth is stopped, replacing what is there. */
    private static void copySample(String sample, String name) throws IOException {
        Files.copy(plinth.home().resolve("samples").resolve(sample), deploy(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code bin/plinth exec program}, which must succeed. */
    private static Plinth.Result ok(String program) throws IOException, InterruptedException {
        return plinth.exec(program);
    }

    /** The rows of {@code plugin:deploy-status} by file: status, plugin, version, since, message. */
    private static Map<String, List<String>> deployRows(Plinth.Result result) {
        return rows(result.out());
    }

    private static Map<String, List<String>> rows(String deployStatus) {
        return tableRows(deployStatus, "FILE", "STATUS", "PLUGIN", "VERSION", "SINCE", "MESSAGE");
    }

    /** The rows of {@code plugin:list} by id: version, state, kind, name. */
    private static Map<String, List<String>> pluginRows(Plinth.Result result) {
        return tableRows(result.out(), "ID", "VERSION", "STATE", "KIND", "NAME");
    }

    /** The rows of {@code plugin:history}, each by column name. */
    private static List<Map<String, String>> historyRows(Plinth.Result result) {
        List<String> names = List.of("#", "TIME", "VERB", "PLUGIN", "FROM", "TO", "OUTCOME", "WHO", "MESSAGE");
        List<String> lines = result.out().lines().toList();
        assertEquals(names, cells(lines.isEmpty() ? "" : lines.get(0)), result.toString());
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                row.put(names.get(i), i < cells.size() ? cells.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The table with the header {@code columns} in {@code text}, by first cell; the other cells follow, an empty
     * last column read as an empty string. Columns are separated by two or more spaces.
     */
    private static Map<String, List<String>> tableRows(String text, String... columns) {
        List<String> lines = text.lines().toList();
        int header = 0;
        while (header < lines.size() && !cells(lines.get(header)).equals(List.of(columns))) {
            header++;
        }
        assertTrue(header < lines.size(), "a table " + List.of(columns) + " in\n" + text);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            List<String> cells = new ArrayList<>(cells(line));
            if (cells.size() == columns.length - 1) {
                cells.add("");
            }
            if (cells.size() != columns.length) {
                break;
            }
            rows.put(cells.get(0), cells.subList(1, cells.size()));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s{2,}"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonStatus(String text) {
        Object parsed = Json.parse(text);
        assertTrue(parsed instanceof Map, text);
        Map<String, Object> json = (Map<String, Object>) parsed;
        assertEquals(Set.of("directory", "files"), json.keySet(), text);
        assertTrue(json.get("files") instanceof List, text);
        return json;
    }

    /** The files of a parsed {@code --json} status, by name, in their order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> jsonFiles(Map<String, Object> json) {
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        for (Object file : (List<Object>) json.get("files")) {
            Map<String, Object> fields = (Map<String, Object>) file;
            assertNotNull(fields.get("file"), json.toString());
            files.put((String) fields.get("file"), fields);
        }
        return files;
    }

    private static Map<String, Object> subMap(Map<String, Object> map, String... keys) {
        Map<String, Object> sub = new LinkedHashMap<>();
        for (String key : keys) {
            sub.put(key, map.get(key));
        }
        return sub;
    }

    /** A Plinth reading commands from a pipe: runs one command at a time and returns its standard output. */
    private static final class Shell {

        private final Plinth.Running running;
        private int commands;

        Shell(Plinth.Running running) {
            this.running = running;
        }

        String run(String command) throws IOException, InterruptedException {
            String marker = "end-of-command-" + ++commands;
            int from = running.out().length();
            running.write(command + "\necho " + marker + "\n");
            running.awaitOutput(Pattern.compile("(?m)^" + marker + "$"), Plinth.BOUND);
            String out = running.out();
            return out.substring(from, out.indexOf(marker, from));
        }
    }

    /** Just enough JSON to check that the output is JSON: objects (in order), arrays, strings, literals, numbers. */
    private static final class Json {

        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) {
                throw json.error("trailing text");
            }
            return value;
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                space();
                if (!take('}')) {
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        if (object.put(key, value()) != null) {
                            throw error("no duplicate key " + key);
                        }
                        space();
                    } while (take(','));
                    expect('}');
                }
                return object;
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                space();
                if (!take(']')) {
                    do {
                        array.add(value());
                        space();
                    } while (take(','));
                    expect(']');
                }
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : List.of("true", "false", "null")) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            var number = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?").matcher(text).region(at,
                    text.length());
            if (!number.lookingAt()) {
                throw error("a value");
            }
            at = number.end();
            return Double.valueOf(number.group());
        }

        private String string() {
            expect('"');
            StringBuilder string = new StringBuilder();
            while (at < text.length() && text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c < 0x20) {
                    throw error("no control character in a string");
                }
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> string.append('\n');
                        case 't' -> string.append('\t');
                        case 'r' -> string.append('\r');
                        case 'b' -> string.append('\b');
                        case 'f' -> string.append('\f');
                        case 'u' -> {
                            string.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        case '"', '\\', '/' -> string.append(escaped);
                        default -> throw error("a valid escape");
                    }
                } else {
                    string.append(c);
                }
            }
            expect('"');
            return string.toString();
        }

        private void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!take(c)) {
                throw error("'" + c + "'");
            }
        }

        private AssertionError error(String expected) {
            return new AssertionError("not JSON: expected " + expected + " at " + at + " in\n" + text);
        }
    }
}
