package dev.plinth.rest.internal;

import java.util.List;

import dev.plinth.api.DeployDirectory;
import dev.plinth.api.DeployedFile;

/**
 * {@code GET /api/deploy}: the deploy directory and what became of each of its files ({@code plugin:deploy-status
 * --json}); {@code watched} false and no files while the deploy bundle is not running.
 *
 * @param directory the directory, as the deploy bundle names it ({@code deploy} by default)
 * @param watched whether the directory is watched now
 * @param files its files, sorted by name
 */
record DeployDocument(String directory, boolean watched, List<DeployedFile> files) {

    /** The directory that is not watched. */
    static final String DEFAULT = "deploy";

    /** The document of {@code directory}, {@code null} while it is not watched. */
    static DeployDocument of(DeployDirectory directory) {
        if (directory == null) {
            return new DeployDocument(DEFAULT, false, List.of());
        }
        return new DeployDocument(directory.directory().toString(), true, List.copyOf(directory.files()));
    }
}
