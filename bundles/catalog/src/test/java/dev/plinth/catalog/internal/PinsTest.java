package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PinsTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("catalog").resolve("pins.json");
    }

    private Pins pins() {
        return new Pins(file());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(file().getParent())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void noFileMeansNothingPinned() throws Exception {
        assertEquals(Set.of(), pins().load());
    }

    @Test
    void savedPinsAreLoadedBackSorted() throws Exception {
        pins().save(Set.of("org.example.b", "org.example.a", "org.example.c"));

        Set<String> loaded = new Pins(file()).load();

        assertEquals(List.of("org.example.a", "org.example.b", "org.example.c"), List.copyOf(loaded));
    }

    @Test
    void savingReplacesWhatWasPinnedAndLeavesNoTempFile() throws Exception {
        Pins pins = pins();
        pins.save(Set.of("org.example.a", "org.example.b"));
        pins.save(Set.of("org.example.c"));
        pins.save(Set.of());
        pins.save(Set.of("org.example.d"));

        assertEquals(Set.of("org.example.d"), pins.load());
        assertEquals(List.of("pins.json"), names());
    }

    @Test
    void loadedPinsCanBeChanged() throws Exception {
        Pins pins = pins();
        pins.save(Set.of("org.example.a"));

        Set<String> loaded = pins.load();
        loaded.add("org.example.b");

        assertEquals(Set.of("org.example.a", "org.example.b"), loaded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "[\"org.example.a\"]", "{}", "{\"pinned\": \"org.example.a\"}",
            "{\"pinned\": [1, 2]}", "{\"pinned\": [\"a\", null]}"})
    void aDamagedFileIsAnIoError(String content) throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), content);

        IOException e = assertThrows(IOException.class, () -> pins().load());

        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aDeeplyNestedFileIsDamaged() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"pinned\": " + "[".repeat(3000) + "}");

        IOException e = assertThrows(IOException.class, () -> pins().load());

        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aFileOfAnEarlierVersionIsReadAndWrittenBackUnchanged() throws Exception {
        String earlier = "{\"pinned\":[\"org.example.a\",\"org.example.b\"]}\n";
        Files.createDirectories(file().getParent());
        Files.writeString(file(), earlier);

        Set<String> loaded = pins().load();
        pins().save(loaded);

        assertEquals(Set.of("org.example.a", "org.example.b"), loaded);
        assertEquals(earlier, Files.readString(file()));
    }
}
