package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import dev.plinth.api.PluginEvents;

class EventFramesTest {

    @Test
    void anEventBecomesOneFrameNamedByItsVerb() {
        Event event = new Event(PluginEvents.TOPIC_PREFIX + "UPGRADE", Map.of(
                PluginEvents.ID, "com.example.weather",
                PluginEvents.VERSION, "2.0.0",
                PluginEvents.PREVIOUS_VERSION, "1.0.0",
                PluginEvents.STATE, "enabled",
                PluginEvents.CHANGED, new String[] {"com.example.weather"},
                PluginEvents.SUCCEEDED, true,
                PluginEvents.ORIGIN, "console:ops"));

        String frame = new EventFrames().frame(12, event);

        assertEquals("id: 12\nevent: upgrade\ndata: {\"topic\":\"dev/plinth/plugin/UPGRADE\",\"verb\":\"upgrade\","
                + "\"id\":\"com.example.weather\",\"version\":\"2.0.0\",\"previousVersion\":\"1.0.0\","
                + "\"state\":\"enabled\",\"changed\":[\"com.example.weather\"],\"succeeded\":true,\"code\":null,"
                + "\"message\":null,\"origin\":\"console:ops\",\"channel\":\"console\",\"by\":\"ops\"}\n\n", frame);
    }

    @Test
    void aFailureCarriesItsCodeAndMessageOnOneDataLine() {
        Event event = new Event(PluginEvents.TOPIC_PREFIX + "REMOVE", Map.of(
                PluginEvents.ID, "a",
                PluginEvents.SUCCEEDED, false,
                PluginEvents.ERROR_CODE, "HAS_DEPENDENTS",
                PluginEvents.MESSAGE, "cannot remove a:\nb depends on it"));

        String frame = new EventFrames().frame(1, event);

        assertEquals(4, frame.split("\n", -1).length - 1, frame);
        assertEquals(true, frame.contains("\"code\":\"HAS_DEPENDENTS\""), frame);
    }
}
