package dev.plinth.sample.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.plinth.api.PluginState;
import dev.plinth.testing.PlinthRuntime;
import dev.plinth.testing.PlinthTest;

/** The plugin on the runtime's real storage (H2), then upgraded to the next build, which migrates its notes. */
@PlinthTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotesPluginTest {

    @Test
    @Order(1)
    void writesAndReadsANote(PlinthRuntime plinth) {
        assertEquals(PluginState.ENABLED, plinth.plugin().state());
        assertEquals("No notes yet.", plinth.execute("notes:list"));
        assertEquals("Note 1 added.", plinth.execute("notes:add buy milk"));
        assertTrue(plinth.execute("notes:list").contains("buy milk"), plinth.execute("notes:list"));
    }

    @Test
    @Order(2)
    void anUpgradeRunsTheNextBuildsMigrations(PlinthRuntime plinth) {
        assertEquals("2.0.0", plinth.upgrade(plinth.bundle("dev.plinth.sample.storage", "2.0.0")).version());
        assertEquals(PluginState.ENABLED, plinth.plugin().state());
        // storage-2's Java migration V3 normalises titles: the note written by 1.0.0 comes back capitalised
        assertTrue(plinth.execute("notes:list").contains("Buy milk"), plinth.execute("notes:list"));
        String info = plinth.execute("plugin:storage dev.plinth.sample.storage");
        assertTrue(info.contains("Schema version:  3"), info);
        assertTrue(info.contains("Normalise titles"), info);
    }
}
