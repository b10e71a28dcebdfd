package dev.plinth.deploy.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

/**
 * What the deploy directory deployed, by file name ({@code data/deploy/deployed.json}): the plugin each file
 * holds and the file's fingerprint when it was deployed. Comparing it with the directory tells what changed,
 * also while Plinth was stopped. Replaced atomically at every save.
 */
final class DeployLedger {

    /**
     * One deployed file.
     *
     * @param id the plugin id
     * @param version the plugin version
     * @param sha256 the file's content when deployed
     * @param stamp its size and modification time then
     */
    record Entry(String id, String version, String sha256, JarProbe.Stamp stamp) {
    }

    private final Path file;
    private final JsonProvider json;
    private final Map<String, Entry> entries = new TreeMap<>();

    DeployLedger(Path file, JsonProvider json) {
        this.file = file;
        this.json = json;
    }

    /** Reads the ledger; a missing file is an empty ledger, an unreadable one is reported. */
    void load() throws IOException {
        entries.clear();
        if (!Files.exists(file)) {
            return;
        }
        try (JsonReader reader = json.createReader(new StringReader(Files.readString(file)))) {
            JsonObject files = reader.readObject().getJsonObject("files");
            for (String name : files.keySet()) {
                JsonObject entry = files.getJsonObject(name);
                entries.put(name, new Entry(entry.getString("id"), entry.getString("version"),
                        entry.getString("sha256"), new JarProbe.Stamp(entry.getJsonNumber("size").longValue(),
                                entry.getJsonNumber("modified").longValue())));
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
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

    void remove(String name) {
        entries.remove(name);
    }

    void save() throws IOException {
        JsonObjectBuilder files = json.createObjectBuilder();
        entries.forEach((name, entry) -> files.add(name, json.createObjectBuilder().add("id", entry.id())
                .add("version", entry.version()).add("sha256", entry.sha256()).add("size", entry.stamp().size())
                .add("modified", entry.stamp().modified())));
        String text = json.createObjectBuilder().add("files", files).build().toString();
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = directory.resolve("." + file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
