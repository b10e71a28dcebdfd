package dev.plinth.itests.reliability;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The managed bundles (plugins and libraries) of one {@code plugin:list --all --json} or {@code GET /api/plugins}
 * answer, by id.
 */
record Listing(Map<String, Row> rows, Set<String> unmanaged) {

    /** One managed bundle as the operator sees it. */
    record Row(String id, String version, String state, String kind, Set<String> requires,
            Set<String> requiredBy, String sha256) {

        /** "id version state kind": what must be before or after an operation. */
        String summary() {
            return id + " " + version + " " + state + " " + kind;
        }
    }

    static Listing of(JsonArray array) {
        Map<String, Row> rows = new TreeMap<>();
        Set<String> unmanaged = new TreeSet<>();
        for (JsonValue value : array) {
            JsonObject object = value.asJsonObject();
            String kind = object.getString("kind");
            if (kind.equals("unmanaged")) {
                unmanaged.add(object.getString("id"));
            }
            if (!kind.equals("plugin") && !kind.equals("library")) {
                continue;
            }
            Row row = new Row(object.getString("id"), object.getString("version"), object.getString("state"), kind,
                    strings(object.getJsonArray("requires")), strings(object.getJsonArray("requiredBy")),
                    object.getString("sha256", null));
            rows.put(row.id(), row);
        }
        return new Listing(rows, unmanaged);
    }

    /** The JSON arrays printed at the start of a line in {@code output}, in order. */
    static List<Listing> allIn(String output) {
        List<Listing> listings = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = output.startsWith("[") && from == 0 ? 0 : output.indexOf("\n[", from);
            if (start < 0) {
                return listings;
            }
            start = output.charAt(start) == '\n' ? start + 1 : start;
            int end = output.indexOf("\n]", start);
            if (end < 0) {
                throw new AssertionError("an unterminated JSON array in:\n" + output);
            }
            try (JsonReader reader = Json.createReader(new StringReader(output.substring(start, end + 2)))) {
                listings.add(of(reader.readArray()));
            }
            from = end + 2;
        }
    }

    /**
     * What a reader must never see, since the manager publishes a new view only between operations: a plugin
     * starting or stopping, an enabled plugin whose library is missing or not running, a library no plugin needs.
     */
    java.util.List<String> halfApplied() {
        java.util.List<String> seen = new ArrayList<>();
        for (Row row : rows.values()) {
            if (!Set.of("installed", "enabled", "failed").contains(row.state())) {
                seen.add(row.id() + " is " + row.state());
            }
            if (row.kind().equals("library") && row.requiredBy().stream().noneMatch(rows::containsKey)) {
                seen.add("library " + row.id() + " without a plugin that needs it");
            }
            for (String required : row.requires()) {
                Row provider = rows.get(required);
                if (row.state().equals("enabled") && provider != null && !provider.state().equals("enabled")) {
                    seen.add(row.id() + " is enabled but " + required + " is " + provider.state());
                }
            }
            if (row.id().equals("dev.plinth.sample.greeter.en") && !rows.containsKey("dev.plinth.sample.greeting")) {
                seen.add(row.id() + " without its library dev.plinth.sample.greeting");
            }
        }
        return seen;
    }

    /** "version state" of each plugin (not library), by id. */
    Map<String, String> pluginStates() {
        Map<String, String> states = new TreeMap<>();
        rows.values().stream().filter(row -> row.kind().equals("plugin"))
                .forEach(row -> states.put(row.id(), row.version() + " " + row.state()));
        return states;
    }

    /** The ids of the libraries. */
    Set<String> libraries() {
        Set<String> libraries = new TreeSet<>();
        rows.values().stream().filter(row -> row.kind().equals("library")).forEach(row -> libraries.add(row.id()));
        return libraries;
    }

    /** The summaries of all rows, sorted. */
    Set<String> summaries() {
        Set<String> summaries = new TreeSet<>();
        rows.values().forEach(row -> summaries.add(row.summary()));
        return summaries;
    }

    private static Set<String> strings(JsonArray array) {
        Set<String> strings = new TreeSet<>();
        array.forEach(value -> strings.add(((JsonString) value).getString()));
        return strings;
    }
}
