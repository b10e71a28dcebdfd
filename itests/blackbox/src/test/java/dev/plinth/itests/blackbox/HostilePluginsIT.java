package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins that attack the manager through what it takes from them: a symbolic name that looks like a path (the
 * plugin's data directory is named after it, and deleted with it), and bundles installed behind its back.
 */
class HostilePluginsIT {

    private static final String RULE = "symbolic-name ::= token('.'token)*, token ::= (alphanum|'_'|'-')+";
    private static final String DROPPER = "dev.plinth.itests.dropper";
    private static final String PAYLOAD = InstallingActivator.PAYLOAD;

    @TempDir
    Path unpacked;

    @TempDir
    Path outside;

    private Plinth plinth;

    /** A home with {@code data/plugins/} made, as it is once any plugin kept data: {@code ../rest} resolves. */
    @BeforeEach
    void unpack() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
        Files.createDirectories(plinth.home().resolve("data/plugins/dev.plinth.sample.versioned"));
    }

    @Test
    void pathLikeSymbolicNamesAreRefusedAndNothingOutsideThePluginsDataIsDeleted() throws Exception {
        Path victim = Files.createDirectories(outside.resolve("victim"));
        Path victimFile = Files.writeString(victim.resolve("precious.txt"), "keep me");
        Path restFile = Files.writeString(Files.createDirectories(plinth.home().resolve("data/rest"))
                .resolve("precious.txt"), "keep me too");
        Path absolute = TestBundles.empty(outside.resolve("absolute.jar"), victim.toString(), "1.0.0");
        Path relative = TestBundles.empty(outside.resolve("relative.jar"), "../rest", "1.0.0");

        Plinth.Result run = batch("plugin:install " + absolute, "plugin:install " + relative,
                "plugin:remove " + victim, "plugin:remove ../rest");

        assertEquals(1, run.exit(), run.toString());
        List<String> errors = run.err().lines().filter(line -> line.startsWith("Error: ")).toList();
        assertEquals(4, errors.size(), run.toString());
        assertTrue(errors.get(0).contains("has an invalid Bundle-SymbolicName '" + victim + "'")
                && errors.get(0).contains(RULE), errors.get(0));
        assertTrue(errors.get(1).contains("has an invalid Bundle-SymbolicName '../rest'")
                && errors.get(1).contains(RULE), errors.get(1));
        assertTrue(errors.get(2).contains("no plugin " + victim + " is installed"), errors.get(2));
        assertTrue(errors.get(3).contains("no plugin ../rest is installed"), errors.get(3));
        assertTrue(Files.exists(victimFile), "nothing outside data/plugins is deleted");
        assertTrue(Files.exists(restFile), "data/rest is not deleted");
    }

    @Test
    void aPathLikeSymbolicNameDroppedInTheDeployDirectoryAndDeletedAgainDeletesNothing() throws Exception {
        Path victim = Files.createDirectories(outside.resolve("victim"));
        Path victimFile = Files.writeString(victim.resolve("precious.txt"), "keep me");
        Path deployed = plinth.home().resolve("deploy/absolute.jar");
        TestBundles.empty(deployed, victim.toString(), "1.0.0");
        Files.setLastModifiedTime(deployed, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        Plinth.Result status = plinth.run(null, "exec", "plugin:deploy-status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().lines().anyMatch(line -> line.startsWith("absolute.jar ") && line.contains(" failed ")
                && line.contains("invalid Bundle-SymbolicName")), "the jar is reported failed\n" + status);

        Files.delete(deployed);
        Plinth.Result list = plinth.run(null, "exec", "plugin:list --all");
        assertEquals(0, list.exit(), list.toString());
        assertTrue(Files.exists(victimFile), "nothing outside data/plugins is deleted");
    }

    @Test
    void aPathLikeIdInAStoreWrittenBeforeTheRuleIsRemovedWithoutDeletingOutsideThePluginsData() throws Exception {
        Path restFile = Files.writeString(Files.createDirectories(plinth.home().resolve("data/rest"))
                .resolve("precious.txt"), "keep me");
        Path jar = TestBundles.empty(outside.resolve("relative.jar"), "../rest", "1.0.0");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        Path store = Files.createDirectories(plinth.home().resolve("data/manager/artifacts")).getParent();
        Files.copy(jar, store.resolve("artifacts/" + sha256 + ".jar"));
        Files.writeString(store.resolve("state.json"), "{\"format\": 1, \"sequence\": 1, \"plugins\": [{\"id\": "
                + "\"../rest\", \"version\": \"1.0.0\", \"sha256\": \"" + sha256 + "\", \"source\": \"" + jar.toUri()
                + "\", \"kind\": \"plugin\", \"enabled\": false, \"installedAt\": \"2026-01-01T00:00:00Z\"}]}\n");

        Plinth.Result run = batch("plugin:list", "plugin:remove ../rest", "plugin:list --all");

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("../rest ")), "the old record is kept\n" + run);
        assertTrue(run.out().contains("Remove ../rest: done."), run.toString());
        assertEquals(Optional.empty(), kind(run, "../rest"), run.toString());
        assertTrue(Files.exists(restFile), "data/rest is not deleted");
    }

    @Test
    void aBundleAPluginInstallsBehindTheManagersBackIsListedWithItsInstallerAndRemovable() throws Exception {
        Path dropper = TestBundles.installingABundleOfItsOwn(outside.resolve("dropper.jar"));

        Plinth.Result installed = batch("plugin:install " + dropper + " --enable", "plugin:list --all",
                "plugin:list --all --json", "plugin:info " + PAYLOAD);
        assertEquals(0, installed.exit(), installed.toString());
        assertEquals(Optional.of("unmanaged"), kind(installed, PAYLOAD), installed.toString());
        assertTrue(payloadRow(installed).contains("(installed by " + DROPPER + ")"), installed.toString());
        assertTrue(installed.out().lines().anyMatch(line -> line.startsWith("Installed by:")
                && line.contains(DROPPER)), "plugin:info names the installer\n" + installed);
        assertTrue(Pattern.compile("\"installedBy\"\\s*:\\s*\"" + Pattern.quote(DROPPER) + "\"")
                .matcher(installed.out()).find(), "the JSON listing names the installer\n" + installed);

        Plinth.Result restarted = batch("plugin:list --all");
        assertTrue(payloadRow(restarted).contains("(installed by " + DROPPER + ")"),
                "the installer is remembered across a restart\n" + restarted);

        Plinth.Result removed = batch("plugin:remove " + DROPPER, "plugin:remove " + PAYLOAD, "plugin:list --all");
        assertEquals(0, removed.exit(), removed.toString());
        assertEquals(Optional.empty(), kind(removed, PAYLOAD), removed.toString());
        Plinth.Result after = batch("plugin:list --all");
        assertEquals(Optional.empty(), kind(after, PAYLOAD), "it stays removed\n" + after);
        assertEquals(Optional.empty(), kind(after, DROPPER), after.toString());
    }

    @Test
    void systemBundlesStayProtected() throws Exception {
        Plinth.Result run = batch("plugin:remove org.apache.felix.scr", "plugin:list --all");
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().contains("org.apache.felix.scr is a system bundle"), run.toString());
        assertEquals(Optional.of("system"), kind(run, "org.apache.felix.scr"), run.toString());
    }

    private Plinth.Result batch(String... commands) throws IOException, InterruptedException {
        return plinth.run(String.join("\n", commands) + "\n");
    }

    /** The line of the last {@code plugin:list} table that lists the payload; empty when none does. */
    private static String payloadRow(Plinth.Result result) {
        return result.out().lines().filter(line -> line.startsWith(PAYLOAD + " ")).reduce((a, b) -> b).orElse("");
    }

    /** The KIND column of {@code id}'s row in the last table of {@code result}. */
    private static Optional<String> kind(Plinth.Result result, String id) {
        List<String> lines = result.out().lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("ID ") && lines.get(i).contains(" KIND ")) {
                header = i;
            }
        }
        assertFalse(header < 0, "no plugin table in\n" + result);
        for (String line : lines.subList(header + 1, lines.size())) {
            String[] cells = line.strip().split("\\s{2,}");
            if (cells.length >= 4 && cells[0].equals(id)) {
                return Optional.of(cells[3]);
            }
        }
        return Optional.empty();
    }
}
