package dev.plinth.storage.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Makes the storage's files and directories owner-only ({@code 0600}, {@code 0700}) where the file system can. */
final class OwnerOnly {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Restricts each path that exists to its owner. */
    static void restrict(Path... paths) throws IOException {
        if (!POSIX) {
            return;
        }
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            } else if (Files.isRegularFile(path)) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }
}
