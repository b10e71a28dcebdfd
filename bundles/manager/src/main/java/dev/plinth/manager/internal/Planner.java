package dev.plinth.manager.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;

import dev.plinth.api.Options;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;

/**
 * Turns a verb into a plan by the verb table: what to install, start, stop, update and uninstall, in which
 * order, and what a refresh rebuilds. Planning changes nothing but the temporary archives it reads.
 */
final class Planner {

    private final FrameworkAccess framework;
    private final StoreState state;
    private final LibraryFinder libraries;
    private final Instant now;

    Planner(FrameworkAccess framework, StoreState state, LibraryFinder libraries, Instant now) {
        this.framework = framework;
        this.state = state;
        this.libraries = libraries;
        this.now = now;
    }

    String words(String id) {
        return state.get(id).map(plugin -> plugin.kind().label() + " " + id)
                .orElseGet(() -> (framework.bundle(id) != null ? "plugin " : "bundle ") + id);
    }

    /** Refuses an archive whose plugin id is taken: DUPLICATE when managed, PROTECTED when not. */
    void checkInstallable(Archive archive) throws PluginException {
        if (state.get(archive.id()).isPresent()) {
            StoredPlugin existing = state.get(archive.id()).get();
            throw new PluginException(Code.DUPLICATE, existing.kind().label() + " " + archive.id() + " "
                    + existing.version() + " is already installed; use upgrade to replace it");
        }
        Bundle foreign = framework.bySymbolicName(archive.id()).orElse(null);
        if (foreign != null) {
            throw new PluginException(Code.PROTECTED, archive.id() + " " + foreign.getVersion()
                    + " is already installed and not managed by Plinth ("
                    + (FrameworkAccess.system(foreign) ? "a system bundle" : "installed by someone else") + ")");
        }
        RuntimeCompatibility.check(archive, () -> index(bundle -> true));
    }

    /** The libraries the sources offer for what {@code archive} needs and nothing installed provides. */
    LibraryFinder.Result findLibraries(Archive archive) {
        return libraries.find(archive, index(bundle -> true), this::words);
    }

    PlannedOperation install(Archive archive, Options options) throws PluginException {
        checkInstallable(archive);
        CapabilityIndex.Naming naming = id -> id.equals(archive.id()) ? "plugin " + id : words(id);
        LibraryFinder.Result found = libraries.find(archive, index(bundle -> true), naming);
        if (!found.problems().isEmpty()) {
            found.discard();
            throw found.failure();
        }
        List<PlannedOperation.Step> steps = new ArrayList<>();
        StoreState after = addLibraries(found, steps, state);
        steps.add(new PlannedOperation.Step(Action.INSTALL, archive.id(), archive.version().toString(), "", archive));
        startLibraries(found, steps);
        if (options.enable()) {
            for (Bundle provider : disabledProviders(archive)) {
                String id = FrameworkAccess.id(provider);
                steps.add(new PlannedOperation.Step(Action.START, id, provider.getVersion().toString(),
                        "needed by " + archive.id(), null));
                after = after.with(state.get(id).orElseThrow().withEnabled(true));
            }
            steps.add(new PlannedOperation.Step(Action.START, archive.id(), archive.version().toString(), "", null));
        }
        after = after.with(new StoredPlugin(archive.id(), archive.version().toString(), archive.sha256(),
                archive.source(), PluginKind.PLUGIN, options.enable(), null, null, null, now));
        return new PlannedOperation(Verb.INSTALL, archive.id(), steps, List.of(), List.of(), after, null,
                archive.version().toString());
    }

