package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import dev.plinth.api.PluginEvents;

class EventsCommandTest {

    @Test
    void aManagerEventBecomesThePrintedEvent() {
        PluginEvent event = EventsCommand.of(new Event(PluginEvents.TOPIC_PREFIX + "DISABLE", Map.of(
                PluginEvents.ID, "greeter-en", PluginEvents.VERSION, "1.2.0", PluginEvents.STATE, "installed",
                PluginEvents.CHANGED, new String[] {"greeter-en"}, PluginEvents.SUCCEEDED, true,
                PluginEvents.ORIGIN, "rest")));

        assertEquals(new PluginEvent("disable", "greeter-en", "1.2.0", null, "installed", List.of("greeter-en"), true,
                null, null, "rest"), event);
    }

    @Test
    void aFailureKeepsItsCodeAndMessage() {
        PluginEvent event = EventsCommand.of(new Event(PluginEvents.TOPIC_PREFIX + "ENABLE", Map.of(
                PluginEvents.ID, "greeter-en", PluginEvents.SUCCEEDED, false, PluginEvents.ERROR_CODE, "UNRESOLVED",
                PluginEvents.MESSAGE, "misses greeting", PluginEvents.ORIGIN, "shell")));

        assertFalse(event.succeeded());
        assertEquals("UNRESOLVED", event.code());
        assertEquals("misses greeting", event.message());
        assertNull(event.version());
        assertTrue(event.changed().isEmpty());
    }
}
