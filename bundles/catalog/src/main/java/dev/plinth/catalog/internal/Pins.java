package dev.plinth.catalog.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.common.AtomicFiles;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

/** The pinned plugins, kept in {@code data/catalog/pins.json} and written atomically (temp file, fsync, rename). */
final class Pins {

    private final Path file;
    private final JsonProvider json;

    Pins(Path file, JsonProvider json) {
        this.file = file;
        this.json = json;
    }

    synchronized Set<String> load() throws IOException {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            return new TreeSet<>();
        }
        try (Reader reader = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            JsonObject object = json.createReader(reader).readObject();
            Set<String> pinned = new TreeSet<>();
            object.getJsonArray("pinned").getValuesAs(JsonString.class).forEach(s -> pinned.add(s.getString()));
            return pinned;
        } catch (RuntimeException e) {
            // JsonException, a wrong shape, and the parser's own limits (nesting depth)
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
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
        JsonArrayBuilder ids = json.createArrayBuilder();
        new TreeSet<>(pinned).forEach(ids::add);
        String text = json.createObjectBuilder().add("pinned", ids).build().toString() + "\n";
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
