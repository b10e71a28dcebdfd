package dev.plinth.manager.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;
import dev.plinth.common.json.JsonStreams;

/**
 * The store's files as JSON: the state, the intent journal and history lines, in the layout every earlier version
 * wrote and read (verbs and outcomes as their names, kinds as their labels, absent values left out). They are read
 * on the way to the ready line, so they go through Jackson's streaming layer ({@link JsonStreams}), not databind,
 * whose first use alone costs more than the whole start's JSON.
 */
final class StoreCodec {

    /** The text of each record of the state last written, by identity: records are shared from state to state. */
    private Map<StoredPlugin, String> records = new IdentityHashMap<>();

    /**
     * The state's text: {@link #whole} laid out the same way, with the text of each record kept from the last
     * state written when the record is the same, so that a commit that changes one record of thousands writes
     * one afresh.
     */
    synchronized String write(StoreState state) {
        if (state.plugins().isEmpty()) {
            records = new IdentityHashMap<>();
            return whole(state);
        }
        Map<StoredPlugin, String> next = new IdentityHashMap<>(state.plugins().size() * 2);
        StringBuilder text = new StringBuilder(state.plugins().size() * 400 + 64);
        text.append("{\n    \"format\": 1,\n    \"sequence\": ").append(state.sequence())
                .append(",\n    \"plugins\": [\n");
        String separator = "";
        for (StoredPlugin plugin : state.all()) {
            String record = records.get(plugin);
            if (record == null) {
                record = record(plugin);
            }
            next.put(plugin, record);
            text.append(separator).append(record);
            separator = ",\n";
        }
        records = next;
        return text.append("\n    ]\n}\n").toString();
    }

    /** One record as it stands in the state's array: indented two levels, without the comma. */
    private static String record(StoredPlugin plugin) {
        String alone = JsonStreams.pretty(out -> record(out, plugin));
        return alone.lines().map(line -> "        " + line).collect(java.util.stream.Collectors.joining("\n"));
    }

    private static void record(JsonGenerator out, StoredPlugin plugin) throws java.io.IOException {
        out.writeStartObject();
        out.writeStringField("id", plugin.id());
        out.writeStringField("version", plugin.version());
        out.writeStringField("sha256", plugin.sha256());
        out.writeStringField("kind", plugin.kind().label());
        out.writeBooleanField("enabled", plugin.enabled());
        out.writeStringField("installedAt", plugin.installedAt().toString());
        JsonStreams.optional(out, "source", plugin.source());
        JsonStreams.optional(out, "lastError", plugin.lastError());
        JsonStreams.optional(out, "previousVersion", plugin.previousVersion());
        JsonStreams.optional(out, "previousSha256", plugin.previousSha256());
        JsonStreams.optional(out, "previousSource", plugin.previousSource());
        out.writeEndObject();
    }

    /** The state's text written whole, each record afresh. */
    static String whole(StoreState state) {
        return JsonStreams.pretty(out -> {
            out.writeStartObject();
            out.writeNumberField("format", 1);
            out.writeNumberField("sequence", state.sequence());
            out.writeArrayFieldStart("plugins");
            for (StoredPlugin plugin : state.all()) {
                record(out, plugin);
            }
            out.writeEndArray();
            out.writeEndObject();
        }) + "\n";
    }

    StoreState readState(String text) {
        Map<String, Object> object = JsonStreams.readObject(text);
        Map<String, StoredPlugin> plugins = new TreeMap<>();
        for (StoredPlugin record : records(object)) {
            plugins.put(record.id(), record);
        }
        return new StoreState(number(object, "sequence"), plugins);
    }

