package dev.plinth.feature.model;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads Feature JSON (OSGi Compendium R8, 159.2) into a {@link Feature}. */
public final class FeatureReader {

    private static final String RESOURCE_VERSION = "feature-resource-version";

    private FeatureReader() {
    }

    public static Feature read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    public static Feature read(String text, String source) {
        return read(new StringReader(text), source);
    }

    private static Feature read(Reader reader, String source) {
        JsonObject json;
        try (JsonReader parser = Json.createReader(reader)) {
            json = parser.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(source + " is not a JSON object: " + e.getMessage(), e);
        }
        try {
            return feature(json);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(source + " is not a feature: " + e.getMessage(), e);
        }
    }

    private static Feature feature(JsonObject json) {
        String version = json.getString(RESOURCE_VERSION, "1.0");
        if (!version.equals("1.0")) {
            throw new IllegalArgumentException(RESOURCE_VERSION + " is " + version + "; this reader knows 1.0");
        }
        if (!json.containsKey("id")) {
            throw new IllegalArgumentException("it has no id");
        }
        ArtifactId id = ArtifactId.parse(json.getString("id"));
        Optional<String> description = Optional.ofNullable(json.getString("description", null));
        List<FeatureBundle> bundles = new ArrayList<>();
        for (JsonValue entry : json.getJsonArray("bundles") == null ? List.<JsonValue>of() : json.getJsonArray("bundles")) {
            bundles.add(bundle(entry));
        }
        return new Feature(id, description, includes(json), bundles, json);
    }

    private static FeatureBundle bundle(JsonValue entry) {
        JsonObject bundle = entry.getValueType() == JsonValue.ValueType.STRING
                ? Json.createObjectBuilder().add("id", ((JsonString) entry).getString()).build()
                : entry.asJsonObject();
        ArtifactId id = ArtifactId.parse(bundle.getString("id"));
        return new FeatureBundle(id, startOrder(bundle, id), Optional.ofNullable(bundle.getString(
                Feature.KARAF_FEATURE, null)), bundle);
    }

    private static OptionalInt startOrder(JsonObject bundle, ArtifactId id) {
        JsonValue value = bundle.get(Feature.START_ORDER);
        if (value == null) {
            return OptionalInt.empty();
        }
        int level = value.getValueType() == JsonValue.ValueType.NUMBER ? ((JsonNumber) value).intValueExact()
                : Integer.parseInt(((JsonString) value).getString());
        if (level <= 0) {
            throw new IllegalArgumentException(id + " has the start order " + level + "; a start level is positive");
        }
        return OptionalInt.of(level);
    }

    private static List<ArtifactId> includes(JsonObject json) {
        JsonObject extensions = json.getJsonObject("extensions");
        if (extensions == null || !extensions.containsKey(Feature.INCLUDES)) {
            return List.of();
        }
        JsonObject extension = extensions.getJsonObject(Feature.INCLUDES);
        if (!"artifacts".equals(extension.getString("type", null))) {
            throw new IllegalArgumentException("the extension " + Feature.INCLUDES + " must be of type artifacts");
        }
        List<ArtifactId> includes = new ArrayList<>();
        for (JsonValue artifact : extension.getJsonArray("artifacts")) {
            String id = artifact.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) artifact).getString()
                    : artifact.asJsonObject().getString("id");
            includes.add(ArtifactId.parse(id));
        }
        return includes;
    }
}
