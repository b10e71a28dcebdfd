package dev.plinth.fleet.internal;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;

import dev.plinth.api.catalog.PluginSet;
import dev.plinth.common.json.JsonDocuments;

/** The JSON of the fleet's {@code jsonb} columns: plugin sets, archives' and libraries' SHA-256, drift lines. */
final class Json {

    private static final JavaType STRINGS = JsonDocuments.mapper().getTypeFactory()
            .constructType(new TypeReference<List<String>>() { });
    private static final JavaType ARCHIVES = JsonDocuments.mapper().getTypeFactory()
            .constructType(new TypeReference<Map<String, String>>() { });

    private Json() {
    }

    static String write(Object value) {
        return JsonDocuments.compact(value);
    }

    static PluginSet set(String json) {
        return json == null ? new PluginSet(List.of()) : JsonDocuments.read(json, PluginSet.class);
    }

    static List<String> strings(String json) {
        return json == null ? List.of() : read(json, STRINGS);
    }

    static Map<String, String> archives(String json) {
        return json == null ? Map.of() : read(json, ARCHIVES);
    }

    /**
     * The plugin set {@code json} holds, refused in words (never the parser's) when it is not one: not JSON, another
     * shape, a member without id or version.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static PluginSet readableSet(String json) {
        PluginSet set;
        try {
            set = json == null ? null : JsonDocuments.read(json, PluginSet.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a plugin set");
        }
        if (set == null) {
            throw new IllegalArgumentException("not a plugin set");
        }
        for (PluginSet.Member member : set.plugins()) {
            if (member == null || member.id() == null || member.version() == null) {
                throw new IllegalArgumentException("a member without id or version");
            }
        }
        return set;
    }

    /** Like {@link #strings} and {@link #archives}, refused in words when the JSON is of another shape. */
    static List<String> readableStrings(String json) {
        try {
            List<String> list = strings(json);
            if (list == null || list.contains(null)) {
                throw new IllegalArgumentException("not a list of texts");
            }
            return list;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a list of texts");
        }
    }

    static Map<String, String> readableArchives(String json) {
        try {
            Map<String, String> map = archives(json);
            if (map == null || map.containsValue(null)) {
                throw new IllegalArgumentException("not an object of SHA-256 texts");
            }
            return map;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an object of SHA-256 texts");
        }
    }

    private static <T> T read(String json, JavaType type) {
        try {
            return JsonDocuments.mapper().readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e.getOriginalMessage(), e);
        }
    }
}
