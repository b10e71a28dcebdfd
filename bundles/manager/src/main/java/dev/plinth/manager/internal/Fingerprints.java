package dev.plinth.manager.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.osgi.framework.Bundle;

import dev.plinth.common.AtomicFiles;

/**
 * Which archive (sha-256) each managed bundle in the framework cache was installed from, and the bundle's
 * last-modified time when the manager installed or updated it: a bundle modified since (updated behind the manager's
 * back) is restored from the store at the next start, without hashing the cache. The file lives in the manager's own
 * area of the framework cache, so a wiped or replaced cache takes it along and every bundle is then reinstalled from
 * the store. A line is {@code id=sha256 lastModified}; a line without the time (written by an older manager) is
 * taken as it is.
 */
final class Fingerprints {

    private final Path file;
    private final Map<String, String> archives = new HashMap<>();
    private final Map<String, Long> modified = new HashMap<>();
    /** The state of the last save, whose fingerprints are those recorded. */
    private StoreState saved;

    Fingerprints(Path file) {
        this.file = file;
    }

    /** Reads the file: the archive of each id (its last-modified times are then in {@link #modified()}). */
    Map<String, String> load() {
        saved = null;
        archives.clear();
        modified.clear();
        if (file == null || !Files.exists(file)) {
            return new HashMap<>();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return new HashMap<>();
        }
        properties.forEach((key, value) -> {
            String[] parts = ((String) value).trim().split(" ", 2);
            archives.put((String) key, parts[0]);
            if (parts.length == 2) {
                try {
                    modified.put((String) key, Long.parseLong(parts[1].trim()));
                } catch (NumberFormatException e) {
                    // no time: the bundle is taken as the manager left it
                }
            }
        });
        return new HashMap<>(archives);
    }

    /** The last-modified time of each bundle as the manager left it, as of the last {@link #load()} or save. */
    Map<String, Long> modified() {
        return new HashMap<>(modified);
    }

    /** The fingerprints {@code state} implies: each record's id and archive. */
    static Map<String, String> of(StoreState state) {
        Map<String, String> fingerprints = new HashMap<>();
        state.all().forEach(plugin -> fingerprints.put(plugin.id(), plugin.sha256()));
        return fingerprints;
    }

    /**
     * Records the archive of each record of {@code state}, with the bundle's last-modified time taken now for the
     * bundles the manager just installed or updated: those whose archive changed, those in {@code changed}, those
     * without a time. Writes only when something changed.
     */
    void save(StoreState state, FrameworkAccess framework, Collection<String> changed) throws IOException {
        if (changed.isEmpty() && saved != null && state.sameArchivesAs(saved)) {
            return;
        }
        Map<String, String> nextArchives = of(state);
        Map<String, Long> nextModified = new HashMap<>();
        for (Map.Entry<String, String> entry : nextArchives.entrySet()) {
            String id = entry.getKey();
            Long recorded = modified.get(id);
            if (recorded == null || changed.contains(id) || !entry.getValue().equals(archives.get(id))) {
                Bundle bundle = framework.bundle(id);
                recorded = bundle == null ? null : bundle.getLastModified();
            }
            if (recorded != null) {
                nextModified.put(id, recorded);
            }
        }
        if (nextArchives.equals(archives) && nextModified.equals(modified)) {
            saved = state;
            return;
        }
        if (file != null) {
            Properties properties = new Properties();
            nextArchives.forEach((id, sha256) -> properties.setProperty(id,
                    nextModified.containsKey(id) ? sha256 + " " + nextModified.get(id) : sha256));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            properties.store(out, "archive and last-modified time of each managed bundle in this framework cache");
            AtomicFiles.write(file, out.toByteArray());
        }
        archives.clear();
        archives.putAll(nextArchives);
        modified.clear();
        modified.putAll(nextModified);
        saved = state;
    }
}
