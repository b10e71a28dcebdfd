package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.common.testing.FuzzChecks;

/**
 * Fuzzes the reading of a plugin's settings file, {@code data/settings/<plugin-id>.json}: the file is either read
 * into a document whose every value is there (no null), or refused with an {@link IOException} naming the file;
 * reading changes no file. Seeds: {@code SettingsStoreFuzzTestInputs/settings}.
 */
class SettingsStoreFuzzTest {

    private static final Path FOLDER = FuzzChecks.folder("settings-store");

    @FuzzTest(maxDuration = "3m")
    void settings(byte[] bytes) throws Exception {
        FuzzChecks.clear(FOLDER, false);
        Path file = Files.write(FOLDER.resolve("x.y.json"), bytes);
        SettingsStore store = new SettingsStore(FOLDER);
        StoreDocument read = null;
        try {
            read = FuzzChecks.timed("reading " + bytes.length + " bytes", () -> store.load("x.y"));
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading the settings", e);
        }
        if (read != null) {
            read.configurations().forEach((pid, configuration) -> {
                assertNotNull(pid);
                configuration.values().forEach((key, values) -> values.forEach(v -> assertNotNull(v)));
                configuration.lastGood().forEach((key, value) -> {
                    assertNotNull(value.type());
                    assertNotNull(value.shape());
                    value.values().forEach(v -> assertNotNull(v));
                });
            });
        }
        assertEquals(Set.of("x.y.json"), FuzzChecks.listing(FOLDER));
    }
}
