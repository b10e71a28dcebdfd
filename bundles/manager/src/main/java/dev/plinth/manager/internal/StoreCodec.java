package dev.plinth.manager.internal;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

/** The store's files as JSON: the state, the intent journal and history lines. */
final class StoreCodec {

    private final JsonProvider json;

    StoreCodec(JsonProvider json) {
        this.json = json;
    }

    String write(StoreState state) {
        JsonArrayBuilder plugins = json.createArrayBuilder();
        for (StoredPlugin plugin : state.all()) {
            JsonObjectBuilder object = json.createObjectBuilder()
                    .add("id", plugin.id())
                    .add("version", plugin.version())
                    .add("sha256", plugin.sha256())
                    .add("kind", plugin.kind().label())
                    .add("enabled", plugin.enabled())
                    .add("installedAt", plugin.installedAt().toString());
            optional(object, "source", plugin.source());
            optional(object, "lastError", plugin.lastError());
            optional(object, "previousVersion", plugin.previousVersion());
            optional(object, "previousSha256", plugin.previousSha256());
            optional(object, "previousSource", plugin.previousSource());
            plugins.add(object);
        }
        return pretty(json.createObjectBuilder().add("format", 1).add("sequence", state.sequence())
                .add("plugins", plugins).build());
    }

    StoreState readState(String text) {
        JsonObject object = parse(text);
        Map<String, StoredPlugin> plugins = new TreeMap<>();
        for (JsonValue value : object.getJsonArray("plugins")) {
            JsonObject plugin = value.asJsonObject();
            StoredPlugin record = new StoredPlugin(plugin.getString("id"), plugin.getString("version"),
                    plugin.getString("sha256"), string(plugin, "source"),
                    PluginKind.valueOf(plugin.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                    plugin.getBoolean("enabled"), string(plugin, "lastError"), string(plugin, "previousVersion"),
                    string(plugin, "previousSha256"), Instant.parse(plugin.getString("installedAt")),
                    string(plugin, "previousSource"));
            plugins.put(record.id(), record);
        }
        return new StoreState(object.getJsonNumber("sequence").longValue(), plugins);
    }

    String write(Intent intent) {
        JsonArrayBuilder touched = json.createArrayBuilder();
        intent.touched().forEach(touched::add);
        return pretty(json.createObjectBuilder().add("sequence", intent.sequence()).add("verb", intent.verb().name())
                .add("target", intent.target()).add("origin", intent.origin())
                .add("started", intent.started().toString()).add("touched", touched).build());
    }

    Intent readIntent(String text) {
        JsonObject object = parse(text);
        List<String> touched = new ArrayList<>();
        object.getJsonArray("touched").forEach(value -> touched.add(((JsonString) value).getString()));
        return new Intent(object.getJsonNumber("sequence").longValue(), Verb.valueOf(object.getString("verb")),
                object.getString("target"), object.getString("origin"), Instant.parse(object.getString("started")),
                touched);
    }

    /** One line of the history file. */
    String line(Operation operation) {
        JsonObjectBuilder object = json.createObjectBuilder()
                .add("sequence", operation.sequence())
                .add("time", operation.time().toString())
                .add("verb", operation.verb().name())
                .add("target", operation.target())
                .add("outcome", operation.outcome().name())
                .add("origin", operation.origin());
        optional(object, "from", operation.fromVersion());
        optional(object, "to", operation.toVersion());
        optional(object, "message", operation.message());
        StringWriter out = new StringWriter();
        try (JsonWriter writer = json.createWriter(out)) {
            writer.writeObject(object.build());
        }
        return out.toString().replace('\n', ' ');
    }

    Operation readLine(String line) {
        JsonObject object = parse(line);
        return new Operation(object.getJsonNumber("sequence").longValue(), Instant.parse(object.getString("time")),
                Verb.valueOf(object.getString("verb")), object.getString("target"), string(object, "from"),
                string(object, "to"), Operation.Outcome.valueOf(object.getString("outcome")),
                string(object, "message"), object.getString("origin"));
    }

    private JsonObject parse(String text) {
        try (JsonReader reader = json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private String pretty(JsonObject object) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString().strip() + "\n";
    }

    private static void optional(JsonObjectBuilder object, String name, String value) {
        if (value != null) {
            object.add(name, value);
        }
    }

    private static String string(JsonObject object, String name) {
        return object.containsKey(name) && !object.isNull(name) ? object.getString(name) : null;
    }
}
