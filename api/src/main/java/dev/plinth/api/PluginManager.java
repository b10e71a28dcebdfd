package dev.plinth.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin manager, registered as an OSGi service: the only writer of plugin state.
 *
 * <p>Every changing verb goes through one serialized queue and either completes or is undone. With
 * {@link Options#simulate()} it returns the plan and changes nothing; otherwise it executes that plan and
 * returns it. Failures are {@link PluginException}s with a stable code and a one-line message. Reads return
 * the state after the last completed operation, never a half-applied one.
 */
@ProviderType
public interface PluginManager {

    /**
     * Installs the bundle archive at {@code source} (a {@code file:} or other URL) as a plugin, adding the
     * libraries it needs, and enables it when {@link Options#enable()} is set.
     */
    Plan install(URI source, Options options) throws PluginException;

    /** Starts the plugin, and first the disabled plugins and libraries it needs. */
    Plan enable(String id, Options options) throws PluginException;

    /** Stops the plugin; refused when enabled plugins depend on it, unless {@link Options#cascade()}. */
    Plan disable(String id, Options options) throws PluginException;

    /**
     * Replaces the plugin with the archive at {@code source}, refreshing only its dependency closure and
     * restoring prior states. The replaced version is kept for {@link #rollback}.
     */
    Plan upgrade(String id, URI source, Options options) throws PluginException;

    /**
     * Upgrades several plugins as one operation, all or none: one refresh, every new version resolved against the
     * others' new versions. For plugins that must move together, say a new version of one that needs the other's
     * new version, which in turn no longer suits the first one's old version. Like {@link #upgrade}, it adds the
     * libraries the new versions need, replaces a library by another version when the libraries' other users can
     * live with it, and drops the libraries left without users.
     *
     * @param sources the archive of each plugin's new version, by plugin id
     * @throws IllegalArgumentException when {@code sources} is empty
     */
    Plan upgradeTogether(Map<String, URI> sources, Options options) throws PluginException;

    /** Returns the plugin to the version it had before its last upgrade, from the locally kept archive. */
    Plan rollback(String id, Options options) throws PluginException;

    /**
     * Stops and uninstalls the plugin and drops the libraries no plugin needs any more; refused when other
     * plugins depend on it, unless {@link Options#cascade()}. Named explicitly, an unmanaged bundle (one a plugin
     * installed behind the manager's back, say) is removed the same way, unless a bundle the manager does not
     * manage needs it ({@link PluginException.Code#PROTECTED}); system bundles never are.
     */
    Plan remove(String id, Options options) throws PluginException;

    /**
     * Installs several archives as one operation, and enables them when {@link Options#enable()} is set: they
     * are installed together with the libraries they need, wired by one resolve and started providers first, so
     * archives may need each other in any order. The plan shows it, as any verb's does: the archives refused at
     * planning (unreadable, a duplicate, a requirement nothing meets) have their failure in their result and no
     * step. Each archive succeeds or fails on its own: a failed one (and any archive of the batch wired to it)
     * changes nothing and is reported in its result; the others go on. With {@link Options#simulate()} it
     * returns the plan and the refusals and changes nothing.
     *
     * @return the plan, and one result per source in the order given
     */
    Batch installBatch(List<URI> sources, Options options);

    /**
     * Removes several plugins as one operation: one stop pass, one refresh. A plugin on which a plugin outside
     * the list depends is refused on its own (unless {@link Options#cascade()}); the others go on. With
     * {@link Options#simulate()} it returns the plan and the refusals and changes nothing.
     *
     * @return the plan, and one result per id in the order given
     */
    Batch removeBatch(List<String> ids, Options options);

    /** {@link #installBatch}'s results alone. */
    default List<BatchResult> installAll(List<URI> sources, Options options) {
        return installBatch(sources, options).results();
    }

    /** {@link #removeBatch}'s results alone. */
    default List<BatchResult> removeAll(List<String> ids, Options options) {
        return removeBatch(ids, options).results();
    }

    /** The plugins, sorted by id. */
    List<PluginInfo> plugins();

    /** The libraries, sorted by id. */
    List<PluginInfo> libraries();

    /** The system and unmanaged bundles, sorted by id. */
    List<PluginInfo> unmanaged();

    /**
     * Every bundle (plugins, libraries, system and unmanaged bundles), sorted by id, all from one view: unlike
     * {@link #plugins()}, {@link #libraries()} and {@link #unmanaged()} called one after the other, an operation
     * that finishes meanwhile never shows in part (a plugin listed without the library it brought, say).
     */
    default List<PluginInfo> all() {
        return java.util.stream.Stream.of(plugins(), libraries(), unmanaged()).flatMap(List::stream)
                .sorted(java.util.Comparator.comparing(PluginInfo::id)).toList();
    }

    /** Any bundle by plugin id (its symbolic name): plugin, library, system or unmanaged. */
    Optional<PluginInfo> find(String id);

    /** The plugin or library of that id; {@link PluginException.Code#NOT_FOUND} when there is none. */
    PluginInfo get(String id) throws PluginException;

    /**
     * Everything about the bundle of that id (plugin, library, system or unmanaged) in one document: the manager's
     * view, its wiring, its DS components and their unsatisfied references, its refused web routes;
     * {@link PluginException.Code#NOT_FOUND} when there is none. The default knows only the view; the runtime's
     * manager fills in the rest.
     */
    default PluginDetails details(String id) throws PluginException {
        PluginInfo plugin = find(id).orElse(null);
        return new PluginDetails(plugin != null ? plugin : get(id), false, List.of(), List.of());
    }

    /** The resolver's explanation for the bundle of that id. */
    Diagnosis diagnose(String id) throws PluginException;

    /** The most recent operations, newest last, at most {@code limit} of them. */
    List<Operation> history(int limit);
}
