package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;


import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.api.PluginException;

/**
 * Fuzzes the reading of {@code data/catalog/pins.json}: the file is either read into a set of ids, or refused
 * with an {@link IOException} naming the file (and, for a decision that depends on the pins, a
 * {@code IO_ERROR} that stops it); reading changes no file. Seeds: {@code PinsFuzzTestInputs/pins}.
 */
class PinsFuzzTest {

    private static final Path FOLDER = FuzzChecks.folder("pins");

    @FuzzTest(maxDuration = "3m")
    void pins(byte[] bytes) throws Exception {
        FuzzChecks.clear(FOLDER, false);
        Path file = Files.write(FOLDER.resolve("pins.json"), bytes);
        Pins pins = new Pins(file);
        Set<String> read = null;
        try {
            read = FuzzChecks.timed("reading " + bytes.length + " bytes", pins::load);
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            try {
                pins.pinned();
                throw new AssertionError("pins that cannot be read let a decision through");
            } catch (PluginException refused) {
                assertEquals(PluginException.Code.IO_ERROR, refused.code());
            }
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading the pins", e);
        }
        if (read != null) {
            read.forEach(id -> assertNotNull(id));
        }
        assertEquals(Set.of("pins.json"), FuzzChecks.listing(FOLDER));
    }
}
