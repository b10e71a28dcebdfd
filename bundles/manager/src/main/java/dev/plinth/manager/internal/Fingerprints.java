package dev.plinth.manager.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import dev.plinth.common.AtomicFiles;

/**
 * Which archive (sha-256) each managed bundle in the framework cache was installed from. The file lives in the
 * manager's own area of the framework cache, so a wiped or replaced cache takes it along and every bundle is
 * then reinstalled from the store.
 */
final class Fingerprints {

    private final Path file;

    Fingerprints(Path file) {
        this.file = file;
    }

    Map<String, String> load() {
        Map<String, String> fingerprints = new HashMap<>();
        if (file == null || !Files.exists(file)) {
            return fingerprints;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return fingerprints;
        }
        properties.forEach((key, value) -> fingerprints.put((String) key, (String) value));
        return fingerprints;
    }

    /** The fingerprints {@code state} implies: each record's id and archive. */
    static Map<String, String> of(StoreState state) {
        Map<String, String> fingerprints = new HashMap<>();
        state.all().forEach(plugin -> fingerprints.put(plugin.id(), plugin.sha256()));
        return fingerprints;
    }

    void save(StoreState state) throws IOException {
        if (file == null) {
            return;
        }
        Properties properties = new Properties();
        of(state).forEach(properties::setProperty);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        properties.store(out, "archive of each managed bundle in this framework cache");
        AtomicFiles.write(file, out.toByteArray());
    }
}
