package dev.plinth.catalog.internal;

import java.nio.file.Path;

import dev.plinth.api.PluginException;

/**
 * Fetches a plugin and the libraries it will take from the catalogues, each checked against its index, before the
 * plugin manager is asked to change anything: a mismatch fails here and nothing is installed.
 */
final class Fetch {

    private final ArtifactCache cache;

    Fetch(ArtifactCache cache) {
        this.cache = cache;
    }

    /** The verified archive of {@code plugin}, after its libraries' archives were verified too. */
    Path withLibraries(Selection selection, IndexResource plugin) throws PluginException {
        for (IndexResource library : selection.libraries(plugin)) {
            cache.fetch(library);
        }
        return cache.fetch(plugin);
    }
}
