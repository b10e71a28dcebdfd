package dev.plinth.catalog.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.framework.Version;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.api.PluginState;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.Change.Action;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.settings.PluginSettings;

/**
 * Exports the managed plugin set and converges the runtime to one. Every version to install is found and its archive
 * (with its libraries) verified before the first change, in a dry run too; a plugin wanted enabled whose start
 * failed is enabled again; then the changes are made in a fixed order (removals,
 * disables, installs, version changes, settings, enables, pins), each through the plugin manager (settings through
 * the settings service), stopping at the first that
 * fails. Within one kind of change the wiring decides: removals and disables go dependents first, version changes
 * and enables providers first, so a set that disables a provider with its consumers needs no cascade. The dry run
 * lists the changes in the order the real run makes them. Applying again finishes what a failed apply left.
 */
final class SetApplier {

    private final PluginManager manager;
    private final PinnedPlugins pins;
    private final ArtifactCache cache;
    private final SetSettings settings;

    /** @param settings the settings service, or {@code null} when the runtime has none */
    SetApplier(PluginManager manager, PinnedPlugins pins, ArtifactCache cache, PluginSettings settings) {
        this.manager = manager;
        this.pins = pins;
        this.cache = cache;
        this.settings = new SetSettings(settings);
    }

    PluginSet export() throws PluginException {
        Set<String> pinned = pins.ids();
        List<PluginSet.Member> members = new ArrayList<>();
        for (PluginInfo plugin : manager.plugins()) {
            members.add(settings.export(plugin.id(), plugin.version(), wantedEnabled(plugin),
                    pinned.contains(plugin.id())));
        }
        members.sort(Comparator.comparing(PluginSet.Member::id));
        return new PluginSet(members);
    }

