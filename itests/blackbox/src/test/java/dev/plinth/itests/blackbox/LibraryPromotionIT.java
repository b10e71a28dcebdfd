package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.common.testing.BundleJar;

/**
 * A library becomes a plugin when the operator installs it: by catalogue id, from a file of another version, or by
 * dropping its jar into {@code deploy/}. Each test has libraries of its own on one shared home.
 */
class LibraryPromotionIT {

    @TempDir
    static Path unpacked;

    @TempDir
    static Path work;

    private static Plinth plinth;
    private static TestCatalog catalog;

    @BeforeAll
    static void unpackWithATestCatalogue() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
        catalog = new TestCatalog(work.resolve("catalog"));
        for (String name : List.of("byid", "byfile", "bydeploy")) {
            catalog.bundle(lib(name), "1.0.0").exports(lib(name), "1.0.0");
            catalog.bundle(app(name), "1.0.0").imports(lib(name), "1.0.0", "2.0.0");
        }
        catalog.write();
        Files.writeString(plinth.home().resolve("etc/dev.plinth.catalog.cfg.json"),
                "{\"catalogs\": [\"" + catalog.folder().toUri() + "\"]}\n");
    }

    @Test
    void installingALibraryByCatalogueIdMakesItAPluginThatItsDependentsStillHold() throws Exception {
        String lib = lib("byid");
        ok("plugin:install --enable " + app("byid"));
        assertEquals(List.of("1.0.0", "enabled", "library"), row(ok("plugin:list --all"), lib).subList(1, 4));

        Plinth.Result plan = ok("plugin:install --simulate " + lib);
        assertTrue(plan.out().lines().anyMatch(l -> l.matches("\\s+1\\.\\s+promote\\s+" + lib + "\\s+1\\.0\\.0.*")),
                plan.toString());
        assertEquals(List.of("1.0.0", "enabled", "library"), row(ok("plugin:list --all"), lib).subList(1, 4),
                "a dry run changes nothing");
        Plinth.Result installed = ok("plugin:install " + lib);

        assertEquals(List.of("1.0.0", "enabled", "plugin"), row(ok("plugin:list"), lib).subList(1, 4),
                installed.toString());
        Plinth.Result history = ok("plugin:history");
        assertTrue(history.out().lines().anyMatch(l -> l.matches(".*\\binstall\\s+" + lib + "\\s+1\\.0\\.0\\s+1\\.0\\.0"
                + "\\s+succeeded\\s+shell\\s+promote\\b.*")), history.toString());
        Plinth.Result refused = plinth.run(null, "exec", "plugin:remove " + lib);
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("cannot remove " + lib + ": plugins depend on it: " + app("byid")),
                refused.toString());
        Plinth.Result again = plinth.run(null, "exec", "plugin:install " + lib);
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.err().contains("plugin " + lib + " 1.0.0 is already installed; plugin:update " + lib),
                again.toString());
    }

    @Test
    void installingAnotherVersionOfALibraryFromAFileUpgradesItIntoAPlugin() throws Exception {
        String lib = lib("byfile");
        ok("plugin:install --enable " + app("byfile"));
        Path file = BundleJar.bundle(lib, "1.5.0").exports(lib + ";version=1.5.0")
                .writeTo(work.resolve("byfile-1.5.0.jar"));

        Plinth.Result installed = ok("plugin:install " + file);

        assertTrue(installed.out().contains("promote"), installed.toString());
        assertEquals(List.of("1.5.0", "enabled", "plugin"), row(ok("plugin:list"), lib).subList(1, 4),
                installed.toString());
        assertEquals(List.of("1.0.0", "enabled", "plugin"), row(ok("plugin:list"), app("byfile")).subList(1, 4));
        Plinth.Result history = ok("plugin:history");
        assertTrue(history.out().lines().anyMatch(l -> l.matches(".*\\binstall\\s+" + lib + "\\s+1\\.0\\.0\\s+1\\.5\\.0"
                + "\\s+succeeded.*")), history.toString());
    }

    @Test
    void aLibrarysJarDroppedIntoTheDeployDirectoryMakesItAPluginThatTheDirectoryThenOwns() throws Exception {
        String lib = lib("bydeploy");
        ok("plugin:install --enable " + app("bydeploy"));
        Path jar = plinth.home().resolve("deploy/bydeploy.jar");
        Files.copy(catalog.folder().resolve(lib + "-1.0.0.jar"), jar);

        Plinth.Result list = ok("plugin:list");
        assertEquals(List.of("1.0.0", "enabled", "plugin"), row(list, lib).subList(1, 4), list.toString());
        Plinth.Result status = ok("plugin:deploy-status");
        assertEquals(List.of("bydeploy.jar", "deployed", lib, "1.0.0"), row(status, "bydeploy.jar").subList(0, 4),
                status.toString());

        ok("plugin:remove " + app("bydeploy"));
        Files.delete(jar);
        Plinth.Result after = ok("plugin:list --all");
        assertTrue(optionalRow(after, lib).isEmpty(), "deleting the jar removed the promoted plugin\n" + after);
    }

    private static String lib(String name) {
        return "org.example." + name + ".lib";
    }

    private static String app(String name) {
        return "org.example." + name + ".app";
    }

    private static Plinth.Result ok(String program) throws IOException, InterruptedException {
        return plinth.exec(program);
    }

    private static List<String> row(Plinth.Result result, String first) {
        return optionalRow(result, first).orElseThrow(() -> new AssertionError("no row " + first + "\n" + result));
    }

    /** The cells of the table row that starts with {@code first}. */
    private static Optional<List<String>> optionalRow(Plinth.Result result, String first) {
        return result.out().lines().map(String::strip).filter(line -> line.startsWith(first + " "))
                .map(line -> List.of(line.split("\\s{2,}"))).findFirst();
    }
}
