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

    private static <T> T read(String json, JavaType type) {
        try {
            return JsonDocuments.mapper().readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e.getOriginalMessage(), e);
        }
    }
}
