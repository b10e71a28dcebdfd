package dev.plinth.catalog.internal;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Version;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.catalog.PluginSet;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

/**
 * The JSON form of a plugin set:
 * <pre>{"format": "plinth-plugin-set/1", "plugins": [{"id": "...", "version": "1.0.0", "enabled": true, "pinned": false}]}</pre>
 * {@code enabled} is true and {@code pinned} false when left out.
 */
final class PluginSetCodec {

    static final String FORMAT = "plinth-plugin-set/1";

    private final JsonProvider json;

    PluginSetCodec(JsonProvider json) {
        this.json = json;
    }

    String write(PluginSet set) {
        JsonArrayBuilder plugins = json.createArrayBuilder();
        for (PluginSet.Member member : set.plugins()) {
            plugins.add(json.createObjectBuilder().add("id", member.id()).add("version", member.version())
                    .add("enabled", member.enabled()).add("pinned", member.pinned()));
        }
        StringWriter out = new StringWriter();
        try (var writer = json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(json.createObjectBuilder().add("format", FORMAT).add("plugins", plugins).build());
        }
        return out.toString().strip() + "\n";
    }

    /**
     * The set the whole text describes: one JSON object and nothing after it but blanks; a UTF-8 byte order mark
     * before it is allowed.
     */
    PluginSet read(String text) throws PluginException {
        JsonObject object = document(text.startsWith("\uFEFF") ? text.substring(1) : text);
        JsonValue format = object.get("format");
        if (format != null && !(format.getValueType() == JsonValue.ValueType.STRING
                && FORMAT.equals(object.getString("format")))) {
            throw invalid("unknown format " + format + "; this runtime reads " + FORMAT);
        }
        JsonValue plugins = object.get("plugins");
        if (plugins == null || plugins.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid("\"plugins\" must be an array");
        }
        List<PluginSet.Member> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (JsonValue entry : plugins.asJsonArray()) {
            PluginSet.Member member = member(entry, index++);
            if (!seen.add(member.id())) {
                throw invalid(member.id() + " is listed twice");
            }
            members.add(member);
        }
        members.sort(java.util.Comparator.comparing(PluginSet.Member::id));
        return new PluginSet(members);
    }

    private JsonObject document(String text) throws PluginException {
        try (JsonParser parser = json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw invalid("not JSON: the text is empty");
            }
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw invalid("a plugin set is a JSON object with \"plugins\"");
            }
            JsonObject object = parser.getObject();
            try {
                if (parser.hasNext()) {
                    throw trailing(parser.getLocation());
                }
            } catch (JsonParsingException e) {
                throw trailing(e.getLocation());
            }
            return object;
        } catch (RuntimeException e) {
            // JsonException, and the parser's own limits (nesting depth), which are plain RuntimeExceptions
            throw invalid("not JSON: " + e.getMessage());
        }
    }

    private static PluginException trailing(JsonLocation at) {
        return invalid("more follows the JSON object, at line " + at.getLineNumber() + ", column "
                + at.getColumnNumber() + " (was the file cut or edited by hand?)");
    }

    private static PluginSet.Member member(JsonValue entry, int index) throws PluginException {
        String where = "plugins[" + index + "]";
        if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid(where + " must be an object with \"id\" and \"version\"");
        }
        JsonObject object = entry.asJsonObject();
        String id = string(object, "id", where);
        String version = string(object, "version", where + " (" + id + ")");
        try {
            Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            throw invalid(where + " (" + id + "): \"" + version + "\" is not a version");
        }
        return new PluginSet.Member(id, version, flag(object, "enabled", true, where),
                flag(object, "pinned", false, where));
    }

    private static String string(JsonObject object, String name, String where) throws PluginException {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING
                || object.getString(name).trim().isEmpty()) {
            throw invalid(where + " needs \"" + name + "\" as a non-empty string");
        }
        return object.getString(name).trim();
    }

    private static boolean flag(JsonObject object, String name, boolean fallback, String where)
            throws PluginException {
        JsonValue value = object.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw invalid(where + ": \"" + name + "\" must be true or false");
    }

    private static PluginException invalid(String message) {
        return new PluginException(Code.INVALID_INPUT, "invalid plugin set: " + message);
    }
}
