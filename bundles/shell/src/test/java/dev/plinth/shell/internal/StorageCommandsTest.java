package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.eclipse.parsson.JsonProviderImpl;
import org.junit.jupiter.api.Test;

import dev.plinth.api.storage.StorageInfo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

class StorageCommandsTest {

    private final JsonProviderImpl provider = new JsonProviderImpl();
    private final FakeStorage storage = new FakeStorage().with(FakeStorage.upgradedNotes())
            .with(FakeStorage.kept("old.plugin"));
    private final StorageCommands commands = new StorageCommands(storage);

    @Test
    void withoutAnIdItListsEveryPluginsStorage() {
        StorageViews.Storages list = (StorageViews.Storages) commands.storage(false);
        assertEquals(List.of("dev.plinth.sample.storage", "old.plugin"),
                list.storages().stream().map(StorageInfo::id).toList());
    }

    @Test
    void withAnIdItShowsThatPluginsStorageKeptOnesToo() {
        assertEquals(FakeStorage.kept("old.plugin"), ((StorageViews.Storage) commands.storage(false, "old.plugin"))
                .info());
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> commands.storage(false, "no.storage"));
        assertEquals("no storage for no.storage (plugin:storage lists the plugins that have some)",
                failure.getMessage());
    }

    @Test
    void jsonIsTheApisRecordUnderItsOwnNames() {
        JsonArray all = provider.createReader(new StringReader(((JsonText) commands.storage(true)).text()))
                .readArray();
        assertEquals(2, all.size());
        JsonObject notes = provider.createReader(new StringReader(((JsonText) commands.storage(true,
                "dev.plinth.sample.storage")).text())).readObject();
        assertEquals("h2", notes.getString("backend"));
        assertEquals(24_576, notes.getJsonNumber("sizeBytes").longValue());
        assertEquals("3", notes.getString("schemaVersion"));
        assertEquals(false, notes.getBoolean("kept"));
        assertEquals("2026-12-05T09:30:00Z", notes.getJsonObject("rollbackPoint").getString("taken"));
        JsonObject java = notes.getJsonArray("migrations").getJsonObject(2);
        assertEquals("JDBC", java.getString("type"));
        assertTrue(java.isNull("checksum"));
        assertTrue(all.getJsonObject(1).isNull("rollbackPoint"));
    }

    @Test
    void withoutTheStorageBundleItSaysStorageIsNotInstalled() {
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> new StorageCommands(null).storage(false));
        assertEquals("Storage is not installed (the bundle dev.plinth.storage is not running)", failure.getMessage());
    }

    @Test
    void moreThanOneIdIsRefused() {
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> commands.storage(false, "a", "b"));
        assertEquals("plugin:storage takes at most one plugin id, not 2", failure.getMessage());
    }
}
