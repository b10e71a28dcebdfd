package dev.plinth.fleet.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.plinth.common.AtomicFiles;
import dev.plinth.common.json.JsonDocuments;

/**
 * This node's own record, {@code data/fleet/node.json}, written atomically: the generation it applied last, so that a
 * node cut off from the fleet's database knows what it runs, and tells the fleet when it is back.
 */
final class LocalRecord {

    /** The file's content. */
    record NodeFile(String group, String node, long applied) {
    }

    private final Path file;

    LocalRecord(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * The generation this node applied in {@code group}; 0 when the file is missing, unreadable or of another group
     * or node.
     */
    long applied(String group, String node, FleetLog log) {
        try {
            NodeFile read = JsonDocuments.read(Files.readString(file, StandardCharsets.UTF_8), NodeFile.class);
            return group.equals(read.group()) && node.equals(read.node()) ? read.applied() : 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | RuntimeException e) {
            log.warn(file + " cannot be read (" + e.getMessage() + "): this node starts as one that applied no "
                    + "generation and applies its target again");
            return 0;
        }
    }

    void write(String group, String node, long applied) throws IOException {
        AtomicFiles.write(file, (JsonDocuments.pretty(new NodeFile(group, node, applied)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
