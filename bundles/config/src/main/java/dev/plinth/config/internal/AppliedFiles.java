package dev.plinth.config.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import dev.plinth.common.AtomicFiles;
import dev.plinth.common.Sha256;

/**
 * Remembers, per PID, which file was last applied and what its content was (a SHA-256), so that
 * a file that did not change is not applied again: a change made through Configuration Admin
 * since then is kept until the file itself changes. Kept in a properties file of the bundle's
 * data area (with the configurations Configuration Admin keeps in the framework cache); without
 * one, or when it cannot be read, every file counts as changed.
 */
final class AppliedFiles {

    /** The file and content a configuration was last written from. */
    record Applied(String fileName, String digest) {
    }

    private final Path store;
    private final Map<String, Applied> applied = new TreeMap<>();

    private AppliedFiles(Path store) {
        this.store = store;
    }

    /** The record kept in {@code store}, or an empty one kept in memory only when {@code store} is null. */
    static AppliedFiles load(Path store) throws IOException {
        AppliedFiles files = new AppliedFiles(store);
        if (store == null) {
            return files;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return files;
        }
        for (String pid : properties.stringPropertyNames()) {
            String value = properties.getProperty(pid);
            int space = value.indexOf(' ');
            if (space > 0) {
                files.applied.put(pid, new Applied(value.substring(space + 1), value.substring(0, space)));
            }
        }
        return files;
    }

    static String digest(byte[] content) {
        return Sha256.of(content);
    }

    synchronized Applied get(String pid) {
        return applied.get(pid);
    }

    synchronized Set<String> pids() {
        return Set.copyOf(applied.keySet());
    }

    synchronized void put(String pid, Applied file) throws IOException {
        if (!file.equals(applied.put(pid, file))) {
            save();
        }
    }

    synchronized void forget(String pid) throws IOException {
        if (applied.remove(pid) != null) {
            save();
        }
    }

    private void save() throws IOException {
        if (store == null) {
            return;
        }
        Properties properties = new Properties();
        applied.forEach((pid, file) -> properties.setProperty(pid, file.digest() + " " + file.fileName()));
        StringWriter text = new StringWriter();
        properties.store(text, "configuration files applied, by PID: sha-256 of the content, then the file name");
        AtomicFiles.write(store, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