    /** One line of the changes file. */
    String write(StoreChange change) {
        return JsonStreams.compact(out -> {
            out.writeStartObject();
            out.writeNumberField("sequence", change.sequence());
            out.writeNumberField("base", change.base());
            out.writeArrayFieldStart("plugins");
            for (StoredPlugin plugin : change.plugins()) {
                record(out, plugin);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("removed");
            for (String id : change.removed()) {
                out.writeString(id);
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    /** A line of the changes file, read; an IllegalArgumentException (or another RuntimeException) when it is not. */
    StoreChange readChange(String line) {
        Map<String, Object> object = JsonStreams.readObject(line);
        List<String> removed = new ArrayList<>();
        list(object, "removed").forEach(value -> removed.add((String) required(value, "removed")));
        return new StoreChange(number(object, "sequence"), number(object, "base"), records(object), removed);
    }

    private static List<StoredPlugin> records(Map<String, Object> object) {
        List<StoredPlugin> records = new ArrayList<>();
        for (Object value : list(object, "plugins")) {
            Map<String, Object> plugin = object(value);
            records.add(new StoredPlugin(string(plugin, "id"), string(plugin, "version"),
                    string(plugin, "sha256"), optional(plugin, "source"),
                    PluginKind.valueOf(string(plugin, "kind").toUpperCase(Locale.ROOT)),
                    (Boolean) required(plugin, "enabled"), optional(plugin, "lastError"),
                    optional(plugin, "previousVersion"), optional(plugin, "previousSha256"),
                    Instant.parse(string(plugin, "installedAt")), optional(plugin, "previousSource")));
        }
        return records;
    }

    String write(Intent intent) {
        return JsonStreams.pretty(out -> {
            out.writeStartObject();
            out.writeNumberField("sequence", intent.sequence());
            out.writeStringField("verb", intent.verb().name());
            out.writeStringField("target", intent.target());
            out.writeStringField("origin", intent.origin());
            out.writeStringField("started", intent.started().toString());
            out.writeArrayFieldStart("touched");
            for (String id : intent.touched()) {
                out.writeString(id);
            }
            out.writeEndArray();
            out.writeEndObject();
        }) + "\n";
    }

    Intent readIntent(String text) {
        Map<String, Object> object = JsonStreams.readObject(text);
        List<String> touched = new ArrayList<>();
        list(object, "touched").forEach(value -> touched.add((String) required(value, "touched")));
        return new Intent(number(object, "sequence"), Verb.valueOf(string(object, "verb")), string(object, "target"),
                string(object, "origin"), Instant.parse(string(object, "started")), touched);
    }

    /** One line of the history file. */
    String line(Operation operation) {
        return JsonStreams.compact(out -> line(out, operation));
    }

    private static void line(JsonGenerator out, Operation operation) throws java.io.IOException {
        out.writeStartObject();
        out.writeNumberField("sequence", operation.sequence());
        out.writeStringField("time", operation.time().toString());
        out.writeStringField("verb", operation.verb().name());
        out.writeStringField("target", operation.target());
        out.writeStringField("outcome", operation.outcome().name());
        out.writeStringField("origin", operation.origin());
        JsonStreams.optional(out, "from", operation.fromVersion());
        JsonStreams.optional(out, "to", operation.toVersion());
        JsonStreams.optional(out, "message", operation.message());
        out.writeEndObject();
    }

    Operation readLine(String line) {
        Map<String, Object> object = JsonStreams.readObject(line);
        return new Operation(number(object, "sequence"), Instant.parse(string(object, "time")),
                Verb.valueOf(string(object, "verb")), string(object, "target"), optional(object, "from"),
                optional(object, "to"), Operation.Outcome.valueOf(string(object, "outcome")),
                optional(object, "message"), string(object, "origin"));
    }

    private static Object required(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("\"" + name + "\" is missing");
        }
        return value;
    }

    private static Object required(Map<String, Object> object, String name) {
        return required(object.get(name), name);
    }

    private static String string(Map<String, Object> object, String name) {
        return (String) required(object, name);
    }

    private static String optional(Map<String, Object> object, String name) {
        return (String) object.get(name);
    }

    private static long number(Map<String, Object> object, String name) {
        return ((Number) required(object, name)).longValue();
    }

    private static List<?> list(Map<String, Object> object, String name) {
        return (List<?>) required(object, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) required(value, "a plugin");
    }
}
