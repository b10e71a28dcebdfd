package dev.plinth.framework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.plinth.common.testing.FuzzChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the launcher's configuration files as read at start: {@code conf/plinth.properties} and
 * {@code conf/system.properties} (NUL-separated in the input), with their {@code ${...}} interpolation against
 * fixed system properties and environment. A home is either configured, every value resolved, or refused with a
 * {@link ConfigurationException} that names the problem; nothing is written. Seeds:
 * {@code LauncherConfigurationFuzzTestInputs/conf}.
 */
class LauncherConfigurationFuzzTest {

    private static final Path HOME = FuzzChecks.folder("home");
    private static final Map<String, String> SYSTEM = Map.of("user.home", "/home/op", "java.io.tmpdir", "/tmp");
    private static final Map<String, String> ENVIRONMENT = Map.of("PLINTH_PORT", "8181", "HOME", "/home/op");

    @FuzzTest(maxDuration = "3m")
    void conf(byte[] bytes) throws Exception {
        FuzzChecks.clear(HOME, false);
        Path conf = Files.createDirectories(HOME.resolve("conf"));
        List<byte[]> files = split(bytes);
        Files.write(conf.resolve(LauncherConfiguration.FRAMEWORK_FILE), files.get(0));
        if (files.size() > 1) {
            Files.write(conf.resolve(LauncherConfiguration.SYSTEM_FILE), files.get(1));
        }
        Set<String> before = FuzzChecks.listing(HOME);
        LauncherConfiguration configuration;
        try {
            configuration = FuzzChecks.timed("reading " + bytes.length + " bytes", () -> LauncherConfiguration.load(
                    HOME, Map.of(), SYSTEM::get, ENVIRONMENT::get));
        } catch (ConfigurationException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank());
            assertEquals(before, FuzzChecks.listing(HOME), "reading the configuration writes nothing");
            return;
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading the launcher configuration", e);
        }
        configuration.frameworkProperties().forEach((key, value) -> assertNotNull(value, key));
        assertEquals(before, FuzzChecks.listing(HOME), "reading the configuration writes nothing");
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
