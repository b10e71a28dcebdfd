package dev.plinth.api.catalog;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;

/**
 * The plugin catalogues configured for this runtime, registered as an OSGi service by {@code dev.plinth.catalog}.
 *
 * <p>A catalogue is an OSGi repository index (R5 {@code index.xml}, optionally gzipped). Every artifact taken from
 * one is checked against the SHA-256 the index gives before the plugin manager sees it; a mismatch fails the
 * operation with {@link PluginException.Code#CHECKSUM_MISMATCH} and changes nothing. Changes go through the
 * {@link dev.plinth.api.PluginManager}, so they are serialized, recorded and undone on failure as every verb is.
 */
@ProviderType
public interface Catalog {

    /**
     * The plugins the catalogues offer, one entry per plugin id, sorted by id.
     *
     * @param filter words that must all occur (case-insensitive) in the id, name or description; {@code null} or
     *        blank for every plugin
     */
    List<CatalogEntry> available(String filter);

    /**
     * Installs a plugin by its id, with the libraries it needs from the catalogues.
     *
     * @param id the plugin id (its symbolic name)
     * @param version the exact version wanted, or {@code null} (or {@code latest}) for the newest version this
     *        runtime can run
     */
    Plan install(String id, String version, Options options) throws PluginException;

    /**
     * The installed plugins for which a catalogue has a newer version this runtime can run and the plugin manager's
     * dry run accepts (alone or together with the other updates), sorted by id; pinned plugins are listed with
     * their newest version, unchecked.
     */
    List<Outdated> outdated() throws PluginException;

    /**
     * Upgrades the plugin to the newest version this runtime can run; an empty plan when it is up to date. When that
     * version needs another plugin's newer version, the two are upgraded together. A pinned plugin is refused
     * ({@link PluginException.Code#PINNED}).
     */
    Plan update(String id, Options options) throws PluginException;

    /**
     * Updates every outdated plugin that is not pinned: all in one operation when they can go together (plugins
     * that need each other's new versions move together), otherwise each on its own, one that fails rolled back
     * while the others go on. Has no dry run: {@link #outdated()} shows what it would do.
     *
     * @return one result per plugin updated or tried, sorted by id
     */
    List<BatchResult> updateAll(Options options) throws PluginException;

    /** Keeps the plugin at its installed version: {@link #updateAll} skips it and {@link #update} refuses it. */
    void pin(String id) throws PluginException;

    /** Undoes {@link #pin}; nothing happens when the plugin is not pinned. */
    void unpin(String id) throws PluginException;

    /**
     * The pinned plugin ids, sorted.
     *
     * @throws PluginException {@link PluginException.Code#IO_ERROR} when the pins cannot be read; so do the other
     *         methods that depend on them
     */
    List<String> pinned() throws PluginException;

    /**
     * The catalogue plugin that provides a shell command, for telling an operator what to install.
     *
     * @param command {@code scope:function} or just {@code function}
     */
    Optional<CatalogEntry> providerOf(String command);

    /**
     * The SHA-256 (hex, lower case) the catalogues give for one version of a plugin: of the first catalogue, in the
     * configured order, that offers it. Empty when none does.
     */
    Optional<String> sha256(String id, String version) throws PluginException;

    /** The managed plugins as they are now: versions, enabled or not, pins. */
    PluginSet export() throws PluginException;

    /**
     * Converges the runtime to {@code wanted}: installs what is missing (from the catalogues), upgrades or
     * downgrades versions, enables and disables, removes managed plugins it does not list, and sets the pins.
     * Applying the same set twice changes nothing the second time. Everything is checked before the first change:
     * a set that names a version no catalogue has changes nothing. With {@link Options#simulate()} it only returns
     * the changes.
     */
    List<Change> apply(PluginSet wanted, Options options) throws PluginException;

    /** Reads a plugin set from its JSON form; {@link PluginException.Code#INVALID_INPUT} says what is wrong. */
    PluginSet parse(String json) throws PluginException;

    /** The JSON form of a plugin set, as {@code plugin:export} writes it. */
    String toJson(PluginSet set);
}
