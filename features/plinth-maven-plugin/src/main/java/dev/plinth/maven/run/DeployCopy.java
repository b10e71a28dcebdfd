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

    /** The jar holds another plugin than the one asked for; nothing was deployed. */
    static final class OtherPlugin extends IOException {
        private static final long serialVersionUID = 1L;

        private final String symbolicName;

        OtherPlugin(String symbolicName, String expected) {
            super("it holds " + symbolicName + ", not " + expected);
            this.symbolicName = symbolicName;
        }

        /** The symbolic name the jar holds. */
        String symbolicName() {
            return symbolicName;
        }
    }

    private DeployCopy() {
    }

    /**
     * Copies {@code jar} to {@code directory/name} when it holds the bundle {@code symbolicName}.
     *
     * @throws OtherPlugin when it holds another bundle; nothing is left in the directory then, the deployed file
     *     stays
     * @throws IOException as {@link #copy(Path, Path, String)}
     */
    static Deployed copy(Path jar, Path directory, String name, String symbolicName) throws IOException {
        return copy(jar, directory, name, bundle -> {
            if (!bundle.symbolicName().equals(symbolicName)) {
                throw new OtherPlugin(bundle.symbolicName(), symbolicName);
            }
        });
    }

    /**
     * Copies {@code jar} to {@code directory/name}.
     *
     * @throws IOException when the jar is not complete, changed while it was copied, or the copy failed; nothing is
     *     left in the directory then
     */
    static Deployed copy(Path jar, Path directory, String name) throws IOException {
        return copy(jar, directory, name, bundle -> {
        });
    }

    private interface Check {
        void accept(JarCheck.Bundle bundle) throws IOException;
    }

    private static Deployed copy(Path jar, Path directory, String name, Check check) throws IOException {
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
            check.accept(bundle);
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
