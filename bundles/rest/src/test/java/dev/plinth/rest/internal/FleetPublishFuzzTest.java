package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.common.json.JsonDocuments;
import dev.plinth.common.testing.FuzzChecks;

/**
 * Fuzzes the body of {@code POST /api/fleet/generations} ({@link FleetPublish}): it is either read into a plugin set
 * (a JSON object, handed on to the catalogue as compact JSON), canaries that are a count, a share from 1% to 100% or
 * absent, canary seconds from 1 to a week or 0 (absent), and a base of at least 0; or refused with a 400 (a body that
 * is not JSON: saying where only, never quoting it). Seeds: {@code FleetPublishFuzzTestInputs/body}.
 */
class FleetPublishFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void body(byte[] bytes) throws Exception {
        String body = new String(bytes, StandardCharsets.UTF_8);
        FleetPublish publish;
        try {
            publish = FuzzChecks.timed("reading " + bytes.length + " bytes", () -> FleetPublish.parse(body));
        } catch (ApiException e) {
            assertEquals(400, e.problem().status(), e.problem().toString());
            assertTrue(!e.getMessage().startsWith("the body is not JSON") || e.getMessage().matches(
                    "the body is not JSON( \\(a field is given twice\\))?( at line [0-9]+, column [0-9]+)?"),
                    "a parse error quotes the body: " + e.getMessage());
            return;
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading a publish body", e);
        }
        assertNotNull(publish.plugins());
        assertTrue(JsonDocuments.mapper().readTree(publish.plugins()).isObject(), publish.plugins());
        assertTrue(publish.canaries() == null || publish.canaries().matches("(0|[1-9][0-9]{0,5})|([1-9][0-9]?|100)%"),
                publish.toString());
        assertTrue(publish.canarySeconds() == null || publish.canarySeconds() >= 1 && publish.canarySeconds() <= 7 * 86_400, publish.toString());
        assertTrue(publish.basedOn() >= 0, publish.toString());
    }
}
