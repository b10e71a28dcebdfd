package dev.plinth.manager.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

    private final Path file;
    private final StoreCodec codec;
    /** The lines the file holds, all applied to the state; -1 when it holds one that was not, or may. */
    private int lines;

    StateChanges(Path root, StoreCodec codec) {
        this.file = root.resolve(NAME);
        this.codec = codec;
    }

    /**
     * {@code state} with the changes that follow it applied in order. Lines written before the state was written
     * whole are passed over; the first line that cannot be read (torn by a crash) or does not follow ends the
     * reading, and the next commit then writes the state whole.
     */
    StoreState replay(StoreState state) throws IOException {
        lines = 0;
        if (!Files.exists(file)) {
            return state;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        StoreState replayed = state;
        int end = text.lastIndexOf('\n');
        boolean all = end == text.length() - 1;
        for (String line : end < 0 ? new String[0] : text.substring(0, end).split("\n", -1)) {
            StoreChange change;
            try {
                change = codec.readChange(line);
            } catch (RuntimeException e) {
                all = false;
                break;
            }
            if (change.sequence() <= replayed.sequence()) {
                all = false;
                continue;
            }
            if (change.base() != replayed.sequence()) {
                all = false;
                break;
            }
            replayed = change.applyTo(replayed);
            lines++;
        }
        lines = all ? lines : -1;
        return replayed;
    }

    /** Whether {@code change} may be committed as a line: it changes few records, and the file is short and whole. */
    boolean admits(StoreChange change) {
        return lines >= 0 && lines < MOST_LINES && change.size() <= MOST_RECORDS;
    }

    /** Appends the change and forces it to the disk: committed once this returns. */
    void append(StoreChange change) throws IOException {
        int before = lines;
        lines = -1;
        AtomicFiles.appendForced(file, (codec.write(change) + "\n").getBytes(StandardCharsets.UTF_8));
        lines = before + 1;
    }

    /** Whether the file exists: its changes are not in {@code state.json} yet, or it is left from a crash. */
    boolean pending() {
        return Files.exists(file);
    }

    /**
     * Deletes the file once the state holding its changes was written whole. A file that cannot be deleted stays,
     * its lines passed over as older than the state, until the next commit that writes the state whole.
     */
    void clear() {
        if (!Files.exists(file)) {
            lines = 0;
            return;
        }
        lines = -1;
        FaultPoints.reach("store.changes-written-whole");
        try {
            Files.deleteIfExists(file);
            lines = 0;
        } catch (IOException e) {
            // passed over at the next reading; deleted at the next commit written whole
        }
    }

    /** Moves the file aside with an unreadable {@code state.json}, whose commits it continues. */
    void setAside() throws IOException {
        if (Files.exists(file)) {
            AtomicFiles.move(file, file.resolveSibling(NAME + ".unreadable"));
        }
        lines = 0;
    }
}