    PlannedOperation enable(String id) throws PluginException {
        StoredPlugin record = record(id);
        Bundle bundle = bundle(record);
        if (!FrameworkAccess.resolved(bundle) && !framework.resolve(List.of(bundle))) {
            throw unresolved(explain(bundle));
        }
        Set<Bundle> needed = Topology.reachable(bundle, FrameworkAccess::providers, FrameworkAccess::managed);
        Set<Bundle> toStart = new LinkedHashSet<>();
        for (Bundle provider : needed) {
            if (!FrameworkAccess.active(provider)) {
                toStart.add(provider);
            }
        }
        List<PlannedOperation.Step> steps = new ArrayList<>();
        StoreState after = state;
        for (Bundle provider : Topology.providersFirst(toStart)) {
            String providerId = FrameworkAccess.id(provider);
            steps.add(new PlannedOperation.Step(Action.START, providerId, provider.getVersion().toString(),
                    "needed by " + id, null));
            after = after.with(record(providerId).withEnabled(true));
        }
        if (!FrameworkAccess.active(bundle)) {
            steps.add(new PlannedOperation.Step(Action.START, id, record.version(), "", null));
        } else if (!record.enabled()) {
            steps.add(new PlannedOperation.Step(Action.RECORD, id, record.version(),
                    "running already; recorded as enabled", null));
        }
        after = after.with(record.withEnabled(true));
        return new PlannedOperation(Verb.ENABLE, id, steps, List.of(), List.of(), after, record.version(),
                record.version());
    }

    PlannedOperation disable(String id, boolean cascade) throws PluginException {
        StoredPlugin record = record(id);
        Bundle bundle = bundle(record);
        Set<Bundle> dependents = new LinkedHashSet<>();
        for (Bundle dependent : Topology.reachable(bundle, FrameworkAccess::requirers, FrameworkAccess::managed)) {
            if (FrameworkAccess.active(dependent)) {
                dependents.add(dependent);
            }
        }
        if (!dependents.isEmpty() && !cascade) {
            throw new PluginException(Code.HAS_DEPENDENTS, "cannot disable " + id + ": enabled plugins depend on it: "
                    + ids(dependents) + " (disable them first, or use --cascade)");
        }
        List<PlannedOperation.Step> steps = new ArrayList<>();
        StoreState after = state;
        Set<Bundle> stopping = new LinkedHashSet<>(dependents);
        stopping.add(bundle);
        for (Bundle stop : Topology.dependentsFirst(stopping)) {
            String stopId = FrameworkAccess.id(stop);
            if (FrameworkAccess.active(stop)) {
                steps.add(new PlannedOperation.Step(Action.STOP, stopId, stop.getVersion().toString(),
                        stop.equals(bundle) ? "" : "depends on " + id, null));
            } else if (stop.equals(bundle) && (record.enabled() || record.lastError() != null)) {
                steps.add(new PlannedOperation.Step(Action.RECORD, id, record.version(),
                        "not running; recorded as disabled", null));
            }
            after = after.with(record(stopId).withEnabled(false).withLastError(null));
        }
        return new PlannedOperation(Verb.DISABLE, id, steps, List.of(), List.of(), after, record.version(),
                record.version());
    }

    PlannedOperation remove(String id, boolean cascade) throws PluginException {
        Bundle bundle = removable(id);
        Set<Bundle> dependents = Topology.reachable(bundle, FrameworkAccess::requirers, FrameworkAccess::managed);
        dependents.removeAll(orphanLibraries(Set.of(bundle)));
        if (!dependents.isEmpty() && !cascade) {
            throw hasDependents(id, dependents);
        }
        Set<Bundle> removed = new LinkedHashSet<>(dependents);
        removed.add(bundle);
        return removal(id, removed, Set.of(bundle),
                state.get(id).map(StoredPlugin::version).orElse(bundle.getVersion().toString()));
    }

    /**
     * The bundle {@code remove} takes away: a plugin's or library's, or, since the operator asks for it by name, an
     * unmanaged one (installed by a plugin behind the manager's back, or by another agent) that no bundle outside
     * the manager's care needs. Never a system bundle, nor the manager itself.
     */
    private Bundle removable(String id) throws PluginException {
        if (state.get(id).isPresent()) {
            return bundle(record(id));
        }
        Bundle foreign = framework.bundle(id);
        if (foreign == null) {
            foreign = framework.bySymbolicName(id).filter(bundle -> !FrameworkAccess.system(bundle)).orElse(null);
        }
        if (foreign == null) {
            return bundle(record(id));
        }
        if (framework.self(foreign)) {
            throw new PluginException(Code.PROTECTED, id + " is the plugin manager itself: it does not remove itself");
        }
        List<String> needers = FrameworkAccess.requirers(foreign).stream()
                .filter(requirer -> !FrameworkAccess.managed(requirer)).map(FrameworkAccess::id).sorted().toList();
        if (!needers.isEmpty()) {
            throw new PluginException(Code.PROTECTED, "cannot remove " + id + ": bundles the plugin manager does not "
                    + "manage need it: " + String.join(", ", needers));
        }
        return foreign;
    }

