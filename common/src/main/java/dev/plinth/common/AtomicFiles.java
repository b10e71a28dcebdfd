package dev.plinth.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.FileChannel;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a crash leaves either the old or the new content, durably: a temporary file beside the
 * target, written and forced to the disk, renamed onto the target, the directory forced. The temporary file never
 * outlives a failed write. Every write passes the fault point {@code write.<file name>.unrenamed} (see
 * {@link FaultPoints}) between the forced temporary file and the rename.
 */
public final class AtomicFiles {

    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private AtomicFiles() {
    }

    /** Replaces {@code file}'s content with {@code content}; creates the directories it lacks. */
    public static void write(Path file, byte[] content, FileAttribute<?>... attributes) throws IOException {
        replace(file, content, true, attributes);
    }

    /**
     * Writes {@code content} to a new temporary file beside {@code file} (named {@code .<name>...tmp}) and forces it
     * to the disk; the caller renames it onto {@code file} ({@link #rename}) and syncs the folder, or deletes it.
     * Creates the directories it lacks.
     */
    public static Path forcedTemp(Path file, byte[] content, FileAttribute<?>... attributes) throws IOException {
        return temp(file, content, true, attributes);
    }

    /**
     * Replaces {@code file}'s content with {@code content} atomically against a crash of the process, without forcing
     * anything to the disk: a crash of the process leaves the old or the new content; a power cut may leave the old
     * content, the new, or an empty or torn file, so only for a file whose reader copes with that. The rename is
     * durable after the next {@link #syncDirectory} of its folder. Passes {@code write.<file name>.unrenamed}.
     */
    public static void writeUnforced(Path file, byte[] content) throws IOException {
        replace(file, content, false);
    }

    /** A temporary file beside {@code file}, renamed onto it; with {@code force}, the file and the rename forced. */
    private static void replace(Path file, byte[] content, boolean force, FileAttribute<?>... attributes)
            throws IOException {
        Path temp = temp(file, content, force, attributes);
        try {
            FaultPoints.reach("write." + file.getFileName() + ".unrenamed");
            if (force) {
                move(temp, file);
            } else {
                rename(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Makes {@code copy} name {@code file}'s content, replacing it atomically: a hard link (the content, forced when
     * {@code file} was written, is not written again), or a copy written with {@link #write} where the file system
     * has no links. The link's name is durable after the next {@link #syncDirectory} of its folder. Passes
     * {@code write.<copy name>.unrenamed}.
     */
    public static void link(Path file, Path copy) throws IOException {
        Path directory = copy.toAbsolutePath().getParent();
        Path temp = directory.resolve("." + copy.getFileName()
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createLink(temp, file);
        } catch (UnsupportedOperationException | IOException e) {
            Files.deleteIfExists(temp);
            write(copy, Files.readAllBytes(file));
            return;
        }
        try {
            FaultPoints.reach("write." + copy.getFileName() + ".unrenamed");
            rename(temp, copy);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path temp(Path file, byte[] content, boolean force, FileAttribute<?>... attributes)
            throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", attributes);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (force) {
                channel.force(true);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
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

    /**
     * Appends {@code content} to {@code file} in one write and forces the file to the disk; a file it creates has its
     * name made durable too (its folder synced), and is readable by its owner only where the file system has POSIX
     * permissions. A crash or a power cut before the force returned may leave the content absent or torn, so only for
     * a file whose reader skips a torn end. An append that fails is cut off again where the file allows it, so that
     * the file ends as it did. Passes {@code append.<file name>.unforced} between the write and the force.
     */
    public static void appendForced(Path file, byte[] content) throws IOException {
        boolean created = !Files.exists(file);
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {OWNER_ONLY} : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, options, ownerOnly)) {
            long end = channel.size();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                FaultPoints.reach("append." + file.getFileName() + ".unforced");
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                cutBack(channel, end, e);
                throw e;
            }
        }
        if (created) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    private static void cutBack(FileChannel channel, long end, Exception failure) {
        try {
            channel.truncate(end);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
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
