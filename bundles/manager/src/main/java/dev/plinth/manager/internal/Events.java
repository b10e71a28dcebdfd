package dev.plinth.manager.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.plinth.api.PluginEvents;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.Verb;

/** Posts the manager's events on EventAdmin, under {@code dev/plinth/plugin/<VERB>}. */
final class Events {

    private Events() {
    }

    static void post(EventAdmin eventAdmin, Verb verb, String target, PluginInfo after, String fromVersion,
            List<String> changed, PluginException failure, String origin) {
        if (eventAdmin == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(PluginEvents.ID, target);
        properties.put(PluginEvents.ORIGIN, origin);
        properties.put(PluginEvents.SUCCEEDED, failure == null);
        properties.put(PluginEvents.CHANGED, changed.toArray(String[]::new));
        if (after != null) {
            properties.put(PluginEvents.VERSION, after.version());
            properties.put(PluginEvents.STATE, after.state().label());
        } else if (fromVersion != null) {
            properties.put(PluginEvents.VERSION, fromVersion);
        }
        if (fromVersion != null && failure == null) {
            properties.put(PluginEvents.PREVIOUS_VERSION, fromVersion);
        }
        if (failure != null) {
            properties.put(PluginEvents.ERROR_CODE, failure.code().name());
            properties.put(PluginEvents.MESSAGE, failure.getMessage());
        }
        eventAdmin.postEvent(new Event(verb.topic(), properties));
    }
}