    /** A removal of several plugins, and the ids refused with the reason. */
    record Removal(PlannedOperation operation, Map<String, PluginException> refused) {
    }

    /**
     * Removes the plugins {@code ids} as one operation; a plugin that a plugin outside the removal depends on is
     * refused (unless {@code cascade}, which removes the dependents too).
     */
    Removal removeAll(List<String> ids, boolean cascade) {
        Map<String, PluginException> refused = new LinkedHashMap<>();
        Set<Bundle> asked = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                asked.add(removable(id));
            } catch (PluginException e) {
                refused.put(id, e);
            }
        }
        Set<Bundle> removed = new LinkedHashSet<>(asked);
        if (cascade) {
            for (Bundle bundle : asked) {
                removed.addAll(Topology.reachable(bundle, FrameworkAccess::requirers, FrameworkAccess::managed));
            }
        } else {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (java.util.Iterator<Bundle> it = removed.iterator(); it.hasNext();) {
                    Bundle bundle = it.next();
                    boolean keptDependent = FrameworkAccess.requirers(bundle).stream()
                            .anyMatch(requirer -> !removed.contains(requirer) && FrameworkAccess.managed(requirer));
                    if (keptDependent) {
                        String id = FrameworkAccess.id(bundle);
                        Set<Bundle> dependents = Topology.reachable(bundle, FrameworkAccess::requirers,
                                FrameworkAccess::managed);
                        dependents.removeAll(removed);
                        refused.put(id, hasDependents(id, dependents));
                        it.remove();
                        changed = true;
                    }
                }
            }
        }
        List<String> removedIds = removed.stream().map(FrameworkAccess::id).toList();
        String target = removedIds.size() == 1 ? removedIds.get(0) : removedIds.size() + " plugins";
        return new Removal(removal(target, removed, asked, null), refused);
    }

    private static PluginException hasDependents(String id, Set<Bundle> dependents) {
        return new PluginException(Code.HAS_DEPENDENTS, "cannot remove " + id + ": plugins depend on it: "
                + ids(dependents) + " (remove them first, or use --cascade)");
    }

    /** Stops and uninstalls {@code removed}, drops the libraries left without users; {@code asked} were named. */
    private PlannedOperation removal(String target, Set<Bundle> removed, Set<Bundle> asked, String fromVersion) {
        List<Bundle> order = Topology.dependentsFirst(removed);
        List<PlannedOperation.Step> steps = new ArrayList<>();
        for (Bundle stop : order) {
            if (FrameworkAccess.active(stop)) {
                steps.add(new PlannedOperation.Step(Action.STOP, FrameworkAccess.id(stop), stop.getVersion().toString(),
                        asked.contains(stop) ? "" : "depends on " + target, null));
            }
        }
        List<String> dropped = new ArrayList<>();
        for (Bundle uninstall : order) {
            String uninstallId = FrameworkAccess.id(uninstall);
            steps.add(new PlannedOperation.Step(Action.UNINSTALL, uninstallId, uninstall.getVersion().toString(),
                    asked.contains(uninstall) ? "" : "depends on " + target, null));
            dropped.add(uninstallId);
        }
        Set<Bundle> orphans = orphanLibraries(removed);
        for (Bundle orphan : Topology.dependentsFirst(orphans)) {
            String orphanId = FrameworkAccess.id(orphan);
            steps.add(new PlannedOperation.Step(Action.DROP_LIBRARY, orphanId, orphan.getVersion().toString(),
                    "no plugin needs it any more", null));
            dropped.add(orphanId);
        }
        StoreState after = state.withoutAll(dropped);
        Set<Bundle> gone = new HashSet<>(removed);
        gone.addAll(orphans);
        List<String> refresh = new ArrayList<>();
        for (Bundle refreshed : framework.closure(gone)) {
            if (!gone.contains(refreshed)) {
                refresh.add(FrameworkAccess.id(refreshed) + " " + refreshed.getVersion());
            }
        }
        return new PlannedOperation(Verb.REMOVE, target, steps, gone, refresh, after, fromVersion, null);
    }

    /** Upgrade to {@code archive}, or (verb ROLLBACK) back to the previous archive. */
    PlannedOperation upgrade(String id, Archive archive, Verb verb) throws PluginException {
        StoredPlugin record = record(id);
        Bundle bundle = bundle(record);
        if (!archive.id().equals(id)) {
            throw new PluginException(Code.INVALID_ARCHIVE, ArchiveReader.display(java.net.URI.create(
                    archive.source())) + " is " + archive.id() + " " + archive.version() + ", not " + id);
        }
        if (archive.sha256().equals(record.sha256())) {
            return new PlannedOperation(verb, id, List.of(), List.of(), List.of(), state, record.version(),
                    record.version());
        }
        RuntimeCompatibility.check(archive, () -> index(installed -> !installed.equals(bundle)));
        LibraryFinder.Result found = libraries.find(archive, index(installed -> !installed.equals(bundle)),
                this::words);
        if (!found.problems().isEmpty()) {
            found.discard();
            throw found.failure();
        }
        List<PlannedOperation.Step> steps = new ArrayList<>();
        StoreState after = addLibraries(found, steps, state);
        Collection<Bundle> closure = framework.closure(List.of(bundle));
        List<Bundle> restart = new ArrayList<>();
        for (Bundle affected : closure) {
            if (FrameworkAccess.managed(affected) && FrameworkAccess.active(affected)) {
                restart.add(affected);
            }
        }
        for (Bundle stop : Topology.dependentsFirst(restart)) {
            steps.add(new PlannedOperation.Step(Action.STOP, FrameworkAccess.id(stop), stop.getVersion().toString(),
                    stop.equals(bundle) ? "" : "refreshed with " + id, null));
        }
        steps.add(new PlannedOperation.Step(Action.UPDATE, id, archive.version().toString(), "from " + record.version(),
                archive));
        startLibraries(found, steps);
        for (Bundle start : Topology.providersFirst(restart)) {
            String startId = FrameworkAccess.id(start);
            steps.add(new PlannedOperation.Step(Action.START, startId,
                    start.equals(bundle) ? archive.version().toString() : start.getVersion().toString(),
                    start.equals(bundle) ? "" : "refreshed with " + id, null));
        }
        for (Bundle orphan : Topology.dependentsFirst(orphanLibraries(Set.of(bundle)))) {
            if (!neededBy(orphan, archive)) {
                String orphanId = FrameworkAccess.id(orphan);
                steps.add(new PlannedOperation.Step(Action.DROP_LIBRARY, orphanId, orphan.getVersion().toString(),
                        "no plugin needs it any more", null));
                after = after.without(orphanId);
            }
        }
        List<String> refresh = new ArrayList<>();
        for (Bundle refreshed : closure) {
            refresh.add(FrameworkAccess.id(refreshed) + " " + refreshed.getVersion());
        }
        after = after.with(record.replacedBy(archive, now));
        return new PlannedOperation(verb, id, steps, List.of(bundle), refresh, after, record.version(),
                archive.version().toString());
    }

    /**
     * Adds the libraries found; returns {@code state} with their records. They are started by
     * {@link #startLibraries} once the plugin that needs them is installed too, so that a library that needs its
     * plugin in turn (a cycle) resolves.
     */
    private StoreState addLibraries(LibraryFinder.Result found, List<PlannedOperation.Step> steps, StoreState state) {
        StoreState after = state;
        for (Archive library : found.libraries()) {
            String version = library.version().toString();
            steps.add(new PlannedOperation.Step(Action.ADD_LIBRARY, library.id(), version,
                    "needed by " + found.neededBy().get(library.id()), library));
            after = after.with(new StoredPlugin(library.id(), version, library.sha256(), library.source(),
                    PluginKind.LIBRARY, true, null, null, null, now));
        }
        return after;
    }

    private static void startLibraries(LibraryFinder.Result found, List<PlannedOperation.Step> steps) {
        for (Archive library : found.libraries()) {
            steps.add(new PlannedOperation.Step(Action.START, library.id(), library.version().toString(), "library",
                    null));
        }
    }

    /** The libraries that no bundle left after removing {@code removed} needs, directly or through libraries. */
    Set<Bundle> orphanLibraries(Set<Bundle> removed) {
        Set<Bundle> needed = new HashSet<>();
        List<Bundle> queue = new ArrayList<>();
        for (Bundle bundle : framework.all()) {
            if (!removed.contains(bundle) && !isLibrary(bundle)) {
                queue.add(bundle);
            }
        }
        while (!queue.isEmpty()) {
            Bundle bundle = queue.remove(queue.size() - 1);
            for (Bundle provider : FrameworkAccess.providers(bundle)) {
                if (isLibrary(provider) && !removed.contains(provider) && needed.add(provider)) {
                    queue.add(provider);
                }
            }
        }
        Set<Bundle> orphans = new LinkedHashSet<>();
        for (Bundle bundle : framework.managedBundles()) {
            if (isLibrary(bundle) && !removed.contains(bundle) && !needed.contains(bundle)) {
                orphans.add(bundle);
            }
        }
        return orphans;
    }

    /** Whether {@code library} offers something the archive requires. */
    private boolean neededBy(Bundle library, Archive archive) {
        CapabilityIndex offered = CapabilityIndex.of(new Bundle[] {library}, bundle -> true, this::words);
        return archive.requirements().stream().anyMatch(requirement -> !offered.matching(requirement).isEmpty());
    }

    private boolean isLibrary(Bundle bundle) {
        return FrameworkAccess.managed(bundle)
                && state.get(FrameworkAccess.id(bundle)).map(StoredPlugin::library).orElse(false);
    }

    private Set<Bundle> disabledProviders(Archive archive) {
        CapabilityIndex index = index(bundle -> true);
        Set<Bundle> providers = new LinkedHashSet<>();
        for (Capabilities.Req requirement : archive.requirements()) {
            List<CapabilityIndex.Offer> offers = index.matching(requirement);
            boolean onlyDisabledPlugins = !offers.isEmpty() && offers.stream().allMatch(offer -> {
                Bundle provider = framework.bundle(offer.providerId());
                return provider != null && !FrameworkAccess.active(provider);
            });
            if (onlyDisabledPlugins) {
                providers.add(framework.bundle(offers.get(0).providerId()));
            }
        }
        return providers;
    }

    CapabilityIndex index(java.util.function.Predicate<Bundle> include) {
        return CapabilityIndex.of(framework.all(), include, this::words);
    }

    List<String> explain(Bundle bundle) {
        List<String> problems = new Explainer(index(installed -> true), this::words, List.of(framework.all()))
                .explain(bundle, new HashSet<>());
        if (problems.isEmpty()) {
            problems = List.of(words(FrameworkAccess.id(bundle)) + " " + bundle.getVersion() + " cannot be wired "
                    + "although every requirement has a provider: the packages it imports constrain each other "
                    + "(a uses conflict); see the log for the resolver's report");
        }
        return problems;
    }

    static PluginException unresolved(List<String> problems) {
        return new PluginException(Code.UNRESOLVED, problems.get(0), problems.subList(1, problems.size()), null);
    }

    StoredPlugin record(String id) throws PluginException {
        StoredPlugin record = state.get(id).orElse(null);
        if (record != null) {
            return record;
        }
        Bundle foreign = framework.bySymbolicName(id).orElse(null);
        if (foreign != null) {
            throw new PluginException(Code.PROTECTED, id + " is " + (FrameworkAccess.system(foreign)
                    ? "a system bundle" : "not managed by Plinth") + ": the plugin manager does not change it");
        }
        throw new PluginException(Code.NOT_FOUND, "no plugin " + id + " is installed");
    }

    private Bundle bundle(StoredPlugin record) throws PluginException {
        Bundle bundle = framework.bundle(record.id());
        if (bundle == null) {
            throw new PluginException(Code.IO_ERROR, record.id() + " is in the store but not in the framework; "
                    + "restart Plinth to reconcile");
        }
        return bundle;
    }

    private static String ids(Collection<Bundle> bundles) {
        return String.join(", ", bundles.stream().map(FrameworkAccess::id).sorted().toList());
    }
}
