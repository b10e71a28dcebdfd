package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

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
}
