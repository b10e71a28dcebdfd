package dev.plinth.rest.internal;

import java.util.Arrays;

import org.osgi.service.event.Event;

import dev.plinth.api.PluginEvents;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/** Turns the manager's EventAdmin events into Server-Sent Events frames: the verb as event name, JSON as data. */
final class EventFrames {

    private final JsonProvider json;

    EventFrames(JsonProvider json) {
        this.json = json;
    }

    /** The frame for one event, numbered {@code id}; ends with the blank line that completes it. */
    String frame(long id, Event event) {
        String topic = event.getTopic();
        String verb = topic.startsWith(PluginEvents.TOPIC_PREFIX)
                ? topic.substring(PluginEvents.TOPIC_PREFIX.length()).toLowerCase(java.util.Locale.ROOT)
                : topic;
        JsonObjectBuilder data = json.createObjectBuilder().add("topic", topic).add("verb", verb);
        string(data, "id", event.getProperty(PluginEvents.ID));
        string(data, "version", event.getProperty(PluginEvents.VERSION));
        string(data, "previousVersion", event.getProperty(PluginEvents.PREVIOUS_VERSION));
        string(data, "state", event.getProperty(PluginEvents.STATE));
        Object changed = event.getProperty(PluginEvents.CHANGED);
        data.add("changed", json.createArrayBuilder(changed instanceof String[] ids ? Arrays.asList(ids)
                : java.util.List.of()));
        data.add("succeeded", Boolean.TRUE.equals(event.getProperty(PluginEvents.SUCCEEDED)));
        string(data, "code", event.getProperty(PluginEvents.ERROR_CODE));
        string(data, "message", event.getProperty(PluginEvents.MESSAGE));
        string(data, "origin", event.getProperty(PluginEvents.ORIGIN));
        return "id: " + id + "\nevent: " + verb + "\ndata: " + data.build() + "\n\n";
    }

    private static void string(JsonObjectBuilder object, String name, Object value) {
        if (value == null) {
            object.addNull(name);
        } else {
            object.add(name, String.valueOf(value));
        }
    }
}
