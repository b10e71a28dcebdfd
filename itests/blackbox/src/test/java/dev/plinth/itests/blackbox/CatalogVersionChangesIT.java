package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Version changes from a catalogue that need more than the plugin itself: a new version that needs another version of
 * its library, two plugins whose new versions need each other, and a new version that nothing can satisfy. One
 * {@code bin/plinth exec} per step on one home.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogVersionChangesIT {

    @TempDir
    static Path work;

    @RegisterExtension
    static final CatalogHome home = new CatalogHome();

    @BeforeAll
    static void unpackWithACatalogue() throws Exception {
        TestCatalog catalog = new TestCatalog(work.resolve("catalog"));
        catalog.bundle("t.lib", "1.0.0").exports("t.lib", "1.0.0");
        catalog.bundle("t.lib", "2.0.0").exports("t.lib", "2.0.0");
        catalog.bundle("t.app", "1.0.0").imports("t.lib", "1.0.0", "2.0.0");
        catalog.bundle("t.app", "1.1.0").imports("t.lib", "2.0.0", "3.0.0");
        catalog.bundle("t.pb", "1.0.0").exports("t.pb", "1.0.0");
        catalog.bundle("t.pb", "2.0.0").exports("t.pb", "2.0.0");
        catalog.bundle("t.pa", "1.0.0").imports("t.pb", "1.0.0", "2.0.0");
        catalog.bundle("t.pa", "2.0.0").imports("t.pb", "2.0.0", "3.0.0");
        catalog.bundle("t.stuck", "1.0.0");
        catalog.bundle("t.stuck", "1.1.0").imports("t.missing", "1.0.0", "2.0.0");
        home.reading(catalog);
        for (String plugin : List.of("t.app@1.0.0", "t.pb@1.0.0", "t.stuck@1.0.0", "t.pa@1.0.0")) {
            home.ok("plugin:install --enable " + plugin);
        }
        assertEquals(List.of("t.app 1.0.0 plugin", "t.lib 1.0.0 library", "t.pa 1.0.0 plugin", "t.pb 1.0.0 plugin",
                "t.stuck 1.0.0 plugin"), home.managed());
    }

    @Test
    @Order(1)
    void outdatedOffersWhatCanBeInstalledAndNothingElse() throws Exception {
        Plinth.Result outdated = home.ok("plugin:outdated");

        assertEquals(List.of("t.app", "1.0.0", "1.1.0", "no"), outdated.row("t.app").orElseThrow(),
                outdated.toString());
        assertEquals(List.of("t.pa", "1.0.0", "2.0.0", "no"), outdated.row("t.pa").orElseThrow());
        assertEquals(List.of("t.pb", "1.0.0", "2.0.0", "no"), outdated.row("t.pb").orElseThrow());
        assertTrue(outdated.row("t.stuck").isEmpty(), outdated.toString());
    }

    @Test
    @Order(2)
    void anUpdateThatNeedsAnotherVersionOfItsLibraryReplacesTheLibrary() throws Exception {
        Plinth.Result plan = home.ok("plugin:update --simulate t.app");
        assertTrue(plan.out().lines().anyMatch(line -> line.matches(
                "\\s*\\d+\\.\\s+update\\s+t\\.lib\\s+2\\.0\\.0\\s+from 1\\.0\\.0, needed by t\\.app")), plan.toString());
        assertEquals("1.0.0", home.version("t.app"));

        home.ok("plugin:update t.app");

        assertEquals(List.of("t.app 1.1.0 plugin", "t.lib 2.0.0 library", "t.pa 1.0.0 plugin", "t.pb 1.0.0 plugin",
                "t.stuck 1.0.0 plugin"), home.managed());
        assertEquals("enabled", home.ok("plugin:list").row("t.app").orElseThrow().get(2));
    }

    @Test
    @Order(3)
    void pluginsThatMustMoveTogetherAreUpdatedTogether() throws Exception {
        Plinth.Result single = home.ok("plugin:update --simulate t.pa");
        assertTrue(single.out().lines().anyMatch(line -> line.matches("\\s*\\d+\\.\\s+update\\s+t\\.pb\\s+2\\.0\\.0.*")),
                single.toString());

        Plinth.Result all = home.ok("plugin:update --all");

        assertTrue(all.out().startsWith("Update: all 2 done."), all.toString());
        assertEquals(List.of("t.app 1.1.0 plugin", "t.lib 2.0.0 library", "t.pa 2.0.0 plugin", "t.pb 2.0.0 plugin",
                "t.stuck 1.0.0 plugin"), home.managed());
        assertEquals("enabled", home.ok("plugin:list").row("t.pa").orElseThrow().get(2));
        assertEquals("Every plugin is up to date.", home.ok("plugin:outdated").out().strip());
    }

    @Test
    @Order(4)
    void applyMovesVersionsBackTogetherAndReplacesTheLibrary() throws Exception {
        Path set = work.resolve("old.json");
        Files.writeString(set, "{\"plugins\": ["
                + "{\"id\": \"t.app\", \"version\": \"1.0.0\"},"
                + "{\"id\": \"t.pa\", \"version\": \"1.0.0\"},"
                + "{\"id\": \"t.pb\", \"version\": \"1.0.0\"},"
                + "{\"id\": \"t.stuck\", \"version\": \"1.0.0\"}]}");

        Plinth.Result applied = home.ok("plugin:apply " + set);

        assertTrue(applied.out().startsWith("Apply " + set + ": done."), applied.toString());
        assertEquals(List.of("t.app 1.0.0 plugin", "t.lib 1.0.0 library", "t.pa 1.0.0 plugin", "t.pb 1.0.0 plugin",
                "t.stuck 1.0.0 plugin"), home.managed());
        assertEquals("enabled", home.ok("plugin:list").row("t.pa").orElseThrow().get(2));
    }

    @Test
    @Order(5)
    void aPartnerThatIsPinnedIsNamedWithItsPin() throws Exception {
        home.ok("plugin:pin t.pa");

        Plinth.Result refused = home.failed("plugin:update t.pb");

        assertTrue(refused.err().contains("t.pb 2.0.0 needs t.pa to change version with it, but t.pa is pinned at "
                + "1.0.0; plugin:unpin t.pa first"), refused.toString());
        home.ok("plugin:unpin t.pa");
        assertEquals("1.0.0", home.version("t.pb"));
    }

    @Test
    @Order(6)
    void aSetThatTheRealRunWouldRefuseHalfWayIsRefusedByItsDryRunAndWhole() throws Exception {
        Path set = work.resolve("without-pb.json");
        Files.writeString(set, "{\"plugins\": ["
                + "{\"id\": \"t.app\", \"version\": \"1.1.0\"},"
                + "{\"id\": \"t.pa\", \"version\": \"1.0.0\"},"
                + "{\"id\": \"t.stuck\", \"version\": \"1.0.0\"}]}");
        List<String> before = home.managed();

        Plinth.Result dryRun = home.failed("plugin:apply -s " + set);
        Plinth.Result real = home.failed("plugin:apply " + set);

        assertTrue(dryRun.err().contains("cannot remove t.pb: plugins the set keeps depend on it: t.pa"),
                dryRun.toString());
        assertTrue(real.err().contains("cannot remove t.pb: plugins the set keeps depend on it: t.pa"),
                real.toString());
        assertEquals(before, home.managed(), "nothing changed, the upgrade of t.app included");
    }
}
