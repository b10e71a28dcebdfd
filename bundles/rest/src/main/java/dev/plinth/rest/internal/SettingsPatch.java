package dev.plinth.rest.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PATCH /api/plugins/{id}/settings}: {@code {"pid": "...", "set": {"key": "text" | ["a", "b"]}}}
 * or {@code {"pid": "...", "unset": ["key"]}} ({@code "unset": []} for every key of the PID). {@code pid} is left out
 * when the plugin has a single configuration; numbers and booleans are taken as their text. Anything else is
 * refused with 400 naming what is wrong (never a value).
 *
 * @param pid the PID, or {@code null}
 * @param set the values to set, or {@code null} for an unset
 * @param unset the keys to unset, or {@code null} for a set
 */
record SettingsPatch(String pid, Map<String, List<String>> set, Set<String> unset) {

    private static final Set<String> FIELDS = Set.of("pid", "set", "unset");

    static SettingsPatch parse(String body) throws ApiException {
        JsonNode root = JsonObjectBody.read(body, FIELDS, "a JSON object with pid, and set or unset",
                "pid, set and unset");
        JsonNode pid = root.get("pid");
        if (pid != null && !pid.isNull() && (!pid.isTextual() || pid.asText().isBlank())) {
            throw ApiException.badRequest("pid must be a PID (text), or left out for the plugin's single "
                    + "configuration");
        }
        JsonNode set = root.get("set");
        JsonNode unset = root.get("unset");
        if ((set == null) == (unset == null)) {
            throw ApiException.badRequest("the body must have either set (an object of values by key) or unset (an "
                    + "array of keys), not " + (set == null ? "neither" : "both"));
        }
        String pidText = pid == null || pid.isNull() ? null : pid.asText();
        return set != null ? new SettingsPatch(pidText, values(set), null)
                : new SettingsPatch(pidText, null, keys(unset));
    }

    private static Map<String, List<String>> values(JsonNode set) throws ApiException {
        if (!set.isObject() || set.isEmpty()) {
            throw ApiException.badRequest("set must be an object of at least one key with its value: a text, or an "
                    + "array of texts for several values");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = set.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> texts = new ArrayList<>();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    texts.add(text(field.getKey(), item));
                }
            } else {
                texts.add(text(field.getKey(), value));
            }
            values.put(field.getKey(), texts);
        }
        return values;
    }

    private static String text(String key, JsonNode value) throws ApiException {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw ApiException.badRequest("the value of " + key + " must be a text, a number, a boolean or an array of "
                + "them" + (value.isNull() ? " (to remove a value, use unset)" : ""));
    }

    private static Set<String> keys(JsonNode unset) throws ApiException {
        if (!unset.isArray()) {
            throw ApiException.badRequest("unset must be an array of keys ([] for every key of the PID)");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode key : unset) {
            if (!key.isTextual() || key.asText().isBlank()) {
                throw ApiException.badRequest("unset must be an array of keys (texts)");
            }
            keys.add(key.asText());
        }
        return keys;
    }
}