    List<Change> apply(PluginSet wanted, Selection selection, List<String> problems, Options options)
            throws PluginException {
        Map<String, PluginInfo> current = manager.plugins().stream()
                .collect(Collectors.toMap(PluginInfo::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<Change> changes = new ArrayList<>();
        Set<String> pinned = pins.ids();
        Map<String, IndexResource> archives = new LinkedHashMap<>();
        for (PluginInfo plugin : current.values()) {
            if (wanted.plugins().stream().noneMatch(m -> m.id().equals(plugin.id()))) {
                changes.add(new Change(Action.REMOVE, plugin.id(), plugin.version(), null));
            }
        }
        for (PluginSet.Member member : wanted.plugins()) {
            PluginInfo plugin = current.get(member.id());
            if (plugin == null) {
                java.util.Optional<PluginInfo> other = manager.find(member.id());
                if (other.isPresent()) {
                    throw new PluginException(PluginException.Code.DUPLICATE, member.id() + " " + other.get().version()
                            + " is installed here as a " + other.get().kind().label()
                            + ", not as a plugin; a plugin set lists plugins"
                            + (other.get().kind() == dev.plinth.api.PluginKind.LIBRARY ? " (plugin:install "
                                    + member.id() + " makes the library a plugin)" : ""));
                }
                archives.put(member.id(), Versions.pick(selection, member.id(), member.version(), problems));
                changes.add(new Change(Action.INSTALL, member.id(), null, member.version()));
                if (member.enabled()) {
                    changes.add(new Change(Action.ENABLE, member.id(), null, member.version()));
                }
            } else {
                if (!Version.parseVersion(plugin.version()).equals(Version.parseVersion(member.version()))) {
                    archives.put(member.id(), Versions.pick(selection, member.id(), member.version(), problems));
                    changes.add(new Change(Action.UPGRADE, member.id(), plugin.version(), member.version()));
                }
                boolean enabled = wantedEnabled(plugin);
                if (member.enabled() != enabled) {
                    changes.add(new Change(member.enabled() ? Action.ENABLE : Action.DISABLE, member.id(),
                            plugin.version(), member.version()));
                } else if (member.enabled() && plugin.state() == PluginState.FAILED) {
                    changes.add(new Change(Action.ENABLE, member.id(), plugin.version(), member.version()));
                }
            }
            changes.addAll(settings.changes(member, plugin != null));
            if (member.pinned() != pinned.contains(member.id())) {
                changes.add(new Change(member.pinned() ? Action.PIN : Action.UNPIN, member.id(), null,
                        member.version()));
            }
        }
        changes.sort(Comparator.comparing(Change::action));
        changes = alongTheGraph(changes, new GraphOrder(manager.all()));
        Map<String, URI> verified = new LinkedHashMap<>();
        Fetch fetch = new Fetch(cache);
        for (Map.Entry<String, IndexResource> archive : archives.entrySet()) {
            verified.put(archive.getKey(), fetch.withLibraries(selection, archive.getValue()).toUri());
        }
        refuseInvalidSettings(wanted, verified);
        refuseWhatTheManagerWouldRefuse(changes, verified, pinned);
        if (options.simulate() || changes.isEmpty()) {
            return changes;
        }
        execute(changes, verified, pinned, options);
        return changes;
    }

    /**
     * Refuses the set, before any change and in a dry run too, when the version of a member that will run refuses
     * the settings the set gives it (the archive's metatype for a member to install or upgrade, the installed one's
     * for the others), naming each plugin, PID, key and why.
     */
    private void refuseInvalidSettings(PluginSet wanted, Map<String, URI> verified) throws PluginException {
        List<String> refusals = new ArrayList<>();
        for (PluginSet.Member member : wanted.plugins()) {
            URI archive = verified.get(member.id());
            refusals.addAll(settings.refusals(member, archive == null ? null : java.nio.file.Path.of(archive)));
        }
        if (!refusals.isEmpty()) {
            throw new PluginException(PluginException.Code.INVALID_SETTINGS, "the plugin set gives settings its "
                    + "plugins refuse, nothing was changed: " + String.join("; ", refusals), refusals, null);
        }
    }

    /**
     * The changes of each action in the order the wiring needs: removals and disables dependents first, upgrades and
     * enables providers first (installs are one batch, wired by one resolve).
     */
    private static List<Change> alongTheGraph(List<Change> changes, GraphOrder graph) {
        List<Change> ordered = new ArrayList<>();
        for (Action action : Action.values()) {
            List<String> ids = ids(changes, action).stream().distinct().toList();
            List<String> along = switch (action) {
                case REMOVE, DISABLE -> graph.dependentsFirst(ids);
                case UPGRADE, ENABLE -> graph.providersFirst(ids);
                default -> ids;
            };
            for (String id : along) {
                changes.stream().filter(c -> c.action() == action && c.id().equals(id)).forEach(ordered::add);
            }
        }
        return ordered;
    }

    /**
     * Asks the plugin manager's dry runs about the removals, disables and version changes before anything changes, so
     * that a set the real run would refuse half way is refused whole, and the dry run refuses what the real run
     * would: a removal or disable that takes along a plugin the set keeps, a version change that takes from a plugin
     * that stays what it is wired to. Version changes of pinned plugins are left to the real run, which unpins them.
     */
    private void refuseWhatTheManagerWouldRefuse(List<Change> changes, Map<String, URI> verified, Set<String> pinned)
            throws PluginException {
        Options dryRun = Options.DEFAULT.withSimulate(true).withCascade(true);
        Set<String> removals = new java.util.HashSet<>(ids(changes, Action.REMOVE));
        manager.libraries().forEach(library -> removals.add(library.id()));
        for (String id : ids(changes, Action.REMOVE)) {
            refuseOthers(id, "remove", manager.remove(id, dryRun), Plan.Action.UNINSTALL, removals);
        }
        Set<String> disables = Set.copyOf(ids(changes, Action.DISABLE));
        for (String id : disables) {
            refuseOthers(id, "disable", manager.disable(id, dryRun), Plan.Action.STOP, disables);
        }
        List<String> upgrades = ids(changes, Action.UPGRADE);
        if (!upgrades.isEmpty() && upgrades.stream().noneMatch(pinned::contains)) {
            Map<String, URI> archives = new LinkedHashMap<>();
            upgrades.forEach(id -> archives.put(id, verified.get(id)));
            manager.upgradeTogether(archives, Options.DEFAULT.withSimulate(true));
        }
    }

    /** Refuses when the cascaded plan of {@code id} takes along a plugin outside {@code set}. */
    private static void refuseOthers(String id, String verb, Plan plan, Plan.Action action, Set<String> set)
            throws PluginException {
        List<String> others = plan.steps().stream().filter(step -> step.action() == action)
                .map(Plan.Step::id).filter(other -> !other.equals(id) && !set.contains(other)).distinct().sorted()
                .toList();
        if (!others.isEmpty()) {
            throw new PluginException(PluginException.Code.HAS_DEPENDENTS, "cannot " + verb + " " + id
                    + ": plugins the set keeps" + (verb.equals("disable") ? " enabled" : "") + " depend on it: "
                    + String.join(", ", others));
        }
    }

    /** @param pinned the plugins pinned when the changes were worked out */
    private void execute(List<Change> changes, Map<String, URI> verified, Set<String> pinned, Options options)
            throws PluginException {
        List<String> removals = ids(changes, Action.REMOVE);
        if (!removals.isEmpty()) {
            firstFailure(manager.removeAll(removals, options.withCascade(false).withEnable(false)));
        }
        for (String id : ids(changes, Action.DISABLE)) {
            manager.disable(id, options.withCascade(false));
        }
        List<String> installs = ids(changes, Action.INSTALL);
        if (!installs.isEmpty()) {
            firstFailure(manager.installAll(installs.stream().map(verified::get).toList(),
                    options.withEnable(false).withCascade(false)));
        }
        List<String> upgrades = ids(changes, Action.UPGRADE);
        if (!upgrades.isEmpty()) {
            upgrade(upgrades, verified, pinned, options);
        }
        for (Change change : changes) {
            settings.apply(change, options);
        }
        for (String id : ids(changes, Action.ENABLE)) {
            manager.enable(id, options);
        }
        for (Change change : changes) {
            if (change.action() == Action.PIN || change.action() == Action.UNPIN) {
                pins.set(change.id(), change.action() == Action.PIN);
            }
        }
    }

    /**
     * Changes the versions as one operation, so that plugins that must move together do. A pinned plugin whose version
     * the set changes is unpinned for the change; the set's pins are set at the end.
     */
    private void upgrade(List<String> ids, Map<String, URI> verified, Set<String> pinned, Options options)
            throws PluginException {
        List<String> unpinned = ids.stream().filter(pinned::contains).toList();
        for (String id : unpinned) {
            pins.set(id, false);
        }
        try {
            Map<String, URI> archives = new LinkedHashMap<>();
            ids.forEach(id -> archives.put(id, verified.get(id)));
            manager.upgradeTogether(archives, options);
        } finally {
            for (String id : unpinned) {
                pins.set(id, true);
            }
        }
    }

    private static List<String> ids(List<Change> changes, Action action) {
        return changes.stream().filter(c -> c.action() == action).map(Change::id).toList();
    }

    private static void firstFailure(List<BatchResult> results) throws PluginException {
        for (BatchResult result : results) {
            if (!result.succeeded()) {
                throw result.failure();
            }
        }
    }

    private static boolean wantedEnabled(PluginInfo plugin) {
        return plugin.state() == PluginState.ENABLED || plugin.state() == PluginState.STARTING
                || plugin.state() == PluginState.FAILED;
    }
}
