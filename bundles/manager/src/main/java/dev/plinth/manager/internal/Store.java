package dev.plinth.manager.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.plinth.common.AtomicFiles;
import dev.plinth.api.Operation;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

/**
 * The manager's durable store under {@code data/manager/}: {@code state.json} (the records, replaced atomically
 * when written whole, the one before kept as {@code state.previous.json}), {@code state.changes.jsonl} (the commits
 * of a few records since, one line each: {@link StateChanges}), {@code intent.json} (the operation under way),
 * {@code history.jsonl} and {@code artifacts/<sha-256>.jar} (every archive it installed, content addressed).
 */
final class Store {

    private final Path root;
    private final StoreCodec codec;
    private final StateChanges changes;
    private final int historyLimit;
    /** The state the files hold, as last read or committed; null before. */
    private StoreState written;
    private boolean stateReplaced;
    private int historyLines = -1;
    private long lastSequence;
    /** The archives the records referred to at the last collection; null when an archive was kept since. */
    private Set<String> collected;
    /** The state whose archives {@link #collected} holds. */
    private StoreState collectedState;
    /** Whether the journal under way was forced to the disk when it was written. */
    private boolean journalForced = true;

    Store(Path root, StoreCodec codec, int historyLimit) {
        this.root = root;
        this.codec = codec;
        this.changes = new StateChanges(root, codec);
        this.historyLimit = historyLimit;
    }

    Path root() {
        return root;
    }

    Path temp() {
        return root.resolve("tmp");
    }

    /**
     * The last committed state: {@code state.json} with the changes that follow it; empty when there is none; the
     * previous one when the last cannot be read.
     */
    StoreState load() throws IOException {
        written = changes.replay(whole());
        return written;
    }

