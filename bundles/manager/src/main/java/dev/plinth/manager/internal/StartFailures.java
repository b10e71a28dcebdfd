package dev.plinth.manager.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import dev.plinth.common.AtomicFiles;

/**
 * How many times in a row each plugin failed to start when the runtime started ({@code start-failures.properties}
 * in the store). A plugin that failed {@link #LIMIT} times in a row is quarantined: the runtime no longer starts
 * it by itself, it stays {@code failed} until the operator enables it again.
 */
final class StartFailures {

    /** Failed starts in a row after which a plugin is quarantined. */
    static final int LIMIT = 3;

    private final Path file;
    private final Map<String, Integer> counts = new TreeMap<>();

    StartFailures(Path file) {
        this.file = file;
    }

    /** Reads the counts; an unreadable file counts as none. */
    StartFailures load() {
        counts.clear();
        if (!Files.exists(file)) {
            return this;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            properties.forEach((id, count) -> counts.put((String) id, Integer.parseInt((String) count)));
        } catch (IOException | IllegalArgumentException e) {
            counts.clear();
        }
        return this;
    }

    boolean quarantined(String id) {
        return counts.getOrDefault(id, 0) >= LIMIT;
    }

    /** Counts one more failed start; returns how many in a row. */
    int failed(String id) {
        return counts.merge(id, 1, Integer::sum);
    }

    /** Forgets the failures of {@code id}: it started, was enabled by the operator or removed. */
    boolean clear(String id) {
        return counts.remove(id) != null;
    }

    void save() throws IOException {
        if (counts.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Properties properties = new Properties();
        counts.forEach((id, count) -> properties.setProperty(id, Integer.toString(count)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        properties.store(out, "failed starts in a row, by plugin");
        AtomicFiles.write(file, out.toByteArray());
    }
}
