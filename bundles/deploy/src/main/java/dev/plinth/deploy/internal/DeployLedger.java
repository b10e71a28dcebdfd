package dev.plinth.deploy.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.plinth.api.PluginInfo;
import dev.plinth.common.AtomicFiles;
import dev.plinth.common.json.JsonStreams;

/**
 * What the deploy directory deployed, by file name ({@code data/deploy/deployed.json}): the plugin each file
 * holds, the file's content when it was deployed and when that was, and which directory the names are in.
 * Comparing it with the directory tells what changed, also while Plinth was stopped. Replaced atomically at
 * every save. Read on the way to the ready line, so through Jackson's streaming layer ({@link JsonStreams}).
 */
final class DeployLedger {

    /**
     * One deployed file.
     *
     * @param id the plugin id
     * @param version the plugin version
     * @param sha256 the file's content when deployed
     * @param since when it was deployed
     */
    record Entry(String id, String version, String sha256, Instant since, String refused) {

        /** An entry with no refused content. */
        Entry(String id, String version, String sha256, Instant since) {
            this(id, version, sha256, since, null);
        }

        /**
         * The same entry, remembering the SHA-256 of the file's content whose change was refused ({@code null}:
         * none), so that a plugin removed afterwards is not brought back while the file stays as it was.
         */
        Entry withRefused(String sha) {
            return new Entry(id, version, sha256, since, sha);
        }

        /** The entry of a plugin installed from the file: deployed when it was installed (or now, if unknown). */
        static Entry of(PluginInfo plugin, Clock clock) {
            return new Entry(plugin.id(), plugin.version(), plugin.sha256(),
                    plugin.installedAt() != null ? plugin.installedAt() : clock.instant());
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();
    private Path directory;

    DeployLedger(Path file) {
        this.file = file;
    }

    /**
     * Reads the ledger; a missing file is an empty ledger.
     *
     * @return false when there is no ledger file
     * @throws IOException naming the file, when it cannot be read or is not a ledger
     */
    boolean load() throws IOException {
        entries.clear();
        directory = null;
        if (!Files.exists(file)) {
            return false;
        }
        String written = Files.getLastModifiedTime(file).toInstant().toString();
        try {
            Map<String, Object> root = JsonStreams.readObject(decode(Files.readAllBytes(file)));
            directory = root.containsKey("directory") ? Path.of(string(root, "directory")) : null;
            Map<String, Object> files = object(root.get("files"), "files");
            for (Map.Entry<String, Object> file : files.entrySet()) {
                String name = file.getKey();
                if (!fileName(name)) {
                    throw new IOException("'" + DeployNames.printable(name) + "' is not a file name of the deploy "
                            + "directory");
                }
                Map<String, Object> entry = object(file.getValue(), name);
                entries.put(name, new Entry(string(entry, "id"), string(entry, "version"), string(entry, "sha256"),
                        Instant.parse(entry.get("since") instanceof String since ? since : written),
                        entry.get("refused") instanceof String refused ? refused : null));
            }
        } catch (IOException | RuntimeException e) {
            entries.clear();
            directory = null;
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
        return true;
    }

    /** Renames an unreadable ledger to {@code deployed.json.unreadable}, keeping it for a look; returns the new name. */
    Path setAside() throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        AtomicFiles.move(file, aside);
        return aside;
    }

    /** The directory the names are in, when the ledger records one. */
    Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** Starts over with {@code newEntries}, names in {@code newDirectory}. */
    void restart(Path newDirectory, Map<String, Entry> newEntries) {
        Map<String, Entry> copy = Map.copyOf(newEntries);
        entries.clear();
        entries.putAll(copy);
        directory = newDirectory;
    }

    Optional<Entry> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    Map<String, Entry> entries() {
        return Map.copyOf(entries);
    }

    void put(String name, Entry entry) {
        entries.put(name, entry);
    }

    /** Forgets {@code name}, if it still holds plugin {@code id} (another plugin may have taken its place). */
    void remove(String name, String id) {
        entries.computeIfPresent(name, (key, entry) -> entry.id().equals(id) ? null : entry);
    }

    void save() throws IOException {
        String text = JsonStreams.compact(this::write);
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(JsonGenerator out) throws IOException {
        out.writeStartObject();
        if (directory != null) {
            out.writeStringField("directory", directory.toString());
        }
        out.writeObjectFieldStart("files");
        for (Map.Entry<String, Entry> named : entries.entrySet()) {
            Entry entry = named.getValue();
            out.writeObjectFieldStart(named.getKey());
            out.writeStringField("id", entry.id());
            out.writeStringField("version", entry.version());
            out.writeStringField("sha256", entry.sha256());
            out.writeStringField("since", entry.since().toString());
            JsonStreams.optional(out, "refused", entry.refused());
            out.writeEndObject();
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    private static String string(Map<String, Object> object, String name) throws IOException {
        if (object.get(name) instanceof String value) {
            return value;
        }
        throw new IOException("\"" + name + "\" must be a string");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String name) throws IOException {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IOException("\"" + name + "\" must be an object");
    }

    /** True for the name of a file directly in a directory: one valid name, not empty, {@code .} or {@code ..}. */
    private static boolean fileName(String name) {
        try {
            Path path = Path.of(name);
            return !name.isEmpty() && path.getNameCount() == 1 && !path.isAbsolute() && path.toString().equals(name)
                    && !name.equals(".") && !name.equals("..");
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
