package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.common.testing.FuzzChecks;

/**
 * Fuzzes the body of {@code PATCH /api/plugins/{id}/settings} ({@link SettingsPatch}): it is either read into
 * exactly one of a set (at least one key, each with its texts) or an unset (keys, none blank), with a PID that is
 * absent or not blank, or refused with a 400 (a body that is not JSON: saying where only, never quoting it,
 * since it may hold a secret). Seeds:
 * {@code SettingsPatchFuzzTestInputs/body}.
 */
class SettingsPatchFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void body(byte[] bytes) throws Exception {
        String body = new String(bytes, StandardCharsets.UTF_8);
        SettingsPatch patch;
        try {
            patch = FuzzChecks.timed("reading " + bytes.length + " bytes", () -> SettingsPatch.parse(body));
        } catch (ApiException e) {
            assertEquals(400, e.problem().status(), e.problem().toString());
            assertTrue(!e.getMessage().startsWith("the body is not JSON") || e.getMessage().matches(
                    "the body is not JSON( \\(a field is given twice\\))?( at line [0-9]+, column [0-9]+)?"),
                    "a parse error quotes the body: " + e.getMessage());
            return;
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading a settings body", e);
        }
        assertTrue(patch.set() == null ^ patch.unset() == null, patch.toString());
        assertTrue(patch.pid() == null || !patch.pid().isBlank(), patch.toString());
        if (patch.set() != null) {
            assertFalse(patch.set().isEmpty());
            for (Map.Entry<String, List<String>> entry : patch.set().entrySet()) {
                assertNotNull(entry.getKey());
                entry.getValue().forEach(text -> assertNotNull(text, entry.getKey()));
            }
        } else {
            patch.unset().forEach(key -> assertFalse(key.isBlank(), patch.toString()));
        }
    }
}
