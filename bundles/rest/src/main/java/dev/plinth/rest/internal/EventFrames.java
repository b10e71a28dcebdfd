package dev.plinth.rest.internal;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.event.Event;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginEvents;
import dev.plinth.common.json.JsonDocuments;

/** Turns the manager's EventAdmin events into Server-Sent Events frames: the verb as event name, JSON as data. */
final class EventFrames {

    /**
     * The data of a frame: the event's properties, {@code null} where the event has none, and who asked split into
     * its {@code channel} and {@code by} ({@link Operation#channel()}, {@link Operation#by()}).
     */
    record EventDocument(String topic, String verb, String id, String version, String previousVersion, String state,
            List<String> changed, boolean succeeded, String code, String message, String origin, String channel,
            String by) {
    }

    /** The frame for one event, numbered {@code id}; ends with the blank line that completes it. */
    String frame(long id, Event event) {
        String topic = event.getTopic();
        String verb = topic.startsWith(PluginEvents.TOPIC_PREFIX)
                ? topic.substring(PluginEvents.TOPIC_PREFIX.length()).toLowerCase(java.util.Locale.ROOT)
                : topic;
        Object changed = event.getProperty(PluginEvents.CHANGED);
        String origin = string(event, PluginEvents.ORIGIN);
        Operation asked = new Operation(0, null, null, null, null, null, null, null, origin);
        EventDocument data = new EventDocument(topic, verb, string(event, PluginEvents.ID),
                string(event, PluginEvents.VERSION), string(event, PluginEvents.PREVIOUS_VERSION),
                string(event, PluginEvents.STATE),
                changed instanceof String[] ids ? Arrays.asList(ids) : List.of(),
                Boolean.TRUE.equals(event.getProperty(PluginEvents.SUCCEEDED)), string(event, PluginEvents.ERROR_CODE),
                string(event, PluginEvents.MESSAGE), origin, asked.channel(), asked.by());
        return "id: " + id + "\nevent: " + verb + "\ndata: " + JsonDocuments.compact(data) + "\n\n";
    }

    private static String string(Event event, String name) {
        Object value = event.getProperty(name);
        return value == null ? null : String.valueOf(value);
    }
}
