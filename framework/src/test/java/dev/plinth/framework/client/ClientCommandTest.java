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
    void parsesTheCatalogueVerbs() {
        assertEquals(new ClientCommand("install", "org.example.app@1.2.0", null, false, false, true, true, false, 20),
                ClientCommand.parse(List.of("install", "--enable", "--dry-run", "org.example.app@1.2.0")));
        assertEquals(new ClientCommand("available", "json parser", null, true, false, false, false, false, 20),
                ClientCommand.parse(List.of("available", "--json", "json", "parser")));
        assertEquals(new ClientCommand("update", null, null, false, true, false, false, false, 20),
                ClientCommand.parse(List.of("update", "--all")));
        assertEquals(new ClientCommand("update", "x", null, false, false, false, true, false, 20),
                ClientCommand.parse(List.of("update", "--dry-run", "x")));
        assertEquals(new ClientCommand("export", null, Path.of("set.json"), false, false, false, false, false, 20),
                ClientCommand.parse(List.of("export", "set.json")));
        assertEquals(new ClientCommand("apply", null, Path.of("set.json"), false, false, false, true, false, 20),
                ClientCommand.parse(List.of("apply", "-s", "set.json")));
        assertEquals("pin", ClientCommand.parse(List.of("pin", "x")).verb());
        assertEquals("outdated", ClientCommand.parse(List.of("outdated")).verb());
    }

    @Test
    void wrongCommandLinesSayWhatIsWrong() {
        assertEquals("install takes a jar or a plugin id from a catalogue", message("install"));
        assertEquals("update --all takes no plugin id and has no dry run", message("update", "--all", "x"));
        assertEquals("apply takes a plugin set file", message("apply"));
        assertEquals("outdated has no option --all", message("outdated", "--all"));
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
