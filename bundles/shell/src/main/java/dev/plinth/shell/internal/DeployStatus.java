package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.DeployedFile;

/**
 * What {@code plugin:deploy-status} returns.
 *
 * @param directory the deploy directory
 * @param files its files, sorted by name
 */
record DeployStatus(String directory, List<DeployedFile> files) {

    DeployStatus {
        files = List.copyOf(files);
    }
}
