package dev.plinth.fleet.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;

/** What the fleet needs of this runtime: its catalogues and its plugin manager ({@link CatalogRuntime}). */
interface LocalRuntime {

    /** The SHA-256 the catalogues give for a version, empty when none offers it. */
    Optional<String> sha256(String id, String version) throws PluginException;

    /**
     * The settings of plugin {@code id} as installed here that are secrets (metatype {@code PASSWORD} attributes), as
     * {@code pid/key} (a factory configuration's by its factory PID); empty when it is not installed here.
     */
    Set<String> secretKeys(String id) throws PluginException;

    /** The managed plugins as they are now. */
    PluginSet export() throws PluginException;

    /**
     * The dry run of {@link #apply}: the changes it would make, or the refusal it would meet, changing nothing.
     */
    List<Change> simulate(PluginSet set) throws PluginException;

    /** Converges the runtime to {@code set}, recorded as done by the fleet. */
    List<Change> apply(PluginSet set) throws PluginException;

    /** The plugins and the libraries as the manager sees them (states, wiring, installed archives' SHA-256). */
    List<PluginInfo> plugins() throws PluginException;
}
