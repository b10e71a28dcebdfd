package dev.plinth.storage.internal.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresNamesTest {

    @Test
    void aPlainShortIdIsItsOwnName() {
        assertEquals("plugin_notes", PostgresNames.of("notes"));
        assertEquals("plugin_my_notes2", PostgresNames.of("my_notes2"));
        String longest = "n".repeat(63 - "plugin_".length());
        assertEquals("plugin_" + longest, PostgresNames.of(longest));
    }

    @Test
    void everyOtherIdGetsAReadablePartAndAHashThatNoPlainIdCanSpell() {
        String name = PostgresNames.of("dev.plinth.Notes");
        assertTrue(name.matches("plugin_dev_plinth_notes__[0-9a-f]{12}"), name);
        for (String id : List.of("a.b", "A_B", "a__b", "_a", "a_", "a-b", "ä", "\"", "", " ")) {
            if (id.isEmpty()) {
                assertThrows(IllegalArgumentException.class, () -> PostgresNames.of(id));
                continue;
            }
            String n = PostgresNames.of(id);
            assertTrue(n.contains("__"), id + " -> " + n);
            assertTrue(n.matches("plugin_[a-z0-9_]*__[0-9a-f]{12}"), id + " -> " + n);
        }
    }

    @Test
    void idsThatLookAlikeGetDifferentNamesOfAtMost63Bytes() {
        List<String> ids = List.of("a.b", "a_b", "a-b", "A.B", "a..b", "a.b.", "x".repeat(57), "x".repeat(58),
                "x".repeat(500), "x".repeat(501), "x".repeat(56) + "_y", "x".repeat(56) + ".y",
                "plugin_a_b__" + PostgresNames.of("a.b").substring("plugin_a_b__".length()));
        Map<String, String> seen = new HashMap<>();
        for (String id : ids) {
            String name = PostgresNames.of(id);
            assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= PostgresNames.MAX_IDENTIFIER_BYTES, name);
            String other = seen.put(name, id);
            assertEquals(null, other, id + " and " + other + " share " + name);
        }
        assertNotEquals(PostgresNames.of("a.b"), PostgresNames.of("A.B"));
    }

    @Test
    void namesAndTextsAreQuotedForSql() {
        assertEquals("\"plugin_x\"", PostgresNames.identifier("plugin_x"));
        assertEquals("\"a\"\"; DROP ROLE x; --\"", PostgresNames.identifier("a\"; DROP ROLE x; --"));
        assertEquals("E'it''s a \\\\ test'", PostgresNames.literal("it's a \\ test"));
        assertThrows(IllegalArgumentException.class, () -> PostgresNames.identifier("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> PostgresNames.literal("a\0b"));
    }

    @Test
    void serverSettingsFromAUrlOrFromHostPortAndDatabase() {
        PostgresServer built = PostgresServer.of("", "db.internal", 5433, "plinth", "plinth_admin", "pw");
        assertEquals("jdbc:postgresql://db.internal:5433/plinth", built.jdbcUrl());
        PostgresServer parsed = PostgresServer.of("jdbc:postgresql://[::1]/plinth?sslmode=require", null, 0, null,
                "plinth_admin", "pw");
        assertEquals(List.of("::1", 5432, "plinth"), List.of(parsed.clientHost(), parsed.port(), parsed.database()));
        assertEquals("jdbc:postgresql://[::1]/plinth?sslmode=require", parsed.jdbcUrl());
        assertTrue(!parsed.toString().contains("pw"));
        assertThrows(IllegalArgumentException.class,
                () -> PostgresServer.of("jdbc:postgresql://a,b/plinth", null, 0, null, "u", "pw"));
        assertThrows(IllegalArgumentException.class,
                () -> PostgresServer.of("jdbc:h2:mem:x", null, 0, null, "u", "pw"));
        assertThrows(IllegalArgumentException.class, () -> PostgresServer.of("", "h", 5432, "plinth", "", "pw"));
        assertThrows(IllegalArgumentException.class, () -> PostgresServer.of("", "h", 5432, "plinth", "u", null));
        assertThrows(IllegalArgumentException.class, () -> PostgresServer.of("", "h", 0, "plinth", "u", "pw"));
        assertThrows(IllegalArgumentException.class, () -> PostgresServer.of("", "", 5432, "plinth", "u", "pw"));
    }
}
