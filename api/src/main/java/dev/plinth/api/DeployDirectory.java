package dev.plinth.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The watched deploy directory, registered as a service while it is watched: a jar that appears there is
 * installed and enabled, a replaced jar upgrades its plugin, a deleted jar removes it. This view says what
 * became of each file.
 */
@ProviderType
public interface DeployDirectory {

    /** The directory watched. */
    Path directory();

    /**
     * The files the directory holds (hidden and temporary names excepted), and the deleted files whose plugin
     * could not be removed, sorted by name.
     */
    List<DeployedFile> files();
}
