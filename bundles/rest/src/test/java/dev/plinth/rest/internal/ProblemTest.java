package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.settings.InvalidSettingsException;
import dev.plinth.api.settings.SettingRefusal;
import dev.plinth.common.json.JsonDocuments;

class ProblemTest {

    @Test
    void everyManagerCodeHasItsStatus() {
        Map<Code, Integer> expected = new EnumMap<>(Code.class);
        expected.put(Code.NOT_FOUND, 404);
        expected.put(Code.DUPLICATE, 409);
        expected.put(Code.HAS_DEPENDENTS, 409);
        expected.put(Code.BUSY, 409);
        expected.put(Code.PROTECTED, 409);
        expected.put(Code.NO_PREVIOUS_VERSION, 409);
        expected.put(Code.INVALID_ARCHIVE, 422);
        expected.put(Code.UNRESOLVED, 422);
        expected.put(Code.START_FAILED, 422);
        expected.put(Code.CHECKSUM_MISMATCH, 422);
        expected.put(Code.HOOK_FAILED, 422);
        expected.put(Code.IO_ERROR, 500);
        expected.put(Code.PINNED, 409);
        expected.put(Code.INCOMPATIBLE, 422);
        expected.put(Code.INVALID_INPUT, 400);
        expected.put(Code.INVALID_SETTINGS, 422);
        expected.put(Code.SETTINGS_LOCKED, 409);
        expected.put(Code.SETTINGS_OWNED, 409);
        expected.put(Code.MIGRATION_FAILED, 422);
        expected.put(Code.FLEET_UNAVAILABLE, 503);
        expected.put(Code.STALE_GENERATION, 409);
        for (Code code : Code.values()) {
            assertEquals(expected.get(code), Problem.status(code), code.name());
        }
    }

    @Test
    void aManagerFailureKeepsItsCodeMessageAndDetails() {
        Problem problem = Problem.of(new PluginException(Code.HAS_DEPENDENTS, "plugins depend on it: a",
                List.of("a needs b"), null));

        assertEquals(409, problem.status());
        assertEquals("HAS_DEPENDENTS", problem.code());
        assertEquals("plugins depend on it: a", problem.message());
        assertEquals(List.of("a needs b"), problem.details());
        assertEquals("urn:plinth:problem:has-dependents", problem.type());
        assertEquals("Conflict", problem.title());
    }

    @Test
    void refusedSettingsCarryEachRefusalIntoTheDocument() {
        Problem problem = Problem.of(new InvalidSettingsException("demo", List.of(
                new SettingRefusal("demo.Greeter", "retries", "not an integer"))));
        assertEquals(422, problem.status());
        assertEquals("INVALID_SETTINGS", problem.code());
        assertEquals("invalid settings for demo: demo.Greeter retries: not an integer", problem.message());
        String json = JsonDocuments.compact(new Json().problem(problem));
        assertTrue(json.contains("\"refusals\":[{\"pid\":\"demo.Greeter\",\"key\":\"retries\","
                + "\"reason\":\"not an integer\"}]"), json);
        String plain = JsonDocuments.compact(new Json().problem(Problem.of(404, "NOT_FOUND", "no plugin x")));
        assertFalse(plain.contains("refusals"), plain);
    }
}
