package dev.plinth.maven.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The home of the local runtime ({@code target/plinth}): unpacked afresh when the distribution archive changed (or
 * when asked to), kept otherwise so that its {@code data/} (installed plugins, settings, storage) survives a restart
 * of the goal. The archive's sha-256 is kept in {@code .distribution} of the home.
 */
final class RuntimeHome {

    static final String MARKER = ".distribution";

    private RuntimeHome() {
    }

    /** Prepares {@code home} from {@code archive}; returns true when it was unpacked afresh. */
    static boolean prepare(Path archive, Path home, boolean clean) throws IOException {
        String sha256 = DeployCopy.sha256(archive);
        Path marker = home.resolve(MARKER);
        if (!clean && Files.isRegularFile(marker) && Files.isExecutable(home.resolve("bin/plinth"))
                && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(sha256)) {
            return false;
        }
        delete(home);
        DistributionArchive.unpack(archive, home);
        Files.writeString(marker, sha256 + "\n", StandardCharsets.UTF_8);
        return true;
    }

    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
