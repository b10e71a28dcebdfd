package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;


import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the store's files as the manager reads them at start: {@code state.json}, {@code state.previous.json},
 * the journal {@code intent.json}, {@code history.jsonl} and the changes file {@code state.changes.jsonl}. The
 * input holds the five files' contents separated by NUL bytes (missing ones are not written). What must hold, as
 * the start relies on it: when {@code stateUnreadable()} says the state is readable, {@code load()} returns it, with
 * the changes that follow it; the previous state is read or empty; a journal is read or, torn, deleted; history
 * lines are read or skipped; the records read are complete; a commit after the reading that a changes file could
 * hold is read back as committed; nothing else is written. Seeds: {@code StoreFuzzTestInputs/startup}.
 */
class StoreFuzzTest {

    private static final Path FOLDER = FuzzChecks.folder("store");
    private static final String[] FILES = {"state.json", "state.previous.json", "intent.json", "history.jsonl",
        StateChanges.NAME};
    private static final StoreCodec CODEC = new StoreCodec();

    @FuzzTest(maxDuration = "3m")
    void startup(byte[] bytes) throws Exception {
        FuzzChecks.clear(FOLDER, false);
        List<byte[]> contents = split(bytes);
        Set<String> written = new TreeSet<>();
        for (int i = 0; i < FILES.length && i < contents.size(); i++) {
            Files.write(FOLDER.resolve(FILES[i]), contents.get(i));
            written.add(FILES[i]);
        }
        Store store = new Store(FOLDER, CODEC, 100);
        try {
            FuzzChecks.timed("reading the store at start", () -> {
                start(store);
                return null;
            });
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading the store", e);
        }
        Set<String> left = FuzzChecks.listing(FOLDER);
        written.remove("intent.json");
        left.remove("intent.json");
        assertEquals(written, left, "reading the store changes no file but a torn journal");
        Store reading = new Store(FOLDER, CODEC, 100);
        if (!reading.stateUnreadable()) {
            committedAfter(reading, reading.load());
        }
    }

    private static void start(Store store) throws IOException {
        if (!store.stateUnreadable()) {
            check(store.load());
        }
        check(store.previousOrEmpty());
        Intent intent = store.pendingIntent();
        if (intent == null) {
            assertFalse(Files.exists(FOLDER.resolve("intent.json")), "a torn journal is deleted");
        } else {
            assertNotNull(intent.verb());
            assertNotNull(intent.target());
            assertNotNull(intent.started());
            intent.touched().forEach(touched -> assertNotNull(touched));
        }
        store.history(Integer.MAX_VALUE).forEach(operation -> {
            assertNotNull(operation.verb());
            assertNotNull(operation.outcome());
            assertNotNull(operation.time());
        });
        store.lastHistorySequence();
    }

    /** A commit of one record after the reading is read back, whatever the changes file held. */
    private static void committedAfter(Store store, StoreState loaded) throws Exception {
        StoredPlugin changed = new StoredPlugin("fuzz.changed", "1.0.0", "f".repeat(64), null,
                dev.plinth.api.PluginKind.PLUGIN, true, null, null, null, java.time.Instant.EPOCH);
        StoreState next = loaded.with(changed).next();
        store.commitChange(next);
        assertEquals(next, new Store(FOLDER, CODEC, 100).load(), "a commit after the reading is read back");
    }

    private static void check(StoreState state) {
        assertNotNull(state);
        state.plugins().forEach((id, plugin) -> {
            assertEquals(id, plugin.id());
            assertNotNull(plugin.version());
            assertNotNull(plugin.sha256());
            assertNotNull(plugin.kind());
            assertNotNull(plugin.installedAt());
            try {
                Path artifact = new Store(FOLDER, CODEC, 100).artifact(plugin.sha256());
                assertTrue(artifact.toAbsolutePath().normalize().startsWith(FOLDER.resolve("artifacts")));
            } catch (IllegalArgumentException refused) {
                // a name that leads out of the store is refused where it is used
            }
        });
    }

    private static List<byte[]> split(byte[] bytes) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                parts.add(Arrays.copyOfRange(bytes, from, i));
                from = i + 1;
            }
        }
        return parts;
    }
}
