package dev.plinth.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A small record of a text per bundle id, kept as a properties file and written with {@link AtomicFiles}: who
 * installed each bundle, as the plugin manager and the settings bundle each keep in their own data area.
 */
public final class BundleIdFile {

    private BundleIdFile() {
    }

    /** The record in {@code file}; empty when there is none or it cannot be read. Lines that are not a bundle id go. */
    public static Map<Long, String> read(Path file) {
        Map<Long, String> record = new HashMap<>();
        if (file == null || !Files.exists(file)) {
            return record;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return record;
        }
        properties.forEach((key, value) -> {
            try {
                record.put(Long.parseLong((String) key), (String) value);
            } catch (NumberFormatException e) {
                // not a line this record wrote
            }
        });
        return record;
    }

    /** Writes {@code record} to {@code file}, atomically, with {@code comment} as its first line. */
    public static void write(Path file, Map<Long, String> record, String comment) throws IOException {
        Properties properties = new Properties();
        record.forEach((id, text) -> properties.setProperty(Long.toString(id), text));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        properties.store(out, comment);
        AtomicFiles.write(file, out.toByteArray());
    }
}
