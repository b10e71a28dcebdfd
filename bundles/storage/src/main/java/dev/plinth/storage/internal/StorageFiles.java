package dev.plinth.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.plinth.common.AtomicFiles;
import dev.plinth.common.json.JsonDocuments;

/**
 * The storage service's own files of each plugin, in {@code data/storage/<id>/} beside the backend's: the record
 * ({@value #RECORD}), the journal of an operation under way ({@value #JOURNAL}), both written atomically, and the
 * snapshots ({@code snapshots/pending}: taken before a migration; {@code snapshots/rollback}: the rollback point;
 * {@code snapshots/undo}: the data a rollback replaced, until it commits).
 */
final class StorageFiles {

    static final String RECORD = "storage.json";
    static final String JOURNAL = "journal.json";
    static final String PENDING = "pending";
    static final String ROLLBACK = "rollback";
    static final String UNDO = "undo";
    /** Where the directories of purged plugins wait to be deleted (no symbolic name: in no listing). */
    static final String PURGED = ".purged";

    private static final java.util.regex.Pattern SYMBOLIC_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final Path root;

    StorageFiles(Path root) {
        this.root = root.toAbsolutePath();
    }

    Path root() {
        return root;
    }

    /**
     * The directory of a plugin's storage.
     *
     * @throws IllegalArgumentException for an id that is no symbolic name ({@code ..}, a path, a control character)
     */
    Path directory(String id) {
        if (!SYMBOLIC_NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("no storage for the id " + id.replaceAll("\\p{Cntrl}", "?")
                    + ": not a symbolic name");
        }
        return root.resolve(id);
    }

    /** The ids that have a directory here, sorted. */
    List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path directory : all) {
                String name = directory.getFileName().toString();
                if (SYMBOLIC_NAME.matcher(name).matches()) {
                    ids.add(name);
                }
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /** The ids whose purge moved their directory aside and did not finish. */
    List<String> purgedIds() throws IOException {
        List<String> ids = new ArrayList<>();
        Path purged = root.resolve(PURGED);
        if (!Files.isDirectory(purged)) {
            return ids;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(purged, Files::isDirectory)) {
            for (Path directory : all) {
                String name = directory.getFileName().toString();
                if (SYMBOLIC_NAME.matcher(name).matches() && !Files.exists(root.resolve(name))) {
                    ids.add(name);
                }
            }
        }
        return ids;
    }

    /** Whether the plugin has a directory here; never for an id that is no symbolic name (it can have none). */
    boolean exists(String id) {
        return SYMBOLIC_NAME.matcher(id).matches() && Files.isDirectory(directory(id));
    }

    Optional<StorageRecord> record(String id) throws IOException {
        return read(directory(id).resolve(RECORD), StorageRecord.class);
    }

    void write(String id, StorageRecord record) throws IOException {
        write(directory(id).resolve(RECORD), record);
    }

    Optional<Journal> journal(String id) throws IOException {
        return read(directory(id).resolve(JOURNAL), Journal.class);
    }

    void write(String id, Journal journal) throws IOException {
        write(directory(id).resolve(JOURNAL), journal);
    }

    void deleteJournal(String id) throws IOException {
        Files.deleteIfExists(directory(id).resolve(JOURNAL));
        AtomicFiles.syncDirectory(directory(id));
    }

    /** The directory of a snapshot, created empty ({@code fresh}) or as it is. */
    Path snapshot(String id, String name, boolean fresh) throws IOException {
        Path directory = directory(id).resolve("snapshots").resolve(name);
        if (fresh) {
            deleteTree(directory);
        }
        Files.createDirectories(directory);
        OwnerOnly.restrict(directory.getParent(), directory);
        return directory;
    }

    boolean hasSnapshot(String id, String name) {
        return Files.isDirectory(directory(id).resolve("snapshots").resolve(name));
    }

    /** Makes the snapshot {@code from} the snapshot {@code to}, replacing it; durable. */
    void promote(String id, String from, String to) throws IOException {
        Path snapshots = directory(id).resolve("snapshots");
        deleteTree(snapshots.resolve(to));
        AtomicFiles.move(snapshots.resolve(from), snapshots.resolve(to));
    }

    void deleteSnapshot(String id, String name) throws IOException {
        deleteTree(directory(id).resolve("snapshots").resolve(name));
    }

    long snapshotSize(String id, String name) {
        return size(directory(id).resolve("snapshots").resolve(name));
    }

    /**
     * Moves a plugin's whole directory aside ({@value #PURGED}, out of every listing), after checking that every file
     * in it can be deleted; undone by {@link #putBackAside}, finished by {@link #deletePurged}.
     *
     * @return where it went
     * @throws IOException naming the file that cannot be deleted or moved; then nothing moved
     */
    Path moveAside(String id) throws IOException {
        checkDeletable(id);
        Path directory = directory(id);
        Path aside = root.resolve(PURGED).resolve(id);
        deleteTree(aside);
        Files.createDirectories(aside.getParent());
        AtomicFiles.move(directory, aside);
        return aside;
    }

    /** Refuses, naming the file, when a file of a plugin's directory cannot be deleted. */
    void checkDeletable(String id) throws IOException {
        Path directory = directory(id);
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path file : all.toList()) {
                if (!Files.isWritable(file) || !Files.isWritable(file.getParent())) {
                    throw new IOException((Files.isWritable(file) ? file.getParent() : file) + " cannot be "
                            + "deleted (no write permission, or immutable)");
                }
            }
        }
    }

    /** Puts back what {@link #moveAside} moved. */
    void putBackAside(String id, Path aside) throws IOException {
        AtomicFiles.move(aside, directory(id));
    }

    /** Deletes what was moved aside; what remains is deleted at the next start. */
    void deletePurged() throws IOException {
        deleteTree(root.resolve(PURGED));
    }

    void deleteAll(String id) throws IOException {
        deleteTree(directory(id));
    }

    static long size(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static <T> Optional<T> read(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonDocuments.read(Files.readString(file, StandardCharsets.UTF_8), type));
        } catch (RuntimeException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, JsonDocuments.pretty(value).getBytes(StandardCharsets.UTF_8));
        OwnerOnly.restrict(file.getParent());
    }
}
