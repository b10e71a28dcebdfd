package dev.plinth.rest.internal;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.plinth.common.json.JsonDocuments;

/**
 * The body of {@code POST /api/fleet/generations}: {@code {"plugins": <plugin set>, "canaries": "1", "canarySeconds":
 * 120, "autoRollback": false, "basedOn": 0}}, the plugin set as {@code GET /api/catalog/export} gives it, every other
 * field optional. Anything else is refused with 400 naming what is wrong.
 *
 * @param plugins the plugin set's JSON text, read by the catalogue
 * @param canaries how many canaries ({@code 2}, {@code 20%}, {@code 0}), or {@code null} for the node's default
 * @param canarySeconds their time limit, or {@code null} for the node's default
 * @param autoRollback whether a halted rollout rolls back on its own, or {@code null} for the node's default
 * @param basedOn the generation the publisher saw, {@code 0} for the current one
 */
record FleetPublish(String plugins, String canaries, Integer canarySeconds, Boolean autoRollback, long basedOn) {

    private static final Set<String> FIELDS = Set.of("plugins", "canaries", "canarySeconds", "autoRollback",
            "basedOn");
    private static final java.util.regex.Pattern CANARIES = java.util.regex.Pattern.compile("(0|[1-9][0-9]{0,5})%?");
    private static final int MAX_SECONDS = 7 * 86_400;

    static FleetPublish parse(String body) throws ApiException {
        JsonNode root;
        try {
            root = JsonDocuments.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(body);
        } catch (JsonProcessingException e) {
            String duplicate = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")
                    ? " (a field is given twice)" : "";
            throw ApiException.badRequest("the body is not JSON" + duplicate + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object with plugins (a plugin set)");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field " + name + " in the body; it takes plugins, canaries, "
                        + "canarySeconds, autoRollback and basedOn");
            }
        }
        JsonNode plugins = root.get("plugins");
        if (plugins == null || !plugins.isObject()) {
            throw ApiException.badRequest("plugins must be a plugin set: an object with \"plugins\", as GET "
                    + "/api/catalog/export gives it");
        }
        return new FleetPublish(JsonDocuments.compact(plugins), canaries(root.get("canaries")),
                seconds(root.get("canarySeconds")),
                flag(root.get("autoRollback")), number(root.get("basedOn"), "basedOn", 0, Long.MAX_VALUE));
    }

    private static String canaries(JsonNode node) throws ApiException {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.isIntegralNumber() || node.isTextual() ? node.asText().strip() : "";
        boolean valid = CANARIES.matcher(text).matches() && (!text.endsWith("%") || share(text) >= 1
                && share(text) <= 100);
        if (!valid) {
            throw ApiException.badRequest("canaries must be a count (\"2\"), a share of the live nodes from 1% to "
                    + "100% (\"20%\"), or \"0\" for every node at once");
        }
        return text;
    }

    private static int share(String text) {
        return Integer.parseInt(text.substring(0, text.length() - 1));
    }

    private static Integer seconds(JsonNode node) throws ApiException {
        long seconds = number(node, "canarySeconds", 1, MAX_SECONDS);
        return seconds == 0 ? null : (int) seconds;
    }

    private static long number(JsonNode node, String name, long min, long max) throws ApiException {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.badRequest(name + " must be a whole number from " + min
                    + (max == Long.MAX_VALUE ? " on" : " to " + max));
        }
        return node.asLong();
    }

    private static Boolean flag(JsonNode node) throws ApiException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("autoRollback must be true or false");
        }
        return node.booleanValue();
    }
}
