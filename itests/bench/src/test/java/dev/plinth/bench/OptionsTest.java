package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final List<String> KNOWN = List.of("startup", "deploy", "api", "rest");

    @Test
    void onlySelectsSectionsInTheirOwnOrder() throws IOException {
        Map<String, String> defaults = Map.of("--only", "all");
        assertEquals(KNOWN, Options.selected(Options.parse(new String[0], defaults), KNOWN));
        assertEquals(List.of("deploy", "rest"),
                Options.selected(Options.parse(new String[] {"--only", "rest, deploy"}, defaults), KNOWN));
    }

    @Test
    void unknownSectionsAndOptionsAreRefused() {
        Map<String, String> defaults = Map.of("--only", "all");
        IOException unknown = assertThrows(IOException.class,
                () -> Options.selected(Options.parse(new String[] {"--only", "deploi"}, defaults), KNOWN));
        assertEquals("bench.only (--only) is all or a comma-separated list of [startup, deploy, api, rest], "
                + "not 'deploi'", unknown.getMessage());
        assertThrows(IOException.class, () -> Options.parse(new String[] {"--onyl", "deploy"}, defaults));
        assertThrows(IOException.class, () -> Options.parse(new String[] {"--only"}, defaults));
    }
}
