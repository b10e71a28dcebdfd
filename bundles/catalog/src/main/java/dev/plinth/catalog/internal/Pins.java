package dev.plinth.catalog.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.common.AtomicFiles;
import dev.plinth.common.json.JsonDocuments;

/**
 * The pinned plugins, kept in {@code data/catalog/pins.json} ({@code {"pinned": ["id", ...]}}, through Jackson)
 * and written atomically (temp file, fsync, rename).
 */
final class Pins {

    /** The file. */
    record PinsFile(List<String> pinned) {
    }

    private final Path file;

    Pins(Path file) {
        this.file = file;
    }

    synchronized Set<String> load() throws IOException {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            return new TreeSet<>();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            JsonNode ids = JsonDocuments.read(text, JsonNode.class).get("pinned");
            if (ids == null || !ids.isArray()) {
                throw new IllegalArgumentException("\"pinned\" must be an array");
            }
            Set<String> pinned = new TreeSet<>();
            for (JsonNode id : ids) {
                if (!id.isTextual()) {
                    throw new IllegalArgumentException("\"pinned\" holds " + id + ", not a plugin id");
                }
                pinned.add(id.textValue());
            }
            return pinned;
        } catch (RuntimeException e) {
            // not JSON, a wrong shape, and the parser's own limits (nesting depth)
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * The pinned ids, for a decision that depends on them: a file that cannot be read refuses, as pins that cannot
     * be checked must not let a version change through.
     */
    Set<String> pinned() throws PluginException {
        try {
            return load();
        } catch (IOException e) {
            throw unusable(e);
        }
    }

    /** Why nothing that depends on the pins can go on. */
    static PluginException unusable(IOException e) {
        return new PluginException(Code.IO_ERROR, "the pins cannot be used: " + e.getMessage() + "; no pinned "
                + "plugin can be told apart, so nothing is updated or pinned until the file is repaired (deleting "
                + "it unpins every plugin)");
    }

    /** One read, edit and write of the file at a time, so that concurrent changes are never lost. */
    synchronized void update(java.util.function.Consumer<Set<String>> edit) throws IOException {
        Set<String> pinned = load();
        edit.accept(pinned);
        save(pinned);
    }

    synchronized void save(Set<String> pinned) throws IOException {
        String text = JsonDocuments.compact(new PinsFile(List.copyOf(new TreeSet<>(pinned)))) + "\n";
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
