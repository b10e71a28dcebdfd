package dev.plinth.deploy.internal;

import java.io.IOException;
import java.io.StringReader;
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

import dev.plinth.api.PluginInfo;
import dev.plinth.common.AtomicFiles;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

/**
 * What the deploy directory deployed, by file name ({@code data/deploy/deployed.json}): the plugin each file
 * holds, the file's content when it was deployed and when that was, and which directory the names are in.
 * Comparing it with the directory tells what changed, also while Plinth was stopped. Replaced atomically at
 * every save.
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
    private final JsonProvider json;
    private final Map<String, Entry> entries = new TreeMap<>();
    private Path directory;

    DeployLedger(Path file, JsonProvider json) {
        this.file = file;
        this.json = json;
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
        try (JsonReader reader = json.createReader(new StringReader(decode(Files.readAllBytes(file))))) {
            JsonObject root = reader.readObject();
            directory = root.containsKey("directory") ? Path.of(root.getString("directory")) : null;
            JsonObject files = root.getJsonObject("files");
            for (String name : files.keySet()) {
                if (!fileName(name)) {
                    throw new IOException("'" + DeployNames.printable(name) + "' is not a file name of the deploy "
                            + "directory");
                }
                JsonObject entry = files.getJsonObject(name);
                entries.put(name, new Entry(entry.getString("id"), entry.getString("version"),
                        entry.getString("sha256"), Instant.parse(entry.getString("since", written)),
                        entry.getString("refused", null)));
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
        JsonObjectBuilder files = json.createObjectBuilder();
        entries.forEach((name, entry) -> {
            JsonObjectBuilder object = json.createObjectBuilder().add("id", entry.id())
                    .add("version", entry.version()).add("sha256", entry.sha256()).add("since", entry.since().toString());
            if (entry.refused() != null) {
                object.add("refused", entry.refused());
            }
            files.add(name, object);
        });
        JsonObjectBuilder root = json.createObjectBuilder();
        if (directory != null) {
            root.add("directory", directory.toString());
        }
        String text = root.add("files", files).build().toString();
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
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
