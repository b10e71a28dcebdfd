package dev.plinth.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.channels.FileChannel;

/**
 * Writes files so that a crash leaves either the old or the new content, durably: a temporary file beside the
 * target, written and forced to the disk, renamed onto the target, the directory forced. The temporary file never
 * outlives a failed write. Every write passes the fault point {@code write.<file name>.unrenamed} (see
 * {@link FaultPoints}) between the forced temporary file and the rename.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Replaces {@code file}'s content with {@code content}; creates the directories it lacks. */
    public static void write(Path file, byte[] content, FileAttribute<?>... attributes) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            FaultPoints.reach("write." + file.getFileName() + ".unrenamed");
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Moves {@code source} onto {@code target} atomically and makes the rename durable. */
    public static void move(Path source, Path target) throws IOException {
        rename(source, target);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Moves {@code source} onto {@code target} atomically; durable once the directory is synced. */
    public static void rename(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes the file's content through to the disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the directory's entries (a rename, a new file) durable, where the file system allows it. */
    public static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system lets a directory be opened; the rename is then as durable as it gets.
        }
    }
}
