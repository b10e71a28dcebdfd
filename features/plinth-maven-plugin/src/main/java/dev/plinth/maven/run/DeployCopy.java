package dev.plinth.maven.run;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Puts a jar into a deploy directory in one step: copied under a name the directory ignores (hidden, ending in
 * {@code .part}), checked to be the complete jar that was asked for, then renamed over the deployed name.
 */
final class DeployCopy {

    /** What was deployed: the bundle and the sha-256 of the bytes. */
    record Deployed(JarCheck.Bundle bundle, String sha256, Path file) {
    }

    private DeployCopy() {
    }

    /**
     * Copies {@code jar} to {@code directory/name}.
     *
     * @throws IOException when the jar is not complete, changed while it was copied, or the copy failed; nothing is
     *     left in the directory then
     */
    static Deployed copy(Path jar, Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(name);
        Path temporary = directory.resolve("." + name + ".part");
        long size = Files.size(jar);
        FileTime modified = Files.getLastModifiedTime(jar);
        try {
            Files.copy(jar, temporary, StandardCopyOption.REPLACE_EXISTING);
            JarCheck.Bundle bundle = JarCheck.bundle(temporary);
            if (Files.size(jar) != size || !Files.getLastModifiedTime(jar).equals(modified)
                    || Files.size(temporary) != size) {
                throw new IOException(jar.getFileName() + " changed while it was copied");
            }
            String sha256 = sha256(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Deployed(bundle, sha256, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
