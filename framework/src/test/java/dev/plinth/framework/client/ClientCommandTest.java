package dev.plinth.framework.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClientCommandTest {

    @Test
    void parsesEveryVerbWithItsOptions() {
        assertEquals(new ClientCommand("plugins", null, null, true, true, false, false, false, 20),
                ClientCommand.parse(List.of("plugins", "--json", "--all")));
        assertEquals(new ClientCommand("install", null, Path.of("a.jar"), false, false, true, true, false, 20),
                ClientCommand.parse(List.of("install", "--enable", "--dry-run", "a.jar")));
        assertEquals(new ClientCommand("disable", "x", null, false, false, false, false, true, 20),
                ClientCommand.parse(List.of("disable", "x", "--cascade")));
        assertEquals(new ClientCommand("upgrade", "x", Path.of("b.jar"), false, false, false, true, false, 20),
                ClientCommand.parse(List.of("upgrade", "-s", "x", "b.jar")));
        assertEquals(new ClientCommand("history", null, null, false, false, false, false, false, 5),
                ClientCommand.parse(List.of("history", "-n", "5")));
        assertEquals("remove", ClientCommand.parse(List.of("remove", "x")).verb());
        assertEquals("rollback", ClientCommand.parse(List.of("rollback", "x")).verb());
        assertEquals("events", ClientCommand.parse(List.of("events")).verb());
    }

    @Test
    void wrongCommandLinesSayWhatIsWrong() {
        assertEquals("install takes a jar", message("install"));
        assertEquals("enable takes a plugin id", message("enable", "a", "b"));
        assertEquals("upgrade takes a plugin id and a jar", message("upgrade", "a"));
        assertEquals("plugins takes no arguments", message("plugins", "x"));
        assertEquals("enable has no option --cascade", message("enable", "--cascade", "x"));
        assertEquals("history has no option --force", message("history", "--force"));
        assertEquals("-n needs a number from 1 to 1000, not 0", message("history", "-n", "0"));
        assertEquals("unknown command frobnicate", message("frobnicate"));
        assertTrue(ClientCommand.USAGE.contains("install [--enable] [--dry-run] JAR"));
    }

    private static String message(String... words) {
        return assertThrows(IllegalArgumentException.class, () -> ClientCommand.parse(List.of(words))).getMessage();
    }
}
