package dev.plinth.maven.run;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The line the goal prints for the plugin manager's event of a deployed build: what is active now, or why not. A
 * field the event leaves out or sets to {@code null} is left out of the line.
 */
final class EventLine {

    private EventLine() {
    }

    /** The line for a succeeded operation; {@code ms} is the time since the jar was written. */
    static String succeeded(String pluginId, JsonNode event, long ms) {
        String verb = text(event, "verb").orElse("change");
        Optional<String> version = text(event, "version");
        Optional<String> previous = text(event, "previousVersion");
        Optional<String> state = text(event, "state");
        String after = ms + " ms after the jar was written)";
        if ("remove".equals(verb) || state.isEmpty()) {
            return pluginId + version.or(() -> previous).map(v -> " " + v).orElse("") + " was " + pastTense(verb)
                    + " (" + after;
        }
        return pluginId + version.map(v -> " " + v).orElse("") + " is " + state.get() + " (" + verb + " from "
                + previous.orElse("nothing") + ", " + after;
    }

    /** The line for a refused or undone operation of the build {@code version}. */
    static String failed(String pluginId, String version, JsonNode event) {
        return pluginId + " " + version + " was not deployed: " + text(event, "code").orElse("no code") + ": "
                + text(event, "message").orElse("no message")
                + " (the previous version keeps running; details in data/log/plinth.log)";
    }

    private static String pastTense(String verb) {
        return verb.endsWith("e") ? verb + "d" : verb + "ed";
    }

    private static Optional<String> text(JsonNode event, String field) {
        JsonNode value = event.path(field);
        if (value.isMissingNode() || value.isNull() || value.asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }
}
