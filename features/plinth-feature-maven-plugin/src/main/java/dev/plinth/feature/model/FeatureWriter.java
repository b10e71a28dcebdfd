package dev.plinth.feature.model;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

/** Writes a feature as indented Feature JSON. */
public final class FeatureWriter {

    private FeatureWriter() {
    }

    public static String text(Feature feature) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(text)) {
            writer.writeObject(feature.json());
        }
        return text.toString().strip() + "\n";
    }

    public static void write(Feature feature, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text(feature), StandardCharsets.UTF_8);
    }
}
