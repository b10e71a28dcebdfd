package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginKind;

/** What a state's archives are: the same, whatever else of its records changed. */
class StoreStateTest {

    private static StoredPlugin record(String id, String sha256, String previousSha256, boolean enabled) {
        return new StoredPlugin(id, "1.0.0", sha256, null, PluginKind.PLUGIN, enabled, null,
                previousSha256 == null ? null : "0.9.0", previousSha256, Instant.EPOCH);
    }

    @Test
    void theSameArchivesWhateverElseChanged() {
        StoreState state = new StoreState(1, Map.of("a", record("a", "1", null, true), "b", record("b", "2", "0", true)));

        assertTrue(state.sameArchivesAs(state));
        assertTrue(state.sameArchivesAs(state.with(record("a", "1", null, false))));
        assertTrue(state.sameArchivesAs(new StoreState(2, Map.of("a", record("a", "1", null, true), "b",
                record("b", "2", "0", false)))));
    }

    @Test
    void anotherArchiveOrAnotherRecordIsNotTheSame() {
        StoreState state = new StoreState(1, Map.of("a", record("a", "1", null, true), "b", record("b", "2", "0", true)));

        assertFalse(state.sameArchivesAs(state.with(record("a", "3", "1", true))));
        assertFalse(state.sameArchivesAs(state.with(record("b", "2", null, true))));
        assertFalse(state.sameArchivesAs(state.with(record("c", "1", null, true))));
        assertFalse(state.sameArchivesAs(state.without("b")));
        assertFalse(state.sameArchivesAs(new StoreState(1, Map.of("a", record("a", "1", null, true), "c",
                record("c", "2", "0", true)))));
    }
}
