package dev.plinth.rest.internal;

import java.nio.file.Path;
import java.util.List;

import dev.plinth.api.DeployDirectory;
import dev.plinth.api.DeployedFile;

/**
 * {@code GET /api/deploy}: the deploy directory and what became of each of its files ({@code plugin:deploy-status
 * --json}); {@code watched} false and no files while the deploy bundle is not running.
 *
 * @param directory the directory, relative to the runtime's home when it lies in it ({@code deploy} by default),
 *        else absolute
 * @param watched whether the directory is watched now
 * @param files its files, sorted by name
 */
record DeployDocument(String directory, boolean watched, List<DeployedFile> files) {

    /** The directory that is not watched. */
    static final String DEFAULT = "deploy";

    /** The document of {@code directory} ({@code null} while it is not watched), named relative to {@code home}. */
    static DeployDocument of(DeployDirectory directory, Path home) {
        if (directory == null) {
            return new DeployDocument(DEFAULT, false, List.of());
        }
        Path path = directory.directory();
        String name = home != null && path.isAbsolute() && path.startsWith(home) && !path.equals(home)
                ? home.relativize(path).toString() : path.toString();
        return new DeployDocument(name, true, List.copyOf(directory.files()));
    }
}
