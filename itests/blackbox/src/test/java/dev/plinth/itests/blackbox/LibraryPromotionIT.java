package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.common.testing.BundleJar;

/**
 * A library becomes a plugin when the operator installs it: by catalogue id, from a file of another version, or by
 * dropping its jar into {@code deploy/}. Each test has libraries of its own on one shared home.
 */
class LibraryPromotionIT {

    @TempDir
    static Path work;

    @RegisterExtension
    static final CatalogHome home = new CatalogHome();
    private static TestCatalog catalog;

    @BeforeAll
    static void unpackWithATestCatalogue() throws Exception {
        catalog = new TestCatalog(work.resolve("catalog"));
        for (String name : List.of("byid", "byfile", "bydeploy")) {
            catalog.bundle(lib(name), "1.0.0").exports(lib(name), "1.0.0");
            catalog.bundle(app(name), "1.0.0").imports(lib(name), "1.0.0", "2.0.0");
        }
        home.reading(catalog);
    }

    @Test
    void installingALibraryByCatalogueIdMakesItAPluginThatItsDependentsStillHold() throws Exception {
        String lib = lib("byid");
        home.ok("plugin:install --enable " + app("byid"));
        assertEquals(List.of("1.0.0", "enabled", "library"), row(home.ok("plugin:list --all"), lib).subList(1, 4));

        Plinth.Result plan = home.ok("plugin:install --simulate " + lib);
        assertTrue(plan.out().lines().anyMatch(l -> l.matches("\\s+1\\.\\s+promote\\s+" + lib + "\\s+1\\.0\\.0.*")),
                plan.toString());
        assertEquals(List.of("1.0.0", "enabled", "library"), row(home.ok("plugin:list --all"), lib).subList(1, 4),
                "a dry run changes nothing");
        Plinth.Result installed = home.ok("plugin:install " + lib);

        assertEquals(List.of("1.0.0", "enabled", "plugin"), row(home.ok("plugin:list"), lib).subList(1, 4),
                installed.toString());
        Plinth.Result history = home.ok("plugin:history");
        assertTrue(history.out().lines().anyMatch(l -> l.matches(".*\\binstall\\s+" + lib + "\\s+1\\.0\\.0\\s+1\\.0\\.0"
                + "\\s+succeeded\\s+shell:\\S+\\s+promote\\b.*")), history.toString());
        Plinth.Result refused = home.run("plugin:remove " + lib);
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("cannot remove " + lib + ": plugins depend on it: " + app("byid")),
                refused.toString());
        Plinth.Result again = home.run("plugin:install " + lib);
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.err().contains("plugin " + lib + " 1.0.0 is already installed; plugin:update " + lib),
                again.toString());
    }

    @Test
    void installingAnotherVersionOfALibraryFromAFileUpgradesItIntoAPlugin() throws Exception {
        String lib = lib("byfile");
        home.ok("plugin:install --enable " + app("byfile"));
        Path file = BundleJar.bundle(lib, "1.5.0").exports(lib + ";version=1.5.0")
                .writeTo(work.resolve("byfile-1.5.0.jar"));

        Plinth.Result installed = home.ok("plugin:install " + file);

        assertTrue(installed.out().contains("promote"), installed.toString());
        assertEquals(List.of("1.5.0", "enabled", "plugin"), row(home.ok("plugin:list"), lib).subList(1, 4),
                installed.toString());
        assertEquals(List.of("1.0.0", "enabled", "plugin"), row(home.ok("plugin:list"), app("byfile")).subList(1, 4));
        Plinth.Result history = home.ok("plugin:history");
        assertTrue(history.out().lines().anyMatch(l -> l.matches(".*\\binstall\\s+" + lib + "\\s+1\\.0\\.0\\s+1\\.5\\.0"
                + "\\s+succeeded.*")), history.toString());
    }

    @Test
    void aLibrarysJarDroppedIntoTheDeployDirectoryMakesItAPluginThatTheDirectoryThenOwns() throws Exception {
        String lib = lib("bydeploy");
        home.ok("plugin:install --enable " + app("bydeploy"));
        Path jar = home.path().resolve("deploy/bydeploy.jar");
        Files.copy(catalog.folder().resolve(lib + "-1.0.0.jar"), jar);

        Plinth.Result list = home.ok("plugin:list");
        assertEquals(List.of("1.0.0", "enabled", "plugin"), row(list, lib).subList(1, 4), list.toString());
        Plinth.Result status = home.ok("plugin:deploy-status");
        assertEquals(List.of("bydeploy.jar", "deployed", lib, "1.0.0"), row(status, "bydeploy.jar").subList(0, 4),
                status.toString());

        home.ok("plugin:remove " + app("bydeploy"));
        Files.delete(jar);
        Plinth.Result after = home.ok("plugin:list --all");
        assertTrue(after.row(lib).isEmpty(), "deleting the jar removed the promoted plugin\n" + after);
    }

    private static String lib(String name) {
        return "org.example." + name + ".lib";
    }

    private static String app(String name) {
        return "org.example." + name + ".app";
    }

    private static List<String> row(Plinth.Result result, String first) {
        return result.row(first).orElseThrow(() -> new AssertionError("no row " + first + "\n" + result));
    }
}
