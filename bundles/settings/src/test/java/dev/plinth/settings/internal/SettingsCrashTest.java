package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.plinth.common.FaultPoints;
import dev.plinth.common.testing.FakeConfigurationAdmin;

/**
 * A JVM halted at each fault point of an operator's change (the store file written but not renamed, the store
 * written but Configuration Admin not told) leaves the old or the new value, never a damaged store; the next start
 * shows it, delivers it, and takes the next change.
 */
class SettingsCrashTest {

    @TempDir
    Path directory;

    private int change(String value, String point) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-D" + FaultPoints.PROPERTY + "=" + point, SettingsChangeMain.class.getName(), directory.toString(),
                value).redirectErrorStream(true).redirectOutput(Path.of("target", "settings-crash-child.log").toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the change did not end within 60 s");
        }
        return process.exitValue();
    }

    @ParameterizedTest(name = "halted at {0}")
    @CsvSource({"write.x.y.json.unrenamed, old", SettingsService.FAULT_STORED + ", new"})
    void aCrashDuringAChangeLeavesTheOldOrTheNewValue(String point, String expected) throws Exception {
        assertEquals(0, change("old", "none"));

        assertEquals(FaultPoints.HALT_STATUS, change("new", point));

        FakeConfigurationAdmin admin = new FakeConfigurationAdmin();
        SettingsService restarted = SettingsChangeMain.service(directory, admin);
        assertEquals(List.of(expected), SettingsServiceTest.setting(restarted.settings("x.y"), "x.y", "greeting")
                .value());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(".lock", "x.y.json"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary file outlives the restart");
        }
        restarted.set("x.y", "x.y", Map.of("greeting", List.of("next")), "test");
        assertEquals(List.of("next"), SettingsServiceTest.setting(SettingsChangeMain.service(directory, admin)
                .settings("x.y"), "x.y", "greeting").value());
    }
}
