package dev.plinth.itests.reliability;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The plugin store of a home as files on disk: {@code data/manager/}. */
record StoreFiles(Path root) {

    /** One record of {@code state.json}. */
    record Record(String id, String version, String sha256, String previousSha256, boolean enabled, String kind) {
    }

    static StoreFiles of(Home home) {
        return new StoreFiles(home.data("manager"));
    }

    /**
     * The records of {@code state.json} by id, with the commits of {@code state.changes.jsonl} that follow it (each
     * line's {@code base} the sequence reached so far); none when there is no state file.
     */
    Map<String, Record> records() throws IOException {
        Map<String, Record> records = new TreeMap<>();
        Path state = root.resolve("state.json");
        if (!Files.exists(state)) {
            return records;
        }
        long sequence;
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(state)))) {
            JsonObject whole = reader.readObject();
            sequence = whole.getJsonNumber("sequence").longValue();
            put(records, whole);
        }
        Path changes = root.resolve("state.changes.jsonl");
        if (Files.exists(changes)) {
            for (String line : Files.readAllLines(changes)) {
                try (JsonReader reader = Json.createReader(new StringReader(line))) {
                    JsonObject change = reader.readObject();
                    if (change.getJsonNumber("base").longValue() == sequence) {
                        put(records, change);
                        change.getJsonArray("removed").getValuesAs(JsonString.class)
                                .forEach(id -> records.remove(id.getString()));
                        sequence = change.getJsonNumber("sequence").longValue();
                    }
                }
            }
        }
        return records;
    }

    private static void put(Map<String, Record> records, JsonObject holder) {
        for (JsonValue value : holder.getJsonArray("plugins")) {
            JsonObject plugin = value.asJsonObject();
            records.put(plugin.getString("id"), new Record(plugin.getString("id"), plugin.getString("version"),
                    plugin.getString("sha256"), plugin.getString("previousSha256", null),
                    plugin.getBoolean("enabled"), plugin.getString("kind")));
        }
    }

    /** The names of the archives in {@code artifacts/}. */
    Set<String> artifacts() throws IOException {
        return names(root.resolve("artifacts"));
    }

    /** Files an operation leaves only while it runs: the journal, temporary copies, half-written state files. */
    Set<String> leftovers() throws IOException {
        Set<String> leftovers = new TreeSet<>();
        if (Files.exists(root.resolve("intent.json"))) {
            leftovers.add("intent.json");
        }
        names(root.resolve("tmp")).forEach(name -> leftovers.add("tmp/" + name));
        names(root).stream().filter(name -> name.endsWith(".tmp")).forEach(leftovers::add);
        return leftovers;
    }

    /** The whole store's content by relative path, to prove that nothing changed. */
    Map<String, String> fingerprint() throws IOException {
        Map<String, String> content = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return content;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString();
                if (!name.equals("history.jsonl")) {
                    content.put(name, Long.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(file))));
                }
            }
        }
        return content;
    }

    private static Set<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new TreeSet<>();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
