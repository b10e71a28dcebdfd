package dev.plinth.maven.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class EventLineTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void anUpgradeSaysTheActiveVersionItsStateAndWhatItReplaced() throws Exception {
        JsonNode event = json("{\"verb\":\"upgrade\",\"id\":\"p\",\"version\":\"1.0.0.2\",\"previousVersion\":"
                + "\"1.0.0.1\",\"state\":\"enabled\",\"succeeded\":true,\"code\":null,\"message\":null}");

        assertEquals("p 1.0.0.2 is enabled (upgrade from 1.0.0.1, 120 ms after the jar was written)",
                EventLine.succeeded("p", event, 120));
    }

    @Test
    void aFirstInstallIsFromNothing() throws Exception {
        JsonNode event = json("{\"verb\":\"install\",\"version\":\"1.0.0.1\",\"previousVersion\":null,"
                + "\"state\":\"enabled\"}");

        assertEquals("p 1.0.0.1 is enabled (install from nothing, 5 ms after the jar was written)",
                EventLine.succeeded("p", event, 5));
    }

    @Test
    void aRemovalReadsAsOneAndNeverPrintsNull() throws Exception {
        JsonNode event = json("{\"verb\":\"remove\",\"version\":\"1.0.0.2\",\"previousVersion\":null,"
                + "\"state\":null,\"succeeded\":true}");
        JsonNode withoutVersion = json("{\"verb\":\"remove\",\"version\":null,\"previousVersion\":\"1.0.0.2\","
                + "\"state\":null}");

        assertEquals("p 1.0.0.2 was removed (7 ms after the jar was written)", EventLine.succeeded("p", event, 7));
        assertEquals("p 1.0.0.2 was removed (7 ms after the jar was written)",
                EventLine.succeeded("p", withoutVersion, 7));
    }

    @Test
    void aFailureWithoutCodeOrMessageSaysSoInsteadOfNull() throws Exception {
        String line = EventLine.failed("p", "1.0.0.3", json("{\"succeeded\":false,\"code\":null}"));

        assertEquals("p 1.0.0.3 was not deployed: no code: no message (the previous version keeps running; details"
                + " in data/log/plinth.log)", line);
        assertFalse(line.contains("null"));
    }
}
