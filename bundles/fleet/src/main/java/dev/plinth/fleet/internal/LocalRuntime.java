package dev.plinth.fleet.internal;

import java.util.List;
import java.util.Optional;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;

/** What the fleet needs of this runtime: its catalogues and its plugin manager ({@link CatalogRuntime}). */
interface LocalRuntime {

    /** The SHA-256 the catalogues give for a version, empty when none offers it. */
    Optional<String> sha256(String id, String version) throws PluginException;

    /** The managed plugins as they are now. */
    PluginSet export() throws PluginException;

    /** Converges the runtime to {@code set}, recorded as done by the fleet. */
    List<Change> apply(PluginSet set) throws PluginException;

    /** The plugins as the manager sees them (states, installed archives' SHA-256). */
    List<PluginInfo> plugins() throws PluginException;
}
