package dev.plinth.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import dev.plinth.common.AtomicFiles;

/**
 * The admin token's file: read when present, otherwise made once with a fresh random token, readable and
 * writable by its owner only (mode 600 in a directory of mode 700 where the file system has POSIX permissions).
 * A file that is there but cannot be read as a token (not a regular file, not UTF-8, too large, not readable) is
 * never replaced: reading it fails with {@link Unreadable}, which names the file and says why.
 */
final class AdminTokenFile {

    private static final int TOKEN_BYTES = 32;
    /** A token file larger than this is no token file. */
    static final int MAX_BYTES = 4096;
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    AdminTokenFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * The token, created first when the file is missing, empty or holds a token too short to keep.
     *
     * @throws Unreadable when the file is there but cannot be read as a token
     * @throws IOException when a new token cannot be written
     */
    String readOrCreate() throws IOException {
        if (Files.exists(file) || Files.isSymbolicLink(file)) {
            String token = read();
            if (token.length() >= Tokens.MINIMUM_LENGTH) {
                restrict(file, OWNER_FILE);
                return token;
            }
        }
        String token = newToken();
        write(token);
        return token;
    }

    private String read() throws Unreadable {
        if (!Files.isRegularFile(file)) {
            throw new Unreadable(file, Files.isDirectory(file) ? "it is a directory" : "it is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new Unreadable(file, e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.toString());
        }
        if (bytes.length > MAX_BYTES) {
            throw new Unreadable(file, "it is larger than " + MAX_BYTES + " bytes");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            String token = text.replace("\uFEFF", "").strip();
            if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new Unreadable(file, "it holds a character a bearer token cannot carry (a line break, a blank, "
                        + "a control or non-ASCII character)");
            }
            return token;
        } catch (CharacterCodingException e) {
            throw new Unreadable(file, "it does not hold UTF-8 text");
        }
    }

    private void write(String token) throws IOException {
        ownerOnlyDirectory(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8), attributes(OWNER_FILE));
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

    /** The token file is there but cannot be read as a token; it is left as it is. */
    static final class Unreadable extends IOException {

        private static final long serialVersionUID = 1L;

        private final transient Path file;
        private final String reason;

        Unreadable(Path file, String reason) {
            super("the admin token file " + file + " cannot be read: " + reason);
            this.file = file;
            this.reason = reason;
        }

        Path file() {
            return file;
        }

        /** Why, without the file's name. */
        String reason() {
            return reason;
        }
    }
}
