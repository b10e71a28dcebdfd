package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue from the console of the assembled runtime, one {@code bin/plinth exec "plugin:..."} per step on one
 * home: the shipped catalogue ({@code catalog/}) and a test catalogue set in {@code etc/dev.plinth.catalog.cfg.json}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogCommandsIT {

    private static final String APP = "org.example.app";
    private static final String LIB = "org.example.lib";
    private static final String FLAKY = "org.example.flaky";

    @TempDir
    static Path work;

    @RegisterExtension
    static final CatalogHome home = new CatalogHome();

    @BeforeAll
    static void unpackWithATestCatalogue() throws Exception {
        TestCatalog catalog = new TestCatalog(work.resolve("test-catalog"));
        catalog.bundle(LIB, "1.0.0").exports(LIB, "1.0.0");
        catalog.bundle(APP, "1.0.0").imports(LIB, "1.0.0", "2.0.0");
        catalog.bundle(APP, "1.1.0").imports(LIB, "1.0.0", "2.0.0");
        catalog.bundle(APP, "2.0.0").imports(LIB, "1.0.0", "2.0.0").needsRuntime("99.0.0");
        catalog.bundle("org.example.future", "1.0.0").needsRuntime("99.0.0");
        catalog.bundle("org.example.tampered", "1.0.0").wrongChecksum();
        catalog.bundle("org.example.badlib", "1.0.0").exports("org.example.badlib", "1.0.0").wrongChecksum();
        catalog.bundle("org.example.needsbadlib", "1.0.0").imports("org.example.badlib", "1.0.0", "2.0.0");
        catalog.bundle(FLAKY, "1.0.0");
        catalog.bundle(FLAKY, "2.0.0").activator(FailingStartActivator.class);
        catalog.write();
        home.reading(CatalogHome.SHIPPED, catalog.folder().toUri().toString());
    }

    @Test
    @Order(1)
    void availableListsTheNewestVersionThisRuntimeCanRun() throws Exception {
        Plinth.Result available = home.ok("plugin:available example.app");

        assertEquals(List.of(APP, "1.1.0", "-", "2.0.0, 1.1.0, 1.0.0", "Test bundle org.example.app 1.1.0"),
                available.row(APP).orElseThrow(), available.toString());
        assertTrue(available.row(LIB).isEmpty(), available.toString());

        Plinth.Result shipped = home.ok("plugin:available greet");
        assertTrue(shipped.row("dev.plinth.sample.greeter.fr").isPresent(), shipped.toString());
    }

    @Test
    @Order(2)
    void aSimulatedInstallByNameShowsTheLibrariesAndChangesNothing() throws Exception {
        Plinth.Result plan = home.ok("plugin:install --simulate " + APP + "@1.0.0");

        assertEquals(List.of(
                "Plan for install org.example.app (simulated, nothing changed):",
                "  1. add-library org.example.lib 1.0.0  needed by org.example.app",
                "  2. install     org.example.app 1.0.0",
                "  3. start       org.example.lib 1.0.0  library",
                "Refresh: none"), plan.out().lines().toList(), plan.toString());
        assertEquals(List.of(), home.managed(), "nothing installed");
    }

    @Test
    @Order(3)
    void installByNameTakesTheVersionAskedForAndItsLibrary() throws Exception {
        home.ok("plugin:install --enable " + APP + "@1.0.0");

        Plinth.Result list = home.ok("plugin:list --all");
        assertEquals(List.of(APP, "1.0.0", "enabled", "plugin"), list.row(APP).orElseThrow().subList(0, 4),
                list.toString());
        assertEquals(List.of(LIB, "1.0.0", "enabled", "library"), list.row(LIB).orElseThrow().subList(0, 4),
                list.toString());
    }

    @Test
    @Order(4)
    void anArchiveThatDoesNotMatchItsIndexInstallsNothing() throws Exception {
        List<String> before = home.managed();
        List<String> artifacts = artifacts();

        Plinth.Result tampered = home.failed("plugin:install org.example.tampered");
        assertTrue(tampered.err().contains("org.example.tampered 1.0.0 from ")
                && tampered.err().contains("does not match its index"), tampered.toString());

        Plinth.Result badLibrary = home.failed("plugin:install --enable org.example.needsbadlib");
        assertTrue(badLibrary.err().contains("org.example.badlib 1.0.0 from ")
                && badLibrary.err().contains("does not match its index"), badLibrary.toString());

        assertEquals(before, home.managed());
        assertEquals(artifacts, artifacts());
    }

    @Test
    @Order(5)
    void aPluginForAnotherRuntimeIsRefusedWithTheRangeItNeeds() throws Exception {
        Plinth.Result byName = home.failed("plugin:install org.example.future");
        assertTrue(byName.err().contains("org.example.future 1.0.0 needs Plinth runtime >= 99.0.0; this runtime is "
                + "0.1.0"), byName.toString());

        Path jar = work.resolve("test-catalog/org.example.future-1.0.0.jar");
        Plinth.Result fromFile = home.failed("plugin:install " + jar);
        assertTrue(fromFile.err().contains("org.example.future 1.0.0 needs Plinth runtime >=99.0.0; this runtime is "
                + "0.1.0"), fromFile.toString());
        assertFalse(home.managed().contains("org.example.future"));
    }

    @Test
    @Order(6)
    void outdatedShowsTheNewestCompatibleVersionAndPinsHoldAPluginBack() throws Exception {
        Plinth.Result outdated = home.ok("plugin:outdated");
        assertEquals(List.of(APP, "1.0.0", "1.1.0", "no"), outdated.row(APP).orElseThrow(), outdated.toString());

        home.ok("plugin:pin " + APP);
        assertEquals(List.of(APP, "1.0.0", "1.1.0", "yes"), home.ok("plugin:outdated").row(APP).orElseThrow());
        Plinth.Result all = home.ok("plugin:update --all");
        assertEquals("Nothing to update: every plugin not pinned is up to date.", all.out().strip(), all.toString());
        Plinth.Result refused = home.failed("plugin:update " + APP);
        assertTrue(refused.err().contains(APP + " is pinned at 1.0.0"), refused.toString());
        assertEquals("1.0.0", home.version(APP));

        home.ok("plugin:unpin " + APP);
        Plinth.Result updated = home.ok("plugin:update --all");
        assertTrue(updated.out().startsWith("Update: all 1 done."), updated.toString());
        assertEquals(List.of(APP, "1.1.0", "enabled", "plugin"),
                home.ok("plugin:list").row(APP).orElseThrow().subList(0, 4));
        assertEquals("Every plugin is up to date.", home.ok("plugin:outdated").out().strip());
    }

    @Test
    @Order(7)
    void anUpdateWhoseNewVersionFailsToStartIsRolledBack() throws Exception {
        home.ok("plugin:install --enable " + FLAKY + "@1.0.0");

        Plinth.Result update = home.failed("plugin:update " + FLAKY);

        assertTrue(update.err().contains("refuses to start") || update.err().contains("failed to start"),
                update.toString());
        assertEquals(List.of(FLAKY, "1.0.0", "enabled", "plugin"),
                home.ok("plugin:list").row(FLAKY).orElseThrow().subList(0, 4));
    }

    @Test
    @Order(8)
    void anExportedSetAppliedAgainRestoresThePluginsAndASecondApplyChangesNothing() throws Exception {
        Path set = work.resolve("plugins.json");
        home.ok("plugin:export " + set);
        String exported = Files.readString(set);
        assertTrue(exported.contains("\"id\": \"" + APP + "\"") && exported.contains("\"version\": \"1.1.0\""),
                exported);
        assertFalse(exported.contains(LIB), "libraries come with their plugins: " + exported);

        home.ok("plugin:remove " + APP + " " + FLAKY);
        home.ok("plugin:install " + APP + "@1.0.0");
        List<String> changed = home.managed();

        Plinth.Result plan = home.ok("plugin:apply --simulate " + set);
        assertEquals(List.of(
                "Plan for apply " + set + " (simulated, nothing changed):",
                "  1.  install  " + FLAKY + "  1.0.0",
                "  2.  upgrade  " + APP + "    1.0.0 -> 1.1.0",
                "  3.  enable   " + APP + "    1.1.0",
                "  4.  enable   " + FLAKY + "  1.0.0"), plan.out().lines().toList(), plan.toString());
        assertEquals(changed, home.managed());

        Plinth.Result applied = home.ok("plugin:apply " + set);
        assertTrue(applied.out().startsWith("Apply " + set + ": done."), applied.toString());
        assertEquals(List.of(APP, "1.1.0", "enabled", "plugin"),
                home.ok("plugin:list").row(APP).orElseThrow().subList(0, 4));
        assertEquals(List.of(FLAKY, "1.0.0", "enabled", "plugin"),
                home.ok("plugin:list").row(FLAKY).orElseThrow().subList(0, 4));

        Plinth.Result again = home.ok("plugin:apply " + set);
        assertEquals("Nothing to do: the plugins already match " + set + ".", again.out().strip(), again.toString());
        Path second = work.resolve("again.json");
        home.ok("plugin:export " + second);
        assertEquals(exported, Files.readString(second));
    }

    @Test
    @Order(9)
    void aBrokenPluginSetChangesNothing() throws Exception {
        List<String> before = home.managed();
        Path broken = work.resolve("broken.json");
        Files.writeString(broken, "{\"plugins\": [{\"id\": \"" + APP + "\", \"version\": \"one\"}]}");
        Plinth.Result bad = home.failed("plugin:apply " + broken);
        assertTrue(bad.err().contains("invalid plugin set: plugins[0] (" + APP + "): \"one\" is not a version"),
                bad.toString());

        Path unknown = work.resolve("unknown.json");
        Files.writeString(unknown, "{\"plugins\": [{\"id\": \"" + APP + "\", \"version\": \"1.1.0\"}, "
                + "{\"id\": \"org.example.nowhere\", \"version\": \"1.0.0\"}]}");
        Plinth.Result missing = home.failed("plugin:apply " + unknown);
        assertTrue(missing.err().contains("no catalogue offers org.example.nowhere"), missing.toString());
        assertEquals(before, home.managed());
    }

    @Test
    @Order(10)
    void aCommandThatACataloguePluginProvidesIsNamedWithHowToInstallIt() throws Exception {
        Plinth.Result result = home.run("french:greet Ada");

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("french:greet is not installed. The catalogue plugin "
                + "dev.plinth.sample.greeter.fr 1.0.0 provides it: plugin:install dev.plinth.sample.greeter.fr --enable"),
                result.toString());
        assertFalse(result.err().contains("Command not found"), "the hint is the whole answer:\n" + result);
    }

    private static List<String> artifacts() throws IOException {
        Path folder = home.path().resolve("data/manager/artifacts");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
