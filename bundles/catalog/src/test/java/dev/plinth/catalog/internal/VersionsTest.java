package dev.plinth.catalog.internal;

import static dev.plinth.catalog.internal.TestResources.needingRuntime;
import static dev.plinth.catalog.internal.TestResources.resource;
import static dev.plinth.catalog.internal.TestResources.runtime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

class VersionsTest {

    private static final String ONE_X = "(&(version>=1.0.0)(!(version>=2.0.0)))";
    private static final String TWO_X = "(&(version>=2.0.0)(!(version>=3.0.0)))";

    private final Selection selection = new Selection(List.of(resource("app", "1.0.0"),
            needingRuntime("app", "1.1.0", ONE_X), needingRuntime("app", "2.0.0", TWO_X), resource("other", "5.0.0")),
            runtime("1.4.0"));

    private static String pick(Selection selection, String wanted) throws PluginException {
        return Versions.pick(selection, "app", wanted, List.of()).label();
    }

    @Test
    void latestIsTheNewestVersionTheRuntimeCanRun() throws Exception {
        assertEquals("app 1.1.0", pick(selection, null));
        assertEquals("app 1.1.0", pick(selection, ""));
        assertEquals("app 1.1.0", pick(selection, "latest"));
        assertEquals("app 1.1.0", pick(selection, "LATEST"));
    }

    @Test
    void anExactVersionIsPicked() throws Exception {
        assertEquals("app 1.0.0", pick(selection, "1.0.0"));
        assertEquals("app 1.1.0", pick(selection, " 1.1.0 "));
    }

    @Test
    void aShortVersionEqualsItsLongForm() throws Exception {
        assertEquals("app 1.0.0", pick(selection, "1.0"));
        assertEquals("app 1.0.0", pick(selection, "1"));
    }

    @Test
    void anUnknownVersionIsNotFoundAndListsTheOfferedVersions() {
        PluginException e = assertThrows(PluginException.class, () -> pick(selection, "1.5.0"));

        assertEquals(Code.NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("app 1.5.0"), e.getMessage());
        assertTrue(e.getMessage().contains("offered: 2.0.0, 1.1.0, 1.0.0"), e.getMessage());
    }

    @Test
    void aPluginNoCatalogueOffersIsNotFoundWithTheCataloguesProblems() {
        PluginException e = assertThrows(PluginException.class,
                () -> Versions.pick(selection, "absent", null, List.of("catalogue x cannot be read: gone")));

        assertEquals(Code.NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("no catalogue offers absent"), e.getMessage());
        assertTrue(e.getMessage().contains("catalogue x cannot be read: gone"), e.getMessage());
    }

    @Test
    void aVersionForAnotherRuntimeIsIncompatibleAndNamesTheRange() {
        PluginException e = assertThrows(PluginException.class, () -> pick(selection, "2.0.0"));

        assertEquals(Code.INCOMPATIBLE, e.code());
        assertTrue(e.getMessage().contains("app 2.0.0 needs Plinth runtime [2.0.0,3.0.0)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("this runtime is 1.4.0"), e.getMessage());
    }

    @Test
    void latestIsIncompatibleWhenTheRuntimeRunsNoVersionAndNamesTheNewest() {
        Selection old = new Selection(List.of(needingRuntime("app", "1.1.0", ONE_X),
                needingRuntime("app", "2.0.0", TWO_X)), runtime("0.9.0"));

        PluginException e = assertThrows(PluginException.class, () -> pick(old, "latest"));

        assertEquals(Code.INCOMPATIBLE, e.code());
        assertTrue(e.getMessage().contains("app 2.0.0 needs Plinth runtime [2.0.0,3.0.0)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("this runtime is 0.9.0"), e.getMessage());
    }

    @Test
    void aMalformedVersionIsInvalidInput() {
        PluginException e = assertThrows(PluginException.class, () -> pick(selection, "1.x"));

        assertEquals(Code.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("\"1.x\" is not a version"), e.getMessage());
        assertTrue(e.getMessage().contains("2.0.0, 1.1.0, 1.0.0"), e.getMessage());
    }
}
