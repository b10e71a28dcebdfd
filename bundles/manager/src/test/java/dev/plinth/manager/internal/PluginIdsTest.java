package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PluginIdsTest {

    static final List<String> PATH_LIKE = List.of("/tmp/x", "../rest", "a/b", "..", ".", "a\\b", "..\\rest",
            "C:\\x", "a..b", ".a", "a.", "a b", "a:b", "~", "a*", "é.plugin", "a\tb", "");

    @Test
    void symbolicNamesByTheOsgiGrammarAreValid() {
        for (String id : List.of("a", "dev.plinth.sample.hello", "a-b_c.D9", "_", "-", "1.2.3", "x.y-z")) {
            assertTrue(PluginIds.valid(id), id);
        }
    }

    @Test
    void pathLikeAndOtherOddNamesAreNot() {
        for (String id : PATH_LIKE) {
            assertFalse(PluginIds.valid(id), id);
        }
        assertFalse(PluginIds.valid(null));
    }

    @Test
    void aValidIdIsAFolderDirectlyInItsParent() throws IOException {
        Path parent = Path.of("data", "plugins");
        assertEquals(parent.resolve("dev.plinth.sample.hello"), PluginIds.folder(parent, "dev.plinth.sample.hello"));
    }

    @Test
    void noOtherIdHasAFolder() {
        Path parent = Path.of("data", "plugins");
        for (String id : PATH_LIKE) {
            IOException refused = assertThrows(IOException.class, () -> PluginIds.folder(parent, id), id);
            assertTrue(refused.getMessage().contains("symbolic-name ::= token('.'token)*"), refused.getMessage());
        }
    }
}
