package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.plinth.itests.blackbox.Plinth;

/**
 * Halts the runtime at each fault point of a settings change ({@code plugin:set} of a plain value and a secret
 * together), restarts it and checks that the change happened whole or not at all: the settings shown and the settings
 * the plugin is given are both the old ones or both the new ones, the secret with its value, and no secret is in any
 * file of the home.
 */
class SettingsCrashIT {

    private static final String ID = "dev.plinth.sample.settings";
    private static final String PID = "sample.settings.mail";
    private static final String OLD_SECRET = "old-secret-one";
    private static final String NEW_SECRET = "new-secret-two";
    private static final Pattern DELIVERED_HOST = Pattern.compile("(?m)^  host: (\\S+)$");
    private static final Pattern DELIVERED_PASSWORD = Pattern.compile("(?m)^  password: (.+)$");
    private static final Pattern SHOWN_HOST = Pattern.compile("(?m)^  host +\\S+ \\(required\\) +(\\S+) +operator");

    @TempDir
    static Path unpacked;

    private static Home home;

    @BeforeAll
    static void withTheOldSettings() throws Exception {
        home = Home.unpack(unpacked);
        Plinth.Result set = home.batch("plugin:install samples/" + ID + ".jar --enable",
                "plugin:set " + ID + " " + PID + " host=old.example .password=" + OLD_SECRET);
        assertEquals(0, set.exit(), set.toString());
        home.saveData("settings");
    }

    @ParameterizedTest(name = "halted at {0}")
    @ValueSource(strings = {"write." + ID + ".json.unrenamed", "settings.stored.undelivered"})
    void aCrashDuringAChangeLeavesTheOldOrTheNewSettingsWhole(String point) throws Exception {
        home.restoreData("settings");

        Plinth.Result crashed = home.batchHaltingAt(point,
                "plugin:set " + ID + " " + PID + " host=new.example .password=" + NEW_SECRET);
        assertEquals(Home.HALTED, crashed.exit(), "the runtime halted at " + point + "\n" + crashed);
        Figures.CRASH_POINTS.incrementAndGet();

        Plinth.Result after = home.batch("plugin:settings " + ID, "settingsdemo:show");
        assertEquals(0, after.exit(), after.toString());
        String shown = find(SHOWN_HOST, after);
        assertTrue(List.of("old.example", "new.example").contains(shown), after.toString());
        assertEquals(shown, find(DELIVERED_HOST, after), "the plugin is given what is shown\n" + after);
        assertEquals(fingerprint(shown.equals("old.example") ? OLD_SECRET : NEW_SECRET), find(DELIVERED_PASSWORD, after),
                "the secret changed with the value it was set with\n" + after);
        assertEquals(List.of(), filesHolding(OLD_SECRET), "files holding the old secret");
        assertEquals(List.of(), filesHolding(NEW_SECRET), "files holding the new secret");

        Plinth.Result next = home.batch("plugin:set " + ID + " " + PID + " host=next.example", "settingsdemo:show");
        assertEquals(0, next.exit(), next.toString());
        assertEquals("next.example", find(DELIVERED_HOST, next), "the next change works\n" + next);
    }

    private static String find(Pattern pattern, Plinth.Result result) {
        Matcher matcher = pattern.matcher(result.out());
        assertTrue(matcher.find(), pattern + " not in\n" + result);
        return matcher.group(1);
    }

    /** What the settings sample shows of a secret: its length and a SHA-256 prefix. */
    private static String fingerprint(String secret) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        return secret.length() + " characters, sha-256 " + HexFormat.of().formatHex(digest).substring(0, 12);
    }

    private static List<Path> filesHolding(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(home.path())) {
            return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] content = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= content.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (content[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