    private StoreState whole() throws IOException {
        Path state = root.resolve("state.json");
        if (!Files.exists(state)) {
            return StoreState.EMPTY;
        }
        try {
            return codec.readState(text(state));
        } catch (RuntimeException e) {
            Path previous = root.resolve("state.previous.json");
            if (Files.exists(previous)) {
                return codec.readState(text(previous));
            }
            throw new IOException(state + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * True when {@code state.json} exists but cannot be read (a disk fault tore or emptied it), or is missing while
     * {@code state.previous.json} or the changes file says that there was one.
     */
    boolean stateUnreadable() throws IOException {
        Path state = root.resolve("state.json");
        if (!Files.exists(state)) {
            return Files.exists(root.resolve("state.previous.json")) || changes.pending();
        }
        try {
            codec.readState(text(state));
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * The previous state with the records of the changes file laid over it, all of them newer: what the store still
     * knows of the records when {@code state.json} cannot be read.
     */
    StoreState previousWithChanges() throws IOException {
        return changes.laidOver(previousOrEmpty());
    }

    /** The state before the last state written whole; empty when there is none or it cannot be read either. */
    StoreState previousOrEmpty() throws IOException {
        Path previous = root.resolve("state.previous.json");
        if (!Files.exists(previous)) {
            return StoreState.EMPTY;
        }
        try {
            return codec.readState(text(previous));
        } catch (RuntimeException e) {
            return StoreState.EMPTY;
        }
    }

    /**
     * Renames an unreadable {@code state.json} to {@code state.json.unreadable}, for the operator to look at, and
     * its changes file with it.
     */
    Path setAsideUnreadableState() throws IOException {
        Path aside = root.resolve("state.json.unreadable");
        if (Files.exists(root.resolve("state.json"))) {
            AtomicFiles.move(root.resolve("state.json"), aside);
        }
        changes.setAside();
        return aside;
    }

    /**
     * Replaces {@code state.json} with {@code state}, durably, keeping the one it replaces as
     * {@code state.previous.json}: the new state is written and forced to a temporary file, the old one is linked
     * as the previous (its content was forced when it was written), the temporary file is renamed onto
     * {@code state.json}, and one sync of the folder makes both names durable, with the journal's. When the state the
     * files held had lines of the changes file applied, the previous is that state written (so that it is one commit
     * old, as {@code state.json} alone is older); the changes file, whose commits the new state holds, is deleted
     * then.
     */
    void commit(StoreState state) throws PluginException {
        StoreState before = written;
        stateReplaced = false;
        written = null;
        try {
            Path current = root.resolve("state.json");
            Path temp = AtomicFiles.forcedTemp(current, codec.write(state).getBytes(StandardCharsets.UTF_8));
            try {
                if (before != null && changes.merges()) {
                    AtomicFiles.write(root.resolve("state.previous.json"),
                            StoreCodec.whole(before).getBytes(StandardCharsets.UTF_8));
                    FaultPoints.reach("store.previous-kept");
                } else if (Files.exists(current)) {
                    AtomicFiles.link(current, root.resolve("state.previous.json"));
                    FaultPoints.reach("store.previous-kept");
                }
                FaultPoints.reach("write.state.json.unrenamed");
                AtomicFiles.rename(temp, current);
                stateReplaced = true;
            } finally {
                Files.deleteIfExists(temp);
            }
            AtomicFiles.syncDirectory(root);
            written = state;
            changes.clear();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /**
     * Commits {@code state} as a line of the changes file when it differs from the state the files hold in a few
     * records and the file admits it ({@link StateChanges}); else writes it whole ({@link #commit}). For the commits
     * of operations that install, update or uninstall nothing.
     */
    void commitChange(StoreState state) throws PluginException {
        StoreState before = written;
        StoreChange change = before == null || state.sequence() <= before.sequence() ? null
                : StoreChange.between(before, state);
        if (change == null || !changes.admits(change)) {
            commit(state);
            return;
        }
        stateReplaced = false;
        written = null;
        try {
            changes.append(change);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        stateReplaced = true;
        written = state;
    }

    private PluginException cannotWrite(IOException e) {
        return new PluginException(Code.IO_ERROR, "cannot write the plugin store in " + root + ": " + e.getMessage());
    }

    /**
     * Writes the state the files hold whole when the changes file holds commits: at stop, so that {@code state.json}
     * alone holds the state while the manager does not run.
     */
    void writeWhole() throws PluginException {
        if (written != null && changes.pending()) {
            commit(written);
        }
    }

    /** Whether the changes file exists: the next {@link #commit} writes its changes into {@code state.json}. */
    boolean changesPending() {
        return changes.pending();
    }

    /**
     * The number of lines of the changes file that the last {@link #load} found complete but could not read or that
     * did not follow (damage, not a crash): the next commit written whole keeps the file as
     * {@link #changesAside()}.
     */
    int changesDamaged() {
        return changes.damaged();
    }

    /** Where a changes file with damaged lines, or that of an unreadable state, is kept. */
    Path changesAside() {
        return changes.aside();
    }

    /**
     * Whether the last commit replaced {@code state.json} or appended its line, also when it failed afterwards
     * (syncing the folder): a commit that failed before leaves the store as it was.
     */
    boolean stateReplaced() {
        return stateReplaced;
    }

    /**
     * Writes the journal of an operation about to act. {@code durable}: forced to the disk before this returns,
     * for an operation that changes the framework cache or the store's archives; otherwise (it only starts and
     * stops bundles, which the framework does not keep) it is written for a crash of the process and made durable
     * by the next sync of the folder: a power cut before it loses nothing that the next start does not redo from the
     * committed state.
     */
    void begin(Intent intent, boolean durable) throws PluginException {
        journalForced = durable;
        try {
            byte[] content = codec.write(intent).getBytes(StandardCharsets.UTF_8);
            if (durable) {
                AtomicFiles.write(root.resolve("intent.json"), content);
            } else {
                AtomicFiles.writeUnforced(root.resolve("intent.json"), content);
            }
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "cannot write the journal in " + root + ": " + e.getMessage());
        }
    }

    Intent pendingIntent() throws IOException {
        journalForced = true;
        Path intent = root.resolve("intent.json");
        if (!Files.exists(intent)) {
            return null;
        }
        try {
            return codec.readIntent(text(intent));
        } catch (RuntimeException e) {
            // Torn before it was complete: the operation had not acted yet.
            Files.delete(intent);
            return null;
        }
    }

    /**
     * Clears the journal, durably when it was written so (and when it was read at start). The deletion of a journal
     * written unforced is durable with the next sync of the folder (the next commit's): a power cut before it leaves
     * the journal of an operation that is done, which the next start records as completed (or rolled back) and
     * whose bundles it checks against the store again.
     */
    void end() throws IOException {
        Files.deleteIfExists(root.resolve("intent.json"));
        if (journalForced) {
            AtomicFiles.syncDirectory(root);
        }
    }

    /** The stored archive of that sha-256; an IllegalArgumentException for a name that leads out of the store. */
    Path artifact(String sha256) {
        Path artifacts = root.resolve("artifacts");
        Path artifact = artifacts.resolve(sha256 + ".jar");
        if (!artifacts.toAbsolutePath().normalize().equals(artifact.toAbsolutePath().normalize().getParent())) {
            throw new IllegalArgumentException("'" + sha256 + "' is not the name of an archive in " + artifacts);
        }
        return artifact;
    }

    /** Moves the archive's temporary file into the store under its content address, durably. */
    Path keep(Archive archive) throws PluginException {
        Path target = keepUnsynced(archive);
        syncArtifacts();
        return target;
    }

    /**
     * Moves the archive's temporary file (whose content the reader made durable) into the store under its content
     * address; the name is durable after the next {@link #syncArtifacts()}, which a batch calls once before it
     * commits.
     */
    Path keepUnsynced(Archive archive) throws PluginException {
        Path target = artifact(archive.sha256());
        synchronized (this) {
            collected = null;
        }
        try {
            if (!Files.isDirectory(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            if (Files.exists(target)) {
                if (!archive.file().equals(target)) {
                    archive.discard();
                }
            } else {
                AtomicFiles.rename(archive.file(), target);
            }
            return target;
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "cannot store " + archive.id() + " in " + target.getParent()
                    + ": " + e.getMessage());
        }
    }

    /** Makes the names of the artifacts kept so far durable. */
    void syncArtifacts() {
        AtomicFiles.syncDirectory(root.resolve("artifacts"));
    }

    /**
     * Deletes the archives no record refers to (as current or previous version) and leftover temporary files. Does
     * not read the folder when nothing was kept since the last collection and the records refer to the same archives.
     */
    synchronized void collectGarbage(StoreState state) throws IOException {
        if (collected != null && collectedState != null && state.sameArchivesAs(collectedState)) {
            return;
        }
        Set<String> kept = new HashSet<>();
        for (StoredPlugin plugin : state.all()) {
            kept.add(plugin.sha256() + ".jar");
            if (plugin.previousSha256() != null) {
                kept.add(plugin.previousSha256() + ".jar");
            }
        }
        if (kept.equals(collected)) {
            return;
        }
        collected = null;
        collect(kept);
        collected = kept;
        collectedState = state;
    }

    private void collect(Set<String> kept) throws IOException {
        Path artifacts = root.resolve("artifacts");
        if (Files.isDirectory(artifacts)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(artifacts)) {
                for (Path file : files) {
                    if (!kept.contains(file.getFileName().toString())) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    /**
     * Deletes what a crash can leave behind: the temporary folder's files and the temporary copies of state files
     * that an atomic write had not yet renamed; and gives {@code state.previous.json} a content of its own when a
     * crash in a commit left it a second name of {@code state.json} (so that a fault of one file's blocks does not
     * take both).
     */
    void clearTemp() throws IOException {
        Path current = root.resolve("state.json");
        Path previous = root.resolve("state.previous.json");
        if (Files.exists(current) && Files.exists(previous) && Files.isSameFile(current, previous)) {
            AtomicFiles.write(previous, Files.readAllBytes(current));
        }
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(root, ".*.tmp")) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
        }
        if (Files.isDirectory(temp())) {
            try (Stream<Path> files = Files.walk(temp())) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!file.equals(temp())) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    /** Appends the operation {@code next} makes of the next sequence number, in one step. */
    synchronized void recordNext(java.util.function.LongFunction<Operation> next) throws IOException {
        recordAll(List.of(next));
    }

    /** Appends one operation per entry, numbered in order, in one write. */
    synchronized void recordAll(List<java.util.function.LongFunction<Operation>> entries) throws IOException {
        List<Operation> operations = new ArrayList<>();
        long sequence = lastHistorySequence();
        for (java.util.function.LongFunction<Operation> entry : entries) {
            operations.add(entry.apply(++sequence));
        }
        append(operations);
    }

    synchronized void record(Operation operation) throws IOException {
        append(List.of(operation));
    }

    private void append(List<Operation> operations) throws IOException {
        if (operations.isEmpty()) {
            return;
        }
        Path history = root.resolve("history.jsonl");
        Files.createDirectories(root);
        countHistory();
        StringBuilder text = new StringBuilder(endsTorn(history) ? "\n" : "");
        for (Operation operation : operations) {
            text.append(codec.line(operation)).append('\n');
        }
        AtomicFiles.appendForced(history, text.toString().getBytes(StandardCharsets.UTF_8));
        historyLines += operations.size();
        lastSequence = operations.get(operations.size() - 1).sequence();
        if (historyLines > 2 * historyLimit) {
            List<String> lines = lines(history);
            AtomicFiles.write(history, (String.join("\n", lines.subList(lines.size() - historyLimit, lines.size()))
                    + "\n").getBytes(StandardCharsets.UTF_8));
            historyLines = historyLimit;
        }
    }

    synchronized List<Operation> history(int limit) throws IOException {
        List<Operation> operations = readHistory();
        return operations.subList(Math.max(0, operations.size() - limit), operations.size());
    }

    /** Reads the history file once per store, for the line count and the last sequence; appends keep both. */
    private void countHistory() throws IOException {
        if (historyLines >= 0) {
            return;
        }
        Path history = root.resolve("history.jsonl");
        List<Operation> operations = readHistory();
        lastSequence = operations.isEmpty() ? 0 : operations.get(operations.size() - 1).sequence();
        historyLines = Files.exists(history) ? lines(history).size() : 0;
    }

    private List<Operation> readHistory() throws IOException {
        Path history = root.resolve("history.jsonl");
        if (!Files.exists(history)) {
            return List.of();
        }
        List<Operation> operations = new ArrayList<>();
        for (String line : lines(history)) {
            if (!line.isBlank()) {
                try {
                    operations.add(codec.readLine(line));
                } catch (RuntimeException e) {
                    // a line torn by a crash: skipped
                }
            }
        }
        return operations;
    }

    /** A file's text; bytes that are not UTF-8 (a torn write) become replacement characters, not an exception. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static List<String> lines(Path file) throws IOException {
        return text(file).lines().toList();
    }

    /** True when the file's last line has no end: a crash tore the last append. */
    private static boolean endsTorn(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(channel.size() - 1);
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.read(last);
            return last.get(0) != '\n';
        }
    }

    synchronized long lastHistorySequence() throws IOException {
        countHistory();
        return lastSequence;
    }
}
