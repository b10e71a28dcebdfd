package dev.plinth.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A Maven local repository for a build that a test runs: the artifacts of this build (installed into a folder of its
 * own, for example by {@code maven-invoker-plugin:install}) seen together with everything of the build's own local
 * repository, which stays untouched. Every entry of the own repository that the folder lacks becomes a symbolic
 * link in it; folders both hold are merged the same way, one level down. Maven 3.8 has no chained local
 * repositories ({@code maven.repo.local.tail} came with 3.9): this is the same, for an offline build.
 *
 * <p>What the test's build downloads or writes through a link lands in the own repository, as when a user builds.
 * For tests only (see the package).
 */
public final class LocalRepositoryOverlay {

    private LocalRepositoryOverlay() {
    }

    /**
     * Completes {@code overlay} (which holds this build's artifacts) with links to what {@code underlying} holds and
     * the overlay does not; returns the overlay. Entries already in the overlay win.
     */
    public static Path complete(Path overlay, Path underlying) {
        try {
            Files.createDirectories(overlay);
            merge(overlay.toAbsolutePath(), underlying.toAbsolutePath());
            return overlay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay " + overlay + " over " + underlying, e);
        }
    }

    private static void merge(Path overlay, Path underlying) throws IOException {
        if (!Files.isDirectory(underlying)) {
            return;
        }
        try (Stream<Path> entries = Files.list(underlying)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path own = overlay.resolve(entry.getFileName().toString());
                if (Files.isSymbolicLink(own)) {
                    continue;
                }
                if (!Files.exists(own)) {
                    Files.createSymbolicLink(own, entry);
                } else if (Files.isDirectory(own) && Files.isDirectory(entry)) {
                    merge(own, entry);
                }
            }
        }
    }
}
