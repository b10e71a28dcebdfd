package dev.plinth.settings.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import dev.plinth.common.AtomicFiles;
import dev.plinth.common.json.JsonDocuments;

/**
 * The settings operators gave plugins, one JSON file per plugin in a directory ({@code data/settings/}): written
 * atomically (a crash leaves the old or the new file), read back as written, kept in memory once read. Changes go
 * through {@link #update}, which holds a lock (in this process and on the file {@code .lock}, against another
 * process on the same home) while it reads, changes and writes a file.
 */
final class SettingsStore {

    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final Path directory;
    private final Map<String, StoreDocument> cache = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    SettingsStore(Path directory) {
        this.directory = directory;
    }

    /** A change of one plugin's document. */
    @FunctionalInterface
    interface Change {
        StoreDocument apply(StoreDocument current) throws IOException;
    }

    /** The file of a plugin's settings. */
    Path file(String pluginId) {
        if (pluginId == null || !PLUGIN_ID.matcher(pluginId).matches() || pluginId.contains("..")) {
            throw new IllegalArgumentException("not a plugin id: " + pluginId);
        }
        return directory.resolve(pluginId + ".json");
    }

    /** A plugin's settings; empty when it has none. */
    StoreDocument load(String pluginId) throws IOException {
        StoreDocument cached = cache.get(pluginId);
        if (cached != null) {
            return cached;
        }
        StoreDocument read = read(file(pluginId));
        cache.put(pluginId, read);
        return read;
    }

    /** Applies {@code change} to a plugin's settings and writes them; returns what was written. */
    StoreDocument update(String pluginId, Change change) throws IOException {
        Path file = file(pluginId);
        lock.lock();
        try (FileChannel channel = lockChannel()) {
            FileLock held = channel.lock();
            assert held.isValid();
            cache.remove(pluginId);
            StoreDocument current = read(file);
            StoreDocument next = change.apply(current);
            if (next.equals(current)) {
                cache.put(pluginId, current);
                return current;
            }
            if (next.isEmpty()) {
                Files.deleteIfExists(file);
                AtomicFiles.syncDirectory(directory);
            } else {
                AtomicFiles.write(file, (JsonDocuments.pretty(next) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            cache.put(pluginId, next);
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes a plugin's settings. */
    void delete(String pluginId) throws IOException {
        update(pluginId, current -> StoreDocument.EMPTY);
    }

    /** Turns one sealed text into another (sealed with another key). */
    @FunctionalInterface
    interface Reseal {
        String apply(String sealed) throws IOException;
    }

    /** The ids of the plugins that have a settings file. */
    List<String> pluginIds() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ids;
        }
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json") && !name.startsWith(".")) {
                    String id = name.substring(0, name.length() - ".json".length());
                    if (PLUGIN_ID.matcher(id).matches()) {
                        ids.add(id);
                    }
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    /**
     * Re-seals every sealed text of every settings file (the operators' secrets and the last good ones), each file
     * written atomically; for a key rotation. A file is written only when all its texts are re-sealed.
     *
     * @param sealed whether a text is sealed
     * @return how many texts were re-sealed
     */
    int resealAll(java.util.function.Predicate<String> sealed, Reseal reseal) throws IOException {
        int[] count = {0};
        for (String pluginId : pluginIds()) {
            update(pluginId, current -> {
                StoreDocument next = current;
                for (Map.Entry<String, StoredConfiguration> entry : current.configurations().entrySet()) {
                    Map<String, List<String>> values = new java.util.LinkedHashMap<>();
                    for (Map.Entry<String, List<String>> value : entry.getValue().values().entrySet()) {
                        values.put(value.getKey(), resealed(value.getValue(), sealed, reseal, count));
                    }
                    Map<String, StoredValue> lastGood = new java.util.LinkedHashMap<>();
                    for (Map.Entry<String, StoredValue> value : entry.getValue().lastGood().entrySet()) {
                        StoredValue stored = value.getValue();
                        lastGood.put(value.getKey(), new StoredValue(stored.type(), stored.shape(),
                                resealed(stored.values(), sealed, reseal, count)));
                    }
                    next = next.with(entry.getKey(), new StoredConfiguration(values, lastGood));
                }
                return next;
            });
        }
        return count[0];
    }

    private static List<String> resealed(List<String> texts, java.util.function.Predicate<String> sealed,
            Reseal reseal, int[] count) throws IOException {
        List<String> result = new ArrayList<>();
        for (String text : texts) {
            if (sealed.test(text)) {
                result.add(reseal.apply(text));
                count[0]++;
            } else {
                result.add(text);
            }
        }
        return result;
    }

    /** Deletes the temporary files of writes that a crash interrupted. */
    void removeLeftovers() {
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // no directory yet, or it cannot be listed: the next write says so
        }
    }

    /** Forgets what was read, so the next read comes from the disk. */
    void forget(String pluginId) {
        cache.remove(pluginId);
    }

    private FileChannel lockChannel() throws IOException {
        Files.createDirectories(directory);
        return FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /**
     * The document a settings file holds; {@link StoreDocument#EMPTY} when there is no file.
     *
     * @throws IOException naming the file when it cannot be read or is not a settings document
     */
    static StoreDocument read(Path file) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return StoreDocument.EMPTY;
        }
        return parse(file.toString(), bytes);
    }

    /** The document {@code bytes} hold; an {@link IOException} naming {@code name} when they do not hold one. */
    static StoreDocument parse(String name, byte[] bytes) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(name + " is not a settings file: not UTF-8 text", e);
        }
        StoreDocument document;
        try {
            document = JsonDocuments.read(text, StoreDocument.class);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new IOException(name + " is not a settings file: " + firstLine(e.getMessage()), e);
        }
        if (document == null) {
            throw new IOException(name + " is not a settings file: it holds no object");
        }
        if (document.format() != StoreDocument.FORMAT) {
            throw new IOException(name + " has settings format " + document.format() + ", this runtime reads "
                    + StoreDocument.FORMAT);
        }
        return document;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
