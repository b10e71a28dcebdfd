package dev.plinth.framework.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.PlinthException;

/**
 * The exclusive claim of one process on a data directory: an OS file lock on
 * {@code data/plinth.pid}, which holds the owner's process id while it runs and is emptied when
 * it stops. The lock, not the file's content, is the truth: a crashed owner's lock is gone.
 */
public final class HomeLock implements AutoCloseable {

    public static final String FILE_NAME = "plinth.pid";

    /**
     * Files locked by this JVM. A second channel on a locked file must never be opened here:
     * closing it would drop the first channel's POSIX lock.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static HomeLock acquire(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().normalize().resolve(FILE_NAME);
        if (!HELD.add(file)) {
            throw inUse(dataDirectory, Long.toString(ProcessHandle.current().pid()));
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                HELD.remove(file);
                throw inUse(dataDirectory, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            channel.force(true);
            return new HomeLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw new PlinthException(ExitStatus.START_FAILED, "cannot lock the data directory " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
    }

    private static PlinthException inUse(Path dataDirectory, String holder) {
        return new PlinthException(ExitStatus.HOME_IN_USE, "Plinth data directory " + dataDirectory
                + " is in use by another Plinth process (pid " + holder + "); stop it first or use another home");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "unknown" : pid;
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException e) {
            // the process is ending; the OS drops the lock with it
        } finally {
            closeQuietly(channel);
            HELD.remove(file);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
