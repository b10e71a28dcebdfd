package dev.plinth.config.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.plinth.common.testing.FuzzChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the {@code etc/} configuration files: the input is a file name, a line break, then the file's content.
 * A name is either a configuration file's (a PID, and for a factory its name) or not one; the content of a
 * {@code .cfg}, {@code .config} or {@code .cfg.json} file is either read into properties with names and values, or
 * refused with an {@link IOException} that says what is wrong (the configuration then stays as it was).
 * Seeds: {@code ConfigFileReaderFuzzTestInputs/file}.
 */
class ConfigFileReaderFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void file(byte[] bytes) throws Exception {
        int newline = 0;
        while (newline < bytes.length && bytes[newline] != '\n') {
            newline++;
        }
        String fileName = new String(bytes, 0, newline, StandardCharsets.UTF_8);
        byte[] content = newline < bytes.length ? Arrays.copyOfRange(bytes, newline + 1, bytes.length) : new byte[0];
        Optional<ConfigFileName> name;
        try {
            name = ConfigFileName.parse(fileName);
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading a file name", e);
        }
        if (name.isEmpty()) {
            return;
        }
        assertFalse(name.get().pid().isEmpty());
        Hashtable<String, Object> properties;
        try {
            properties = FuzzChecks.timed("reading " + content.length + " bytes",
                    () -> ConfigFileReader.read(content, name.get()));
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "a refusal says what is wrong");
            return;
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading " + fileName, e);
        }
        properties.forEach((key, value) -> {
            assertNotNull(key);
            assertNotNull(value);
        });
    }
}
