package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path directory;

    private static StoreDocument document() {
        return StoreDocument.EMPTY.with("x.y", new StoredConfiguration(Map.of("greeting", List.of("hi"),
                "names", List.of("a", "b,c")), Map.of("port", new StoredValue("Integer", StoredValue.Shape.SCALAR,
                        List.of("8080")))));
    }

    @Test
    void whatIsWrittenIsReadBackByAnotherStoreOnTheSameDirectory() throws IOException {
        new SettingsStore(directory).update("x.y", current -> document());

        StoreDocument read = new SettingsStore(directory).load("x.y");

        assertEquals(document(), read);
        assertTrue(Files.readString(directory.resolve("x.y.json")).contains("\"greeting\""));
    }

    @Test
    void aWriteLeavesNoTemporaryFileBehind() throws IOException {
        SettingsStore store = new SettingsStore(directory);
        store.update("x.y", current -> document());
        store.update("x.y", current -> current.with("x.y", StoredConfiguration.EMPTY.withValues(
                Map.of("greeting", List.of("hello")))));

        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(".lock", "x.y.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(List.of("hello"), new SettingsStore(directory).load("x.y").configuration("x.y").values()
                .get("greeting"));
    }

    @Test
    void aPluginWithoutSettingsHasAnEmptyDocumentAndEmptyingOneDeletesItsFile() throws IOException {
        SettingsStore store = new SettingsStore(directory);
        assertTrue(store.load("none").isEmpty());

        store.update("x.y", current -> document());
        store.delete("x.y");

        assertFalse(Files.exists(directory.resolve("x.y.json")));
        assertTrue(store.load("x.y").isEmpty());
    }

    @Test
    void aDamagedFileIsRefusedNamingItAndAFailedChangeWritesNothing() throws IOException {
        Path file = Files.writeString(directory.resolve("x.y.json"), "{\"format\": 1, \"configurations\": [");
        SettingsStore store = new SettingsStore(directory);

        IOException refused = assertThrows(IOException.class, () -> store.load("x.y"));
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertThrows(IOException.class, () -> store.update("x.y", current -> document()));
        assertEquals("{\"format\": 1, \"configurations\": [", Files.readString(file));
    }

    @Test
    void anotherFormatAndNullsAreRefused() throws IOException {
        assertThrows(IOException.class, () -> SettingsStore.parse("f", "{\"format\": 2}".getBytes()));
        assertThrows(IOException.class, () -> SettingsStore.parse("f", "null".getBytes()));
        assertThrows(IOException.class, () -> SettingsStore.parse("f",
                "{\"format\":1,\"configurations\":{\"p\":{\"values\":{\"k\":[null]}}}}".getBytes()));
        assertThrows(IOException.class, () -> SettingsStore.parse("f", new byte[] {(byte) 0xff, '{', '}'}));
    }

    @Test
    void aPluginIdThatIsNotAFileNameIsRefused() {
        SettingsStore store = new SettingsStore(directory);
        assertThrows(IllegalArgumentException.class, () -> store.load("../etc/x"));
        assertThrows(IllegalArgumentException.class, () -> store.load("a/b"));
    }

    @Test
    void resealingReplacesEverySealedTextOfEveryFileAndNothingElse() throws IOException {
        SettingsStore store = new SettingsStore(directory);
        store.update("a.b", current -> current.with("a.b", new StoredConfiguration(
                Map.of("password", List.of("{aes-gcm:old}AAA"), "name", List.of("plain")),
                Map.of("password", new StoredValue("String", StoredValue.Shape.SCALAR, List.of("{aes-gcm:old}BBB"))))));
        store.update("c.d", current -> current.with("c.d", StoredConfiguration.EMPTY.withValues(
                Map.of("token", List.of("{aes-gcm:old}CCC")))));

        int count = store.resealAll(t -> t.startsWith("{aes-gcm:"), t -> t.replace("{aes-gcm:old}", "{aes-gcm:new}"));

        assertEquals(3, count);
        SettingsStore reread = new SettingsStore(directory);
        StoredConfiguration ab = reread.load("a.b").configuration("a.b");
        assertEquals(List.of("{aes-gcm:new}AAA"), ab.values().get("password"));
        assertEquals(List.of("plain"), ab.values().get("name"));
        assertEquals(List.of("{aes-gcm:new}BBB"), ab.lastGood().get("password").values());
        assertEquals(List.of("{aes-gcm:new}CCC"), reread.load("c.d").configuration("c.d").values().get("token"));
        assertEquals(List.of("a.b", "c.d"), reread.pluginIds());
    }
}
