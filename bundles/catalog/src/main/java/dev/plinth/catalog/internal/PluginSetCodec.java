package dev.plinth.catalog.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Version;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.common.json.JsonDocuments;

/**
 * The JSON form of a plugin set, through Jackson:
 * <pre>{"format": "plinth-plugin-set/1", "plugins": [{"id": "...", "version": "1.0.0", "enabled": true, "pinned": false,
 *     "settings": {"pid": {"key": ["value"]}}, "secrets": ["pid/key"]}]}</pre>
 * {@code enabled} is true and {@code pinned} false when left out; {@code settings} and {@code secrets} are written only
 * when there are some (a value may be read as one string instead of a list of one).
 */
final class PluginSetCodec {

    static final String FORMAT = "plinth-plugin-set/1";

    /** The file: its format, then the members. */
    record SetFile(String format, List<MemberFile> plugins) {
    }

    /** A member as written: the API's record, with its settings and secrets left out when there are none. */
    record MemberFile(String id, String version, boolean enabled, boolean pinned,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, List<String>>> settings,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> secrets) {

        static MemberFile of(PluginSet.Member member) {
            return new MemberFile(member.id(), member.version(), member.enabled(), member.pinned(), member.settings(),
                    member.secrets());
        }
    }

    String write(PluginSet set) {
        return JsonDocuments.pretty(new SetFile(FORMAT, set.plugins().stream().map(MemberFile::of).toList())) + "\n";
    }

    /**
     * The set the whole text describes: one JSON object and nothing after it but blanks; a UTF-8 byte order mark
     * before it is allowed.
     */
    PluginSet read(String text) throws PluginException {
        JsonNode object = document(text.startsWith("\uFEFF") ? text.substring(1) : text);
        JsonNode format = object.get("format");
        if (format != null && !(format.isTextual() && FORMAT.equals(format.textValue()))) {
            throw invalid("unknown format " + format + "; this runtime reads " + FORMAT);
        }
        JsonNode plugins = object.get("plugins");
        if (plugins == null || !plugins.isArray()) {
            throw invalid("\"plugins\" must be an array");
        }
        List<PluginSet.Member> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (JsonNode entry : plugins) {
            PluginSet.Member member = member(entry, index++);
            if (!seen.add(member.id())) {
                throw invalid(member.id() + " is listed twice");
            }
            members.add(member);
        }
        members.sort(java.util.Comparator.comparing(PluginSet.Member::id));
        return new PluginSet(members);
    }

    private static JsonNode document(String text) throws PluginException {
        try (JsonParser parser = JsonDocuments.mapper().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw invalid("not JSON: the text is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw invalid("a plugin set is a JSON object with \"plugins\"");
            }
            JsonNode object = JsonDocuments.mapper().reader()
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser);
            try {
                if (parser.nextToken() != null) {
                    throw trailing(parser.currentTokenLocation());
                }
            } catch (StreamConstraintsException e) {
                throw nested(e);
            } catch (JsonProcessingException e) {
                throw trailing(e.getLocation());
            }
            return object;
        } catch (StreamConstraintsException e) {
            throw nested(e);
        } catch (IOException | RuntimeException e) {
            throw invalid("not JSON: " + (e instanceof JsonProcessingException json ? json.getOriginalMessage()
                    : e.getMessage()));
        }
    }

    private static PluginException nested(StreamConstraintsException e) {
        return invalid("not JSON: nested too deeply (" + e.getOriginalMessage() + ")");
    }

    private static PluginException trailing(JsonLocation at) {
        return invalid("more follows the JSON object, at line " + at.getLineNr() + ", column "
                + at.getColumnNr() + " (was the file cut or edited by hand?)");
    }

    private static PluginSet.Member member(JsonNode entry, int index) throws PluginException {
        String where = "plugins[" + index + "]";
        if (!entry.isObject()) {
            throw invalid(where + " must be an object with \"id\" and \"version\"");
        }
        String id = string(entry, "id", where);
        String version = string(entry, "version", where + " (" + id + ")");
        try {
            Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            throw invalid(where + " (" + id + "): \"" + version + "\" is not a version");
        }
        String member = where + " (" + id + ")";
        return new PluginSet.Member(id, version, flag(entry, "enabled", true, where),
                flag(entry, "pinned", false, where), settings(entry.get("settings"), member),
                secrets(entry.get("secrets"), member));
    }

    private static Map<String, Map<String, List<String>>> settings(JsonNode node, String where)
            throws PluginException {
        Map<String, Map<String, List<String>>> settings = new LinkedHashMap<>();
        if (node == null) {
            return settings;
        }
        if (!node.isObject()) {
            throw invalid(where + ": \"settings\" must be an object of configurations by PID");
        }
        for (Iterator<Map.Entry<String, JsonNode>> pids = node.fields(); pids.hasNext();) {
            Map.Entry<String, JsonNode> pid = pids.next();
            String at = where + " settings of " + pid.getKey();
            if (pid.getKey().isBlank() || !pid.getValue().isObject()) {
                throw invalid(at + ": must be an object of values by key");
            }
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> keys = pid.getValue().fields(); keys.hasNext();) {
                Map.Entry<String, JsonNode> key = keys.next();
                values.put(key.getKey(), texts(key.getValue(), at + " " + key.getKey()));
            }
            settings.put(pid.getKey(), values);
        }
        return settings;
    }

    private static List<String> texts(JsonNode value, String where) throws PluginException {
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw invalid(where + ": a value is a string or a list of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode text : value) {
            if (!text.isTextual()) {
                throw invalid(where + ": a value is a string or a list of strings");
            }
            texts.add(text.textValue());
        }
        return texts;
    }

    private static List<String> secrets(JsonNode node, String where) throws PluginException {
        if (node == null) {
            return List.of();
        }
        List<String> secrets = node.isArray() ? texts(node, where + " secrets") : null;
        if (secrets == null || secrets.stream().anyMatch(name -> name.indexOf('/') < 1 || name.endsWith("/"))) {
            throw invalid(where + ": \"secrets\" must be a list of \"pid/key\" names");
        }
        return secrets;
    }

    private static String string(JsonNode object, String name, String where) throws PluginException {
        JsonNode value = object.get(name);
        if (value == null || !value.isTextual() || value.textValue().trim().isEmpty()) {
            throw invalid(where + " needs \"" + name + "\" as a non-empty string");
        }
        return value.textValue().trim();
    }

    private static boolean flag(JsonNode object, String name, boolean fallback, String where)
            throws PluginException {
        JsonNode value = object.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw invalid(where + ": \"" + name + "\" must be true or false");
    }

    private static PluginException invalid(String message) {
        return new PluginException(Code.INVALID_INPUT, "invalid plugin set: " + message);
    }
}
