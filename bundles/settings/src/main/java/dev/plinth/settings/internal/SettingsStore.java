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
