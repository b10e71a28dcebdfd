package dev.plinth.rest.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The admin token's file: read when present, otherwise made once with a fresh random token, readable and
 * writable by its owner only (mode 600 in a directory of mode 700 where the file system has POSIX permissions).
 */
final class AdminTokenFile {

    private static final int TOKEN_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    AdminTokenFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The token, created first when the file is missing or empty. */
    String readOrCreate() throws IOException {
        if (Files.isRegularFile(file)) {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.length() >= Tokens.MINIMUM_LENGTH) {
                restrict(file, OWNER_FILE);
                return token;
            }
        }
        String token = newToken();
        write(token);
        return token;
    }

    private void write(String token) throws IOException {
        Path directory = ownerOnlyDirectory(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(directory, ".admin", ".tmp", attributes(OWNER_FILE));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(token + "\n"));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Creates the directory (and its parents) when missing, the directory itself accessible to its owner only. */
    static Path ownerOnlyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            try {
                Files.createDirectory(directory, attributes(OWNER_DIRECTORY));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made at the same time by another component
            }
        }
        return directory;
    }

    /** The attributes of a file readable and writable by its owner only, where the file system knows them. */
    static FileAttribute<?>[] ownerOnlyFile() {
        return attributes(OWNER_FILE);
    }

    private static String newToken() {
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
