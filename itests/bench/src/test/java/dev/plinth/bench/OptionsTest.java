package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void onlySelectsOneBenchmarkOrAll() throws IOException {
        Map<String, String> defaults = Map.of("--only", "all");
        assertTrue(Options.selected(Options.parse(new String[0], defaults), "deploy"));
        Map<String, String> deploy = Options.parse(new String[] {"--only", "deploy"}, defaults);
        assertTrue(Options.selected(deploy, "deploy"));
        assertFalse(Options.selected(deploy, "startup"));
        assertThrows(IOException.class,
                () -> Options.selected(Options.parse(new String[] {"--only", "deploi"}, defaults), "deploy"));
        assertThrows(IOException.class, () -> Options.parse(new String[] {"--onyl", "deploy"}, defaults));
    }
}
