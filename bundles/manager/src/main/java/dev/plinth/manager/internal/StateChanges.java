package dev.plinth.manager.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import dev.plinth.common.AtomicFiles;

/**
 * The store's changes file, {@code state.changes.jsonl}: the commits made since {@code state.json} was last written
 * whole, one {@link StoreChange} per line, each appended and forced to the disk in one write. A commit that changes
 * a few records and nothing in the framework cache (an enable, a disable) is a line here instead of the whole state
 * written anew; the state is written whole, and this file deleted, at the first commit after {@link #MOST_LINES}
 * lines, at a commit that changes more or installs, updates or uninstalls a bundle, and at start and stop.
 */
final class StateChanges {

    static final String NAME = "state.changes.jsonl";
    /** The lines after which the next commit writes the state whole. */
    static final int MOST_LINES = 64;
    /** The records a commit may change and still be a line. */
    static final int MOST_RECORDS = 8;
    /** The largest file read: far above what {@link #MOST_LINES} lines of {@link #MOST_RECORDS} records take. */
    static final long MOST_BYTES = 64L << 20;

    private final Path file;
    private final StoreCodec codec;
    /** The lines the file holds, all applied to the state; -1 when it holds one that was not, or may. */
    private int lines;
    /** Complete lines of the last reading that could not be read or did not follow: damage, not a torn append. */
    private int damaged;
    /** The lines of the file applied to the state the store holds: read at the last reading, or appended since. */
    private int applied;
    /** An append failed since the file was last deleted: the commits are written whole until it is. */
    private boolean appendFailed;

    StateChanges(Path root, StoreCodec codec) {
        this.file = root.resolve(NAME);
        this.codec = codec;
    }

    /**
     * {@code state} with the changes that follow it applied in order. Lines written before the state was written
     * whole are passed over, and so is a last line without its end (an append torn by a crash); a complete line that
     * cannot be read or does not follow is counted as damage ({@link #damaged()}) and passed over too. After any of
     * these the next commit writes the state whole. An IOException when the file cannot be read, is not a regular
     * file or is larger than {@link #MOST_BYTES}: the state cannot be known then.
     */
    StoreState replay(StoreState state) throws IOException {
        lines = 0;
        damaged = 0;
        applied = 0;
        String text = text();
        if (text == null) {
            return state;
        }
        StoreState replayed = state;
        boolean all = text.isEmpty() || text.endsWith("\n");
        for (String line : complete(text)) {
            StoreChange change = readable(line);
            if (change != null && replayed == state && change.sequence() <= state.sequence()) {
                all = false;
            } else if (change == null || change.base() != replayed.sequence()) {
                all = false;
                damaged++;
            } else {
                replayed = change.applyTo(replayed);
                lines++;
            }
        }
        applied = lines;
        lines = all && !appendFailed ? lines : -1;
        return replayed;
    }

    /**
     * {@code older} (a state before the file's first line, {@code state.previous.json}) with the records of every
     * complete, readable line newer than it laid over, in order, whether or not they follow it: what the file knows
     * of the records, for rebuilding a state whose {@code state.json} was lost. An IOException as for
     * {@link #replay}.
     */
    StoreState laidOver(StoreState older) throws IOException {
        String text = text();
        StoreState laid = older;
        for (String line : text == null ? List.<String>of() : complete(text)) {
            StoreChange change = readable(line);
            if (change != null && change.sequence() > laid.sequence()) {
                laid = change.laidOver(laid);
            }
        }
        return laid;
    }

    /** Whether the state the store holds has lines of this file applied: a state written whole then merges them. */
    boolean merges() {
        return applied > 0;
    }

    /** The number of damaged lines at the last reading. */
    int damaged() {
        return damaged;
    }

    /** Whether {@code change} may be committed as a line: it changes few records, and the file is short and whole. */
    boolean admits(StoreChange change) {
        return lines >= 0 && lines < MOST_LINES && change.size() <= MOST_RECORDS;
    }

    /** Appends the change and forces it to the disk: committed once this returns; on failure, the file as it was. */
    void append(StoreChange change) throws IOException {
        int before = lines;
        lines = -1;
        try {
            AtomicFiles.appendForced(file, (codec.write(change) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            appendFailed = true;
            throw e;
        }
        lines = before + 1;
        applied++;
    }

    /** Whether the file exists: its changes are not in {@code state.json} yet, or it is left from a crash. */
    boolean pending() {
        return Files.exists(file);
    }

    /**
     * Deletes the file once the state holding its changes was written whole; a file with damaged lines is kept as
     * {@code state.changes.jsonl.unreadable} instead, for the operator to look at. A file that cannot be deleted
     * stays, its lines passed over as older than the state, until the next commit that writes the state whole.
     */
    void clear() {
        applied = 0;
        if (!Files.exists(file)) {
            lines = 0;
            appendFailed = false;
            return;
        }
        lines = -1;
        FaultPoints.reach("store.changes-written-whole");
        try {
            if (damaged > 0) {
                setAside();
            } else {
                Files.deleteIfExists(file);
            }
            lines = 0;
            appendFailed = false;
        } catch (IOException e) {
            // passed over at the next reading; deleted at the next commit written whole
        }
    }

    /** Moves the file aside as {@code state.changes.jsonl.unreadable}; with an unreadable state, or damaged. */
    void setAside() throws IOException {
        if (Files.exists(file)) {
            AtomicFiles.move(file, aside());
        }
        lines = 0;
        damaged = 0;
        applied = 0;
    }

    /**
     * Where the file is set aside: {@code state.changes.jsonl.unreadable}, or {@code .unreadable.2} and so on when
     * that is taken, so that each one kept stays.
     */
    Path aside() {
        Path aside = file.resolveSibling(NAME + ".unreadable");
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(NAME + ".unreadable." + n);
        }
        return aside;
    }

    /** The complete lines of the text: those with their end; the last one without it was torn by a crash. */
    private static List<String> complete(String text) {
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    private String text() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        if (Files.size(file) > MOST_BYTES) {
            throw new IOException(file + " is larger than " + (MOST_BYTES >> 20) + " MiB: not a file Plinth wrote");
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private StoreChange readable(String line) {
        try {
            return codec.readChange(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
