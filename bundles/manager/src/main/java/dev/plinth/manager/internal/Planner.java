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
        ConsoleCompatibility.check(archive, () -> index(bundle -> true));
    }

    /** The libraries the sources offer for what {@code archive} needs and nothing installed provides. */
    LibraryFinder.Result findLibraries(Archive archive) {
        return libraries.find(archive, index(bundle -> true), this::words);
    }

    /** The library record of {@code archive}'s id, when installing it promotes a library to a plugin. */
    java.util.Optional<StoredPlugin> promotes(Archive archive) {
        return state.get(archive.id()).filter(StoredPlugin::library);
    }

    PlannedOperation install(Archive archive, Options options) throws PluginException {
        if (promotes(archive).isPresent()) {
            return new Promotion(this, framework, state, now).plan(promotes(archive).get(), archive, options);
        }
        checkInstallable(archive);
        CapabilityIndex.Naming naming = id -> id.equals(archive.id()) ? "plugin " + id : words(id);
        LibraryFinder.Result found = libraries.find(archive, index(bundle -> true), naming);
        if (!found.problems().isEmpty()) {
            found.discard();
            throw found.failure();
        }
        Map<Bundle, Archive> replacing = replacements(found);
        List<Archive> incoming = new ArrayList<>(replacing.values());
        incoming.add(archive);
        boolean fragment = Fragments.is(archive);
        if (fragment && archive.manifest().getValue(dev.plinth.api.plugin.PluginLifecycle.HEADER) != null) {
            found.discard();
            throw new PluginException(Code.INVALID_ARCHIVE, "fragment " + archive.id() + " " + archive.version()
                    + " names a lifecycle hook (" + dev.plinth.api.plugin.PluginLifecycle.HEADER + "), which a fragment "
                    + "cannot have: its classes load through its host; move the hook to the host");
        }
        Collection<Bundle> hosts;
        try {
            checkDependents(replacing, incoming, found, archive.id(), Verb.INSTALL);
            hosts = fragment ? hostsToAttach(archive, false) : List.of();
        } catch (PluginException e) {
            found.discard();
            throw e;
        }
        List<PlannedOperation.Step> steps = new ArrayList<>();
        StoreState after = addLibraries(found, steps, state);
        List<Bundle> restart = stopForReplacing(replacing, steps, archive.id());
        List<Bundle> attaching = framework.closure(hosts).stream().filter(bundle -> FrameworkAccess.managed(bundle)
                && FrameworkAccess.active(bundle) && !restart.contains(bundle)).toList();
        for (Bundle stop : Topology.dependentsFirst(attaching)) {
            steps.add(new PlannedOperation.Step(Action.STOP, FrameworkAccess.id(stop), stop.getVersion().toString(),
                    "refreshed to attach " + archive.id(), null));
        }
        steps.add(new PlannedOperation.Step(Action.INSTALL, archive.id(), archive.version().toString(),
                fragment ? "fragment of " + Fragments.hostName(archive) : "", archive));
        startLibraries(found, steps);
        startAfterReplacing(restart, replacing, steps, archive.id());
        for (Bundle start : Topology.providersFirst(attaching)) {
            steps.add(new PlannedOperation.Step(Action.START, FrameworkAccess.id(start), start.getVersion().toString(),
                    "refreshed to attach " + archive.id(), null));
        }
        after = replaced(replacing, after);
        if (options.enable() && !fragment) {
            Set<Bundle> starting = new HashSet<>(restart);
            starting.addAll(attaching);
            after = startProviders(List.of(archive), starting, steps, after);
            steps.add(new PlannedOperation.Step(Action.START, archive.id(), archive.version().toString(), "", null));
        }
        after = after.with(new StoredPlugin(archive.id(), archive.version().toString(), archive.sha256(),
                archive.source(), PluginKind.PLUGIN, options.enable() || fragment, null, null, null, now));
        Set<Bundle> roots = new LinkedHashSet<>(replacing.keySet());
        roots.addAll(hosts);
        return new PlannedOperation(Verb.INSTALL, archive.id(), steps, replacing.keySet(), refreshList(roots,
                Set.of()), after, null, archive.version().toString());
    }

    /**
     * The hosts a fragment's install refreshes so that it attaches: those resolved already (an unresolved host
     * takes the fragment when it resolves). Refused when no host is installed, or when a host to refresh is not
     * the manager's.
     */
    List<Bundle> hostsToAttach(Archive archive, boolean inBatch) throws PluginException {
        List<Bundle> hosts = Fragments.hosts(archive, framework.all());
        if (hosts.isEmpty()) {
            throw new PluginException(Code.UNRESOLVED, Fragments.noHost(archive, framework.all(), inBatch));
        }
        List<Bundle> resolved = hosts.stream().filter(FrameworkAccess::resolved).toList();
        for (Bundle host : resolved) {
            if (!FrameworkAccess.managed(host)) {
                throw new PluginException(Code.PROTECTED, "fragment " + archive.id() + " attaches to "
                        + host.getSymbolicName() + " " + host.getVersion() + ", which the plugin manager does not "
                        + "manage: attaching it would refresh that bundle");
            }
        }
        return resolved;
    }

    PlannedOperation enable(String id) throws PluginException {
        StoredPlugin record = record(id);
        Bundle bundle = bundle(record);
        if (!FrameworkAccess.resolved(bundle) && !framework.resolve(List.of(bundle))) {
            return enableWithLibraries(record, bundle);
        }
        if (Fragments.is(bundle)) {
            return new PlannedOperation(Verb.ENABLE, id, List.of(), List.of(), List.of(),
                    state.with(record.withEnabled(true)), record.version(), record.version());
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

    /**
     * Enables a plugin that does not resolve with what is installed by adding the libraries the sources offer for
     * what it lacks; refuses with the explanation when they cannot make it whole.
     */
    private PlannedOperation enableWithLibraries(StoredPlugin record, Bundle bundle) throws PluginException {
        List<Capabilities.Req> requirements = Capabilities.requirementsOf(FrameworkAccess.revision(bundle));
        LibraryFinder.Result found = libraries.find(List.of(new LibraryFinder.Need(record.id(), requirements)),
                index(installed -> true), this::words);
        if (found.libraries().isEmpty() || !found.problems().isEmpty() || !found.replacements().isEmpty()) {
            found.discard();
            throw unresolved(explain(bundle));
        }
        List<PlannedOperation.Step> steps = new ArrayList<>();
        StoreState after = addLibraries(found, steps, state);
        startLibraries(found, steps);
        after = startProviders(record.id(), requirements, Set.of(), steps, after);
        steps.add(new PlannedOperation.Step(Action.START, record.id(), record.version(), "", null));
        after = after.with(record.withEnabled(true));
        return new PlannedOperation(Verb.ENABLE, record.id(), steps, List.of(), List.of(), after, record.version(),
                record.version());
    }

    PlannedOperation disable(String id, boolean cascade) throws PluginException {
        StoredPlugin record = record(id);
        Bundle bundle = bundle(record);
        if (Fragments.is(bundle)) {
            throw new PluginException(Code.INVALID_INPUT, id + " is a fragment of " + Fragments.hostName(bundle)
                    + ": it is part of its host whenever the host runs and is never started or stopped on its own; "
                    + "disable " + Fragments.hostName(bundle) + ", or remove " + id);
        }
        Set<Bundle> dependents = new LinkedHashSet<>();
        for (Bundle dependent : Topology.reachable(bundle, FrameworkAccess::requirers, FrameworkAccess::managed)) {
            if (FrameworkAccess.active(dependent) && !isLibrary(dependent)) {
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
        StoredPlugin lost = state.get(id).filter(record -> framework.bundle(id) == null).orElse(null);
        if (lost != null) {
            return new PlannedOperation(Verb.REMOVE, id, List.of(new PlannedOperation.Step(Action.UNINSTALL, id,
                    lost.version(), "not in the framework: only its record goes",
                    null)), List.of(), List.of(), state.without(id), lost.version(), null);
        }
        Bundle bundle = removable(id);
        Set<Bundle> dependents = Topology.reachable(bundle, FrameworkAccess::requirers, FrameworkAccess::managed);
        dependents.removeAll(orphanLibraries(Set.of(bundle), List.of()));
        if (!dependents.isEmpty() && !cascade) {
            throw hasDependents(id, named(dependents));
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

    /** An operation on several plugins, and the ids refused with the reason. */
    record Batch(PlannedOperation operation, Map<String, PluginException> refused) {
    }

    /** Plans the install of several archives as one operation (see {@link BatchPlanner}). */
    Batch installAll(List<Archive> archives, boolean enable) {
        return new BatchPlanner(this, framework, state, libraries, now).plan(archives, enable);
    }

    /**
     * Removes the plugins {@code ids} as one operation; a plugin that a plugin outside the removal depends on is
     * refused (unless {@code cascade}, which removes the dependents too).
     */
    Batch removeAll(List<String> ids, boolean cascade) {
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
                Set<Bundle> leaving = new HashSet<>(removed);
                leaving.addAll(orphanLibraries(removed, List.of()));
                for (java.util.Iterator<Bundle> it = removed.iterator(); it.hasNext();) {
                    Bundle bundle = it.next();
                    boolean keptDependent = FrameworkAccess.requirers(bundle).stream()
                            .anyMatch(requirer -> !leaving.contains(requirer) && FrameworkAccess.managed(requirer));
                    if (keptDependent) {
                        String id = FrameworkAccess.id(bundle);
                        Set<Bundle> dependents = Topology.reachable(bundle, FrameworkAccess::requirers,
                                FrameworkAccess::managed);
                        dependents.removeAll(leaving);
                        refused.put(id, hasDependents(id, named(dependents)));
                        it.remove();
                        changed = true;
                        break;
                    }
                }
            }
        }
        List<String> removedIds = removed.stream().map(FrameworkAccess::id).toList();
        String target = removedIds.size() == 1 ? removedIds.get(0) : removedIds.size() + " plugins";
        return new Batch(removal(target, removed, asked, null), refused);
    }

    /** The plugins among {@code dependents}, the ones to name; the libraries when there are none. */
    private Set<Bundle> named(Set<Bundle> dependents) {
        Set<Bundle> plugins = new LinkedHashSet<>(dependents);
        plugins.removeIf(this::isLibrary);
        return plugins.isEmpty() ? dependents : plugins;
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
        Set<Bundle> orphans = orphanLibraries(removed, List.of());
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
        if (!archive.id().equals(id)) {
            record(id);
            throw new PluginException(Code.INVALID_ARCHIVE, ArchiveReader.display(java.net.URI.create(
                    archive.source())) + " is " + archive.id() + " " + archive.version() + ", not " + id);
        }
        return upgrade(List.of(archive), verb, id);
    }

    /**
     * Upgrades the plugins (or libraries) of {@code archives} together, as one operation: one refresh, libraries
     * added or replaced by other versions as the new archives need, the libraries left without users dropped.
     * Refused when a bundle that stays would lose what it is wired to.
     */
    PlannedOperation upgrade(List<Archive> archives, Verb verb, String target) throws PluginException {
        Map<Bundle, Archive> replacing = new LinkedHashMap<>();
        Map<String, StoredPlugin> records = new LinkedHashMap<>();
        for (Archive archive : archives) {
            StoredPlugin record = record(archive.id());
            records.put(archive.id(), record);
            if (!archive.sha256().equals(record.sha256())) {
                replacing.put(bundle(record), archive);
            }
        }
        String from = archives.size() == 1 ? records.get(target).version() : null;
        if (replacing.isEmpty()) {
            return new PlannedOperation(verb, target, List.of(), List.of(), List.of(), state, from, from);
        }
        for (Map.Entry<Bundle, Archive> change : replacing.entrySet()) {
            checkKind(change.getKey(), change.getValue());
            RuntimeCompatibility.check(change.getValue(),
                    () -> index(installed -> !replacing.containsKey(installed)));
            ConsoleCompatibility.check(change.getValue(),
                    () -> index(installed -> !replacing.containsKey(installed)));
        }
        CapabilityIndex index = index(installed -> !replacing.containsKey(installed));
        replacing.values().forEach(archive -> index.add(archive, words(archive.id())));
        LibraryFinder.Result found = libraries.find(replacing.values().stream().map(LibraryFinder.Need::of).toList(),
                index, this::words);
        if (!found.problems().isEmpty()) {
            found.discard();
            throw found.failure();
        }
        Map<Bundle, Archive> named = Map.copyOf(replacing);
        replacing.putAll(replacements(found));
        List<Archive> incoming = new ArrayList<>(replacing.values());
        try {
            checkDependents(replacing, incoming, found, target, verb);
        } catch (PluginException e) {
            found.discard();
            throw e;
        }
        List<PlannedOperation.Step> steps = new ArrayList<>();
        StoreState after = addLibraries(found, steps, state);
        List<Bundle> restart = stopForReplacing(replacing, steps, target);
        startLibraries(found, steps);
        List<Archive> restarted = named.entrySet().stream().filter(entry -> restart.contains(entry.getKey()))
                .map(Map.Entry::getValue).toList();
        after = startProviders(restarted, Set.copyOf(restart), steps, after);
        startAfterReplacing(restart, replacing, steps, target);
        incoming.addAll(found.libraries());
        for (Bundle orphan : Topology.dependentsFirst(orphanLibraries(replacing.keySet(), incoming))) {
            String orphanId = FrameworkAccess.id(orphan);
            steps.add(new PlannedOperation.Step(Action.DROP_LIBRARY, orphanId, orphan.getVersion().toString(),
                    "no plugin needs it any more", null));
            after = after.without(orphanId);
        }
        after = replaced(replacing, after);
        String to = archives.size() == 1 ? archives.get(0).version().toString() : null;
        return new PlannedOperation(verb, target, steps, replacing.keySet(), refreshList(replacing.keySet(),
                Set.of()), after, from, to);
    }

    /**
     * Refuses an upgrade that turns a plugin into a fragment or back (a fragment is never started, a plugin is: one
     * is removed and the other installed), or a fragment's upgrade to a version no installed host takes.
     */
    private void checkKind(Bundle bundle, Archive archive) throws PluginException {
        boolean was = Fragments.is(bundle);
        boolean becomes = Fragments.is(archive);
        if (was != becomes) {
            throw new PluginException(Code.INVALID_ARCHIVE, archive.id() + " " + archive.version() + (becomes
                    ? " is a fragment of " + Fragments.hostName(archive) + " and " + bundle.getVersion() + " is not"
                    : " is not a fragment and " + bundle.getVersion() + " is one (of " + Fragments.hostName(bundle)
                            + ")") + ": an upgrade does not change what a bundle is; remove " + archive.id()
                    + " and install the new archive");
        }
        if (becomes && Fragments.hosts(archive, framework.all()).isEmpty()) {
            throw new PluginException(Code.UNRESOLVED, Fragments.noHost(archive, framework.all()));
        }
    }

    /** The installed libraries that found replacements replace, with their new archives. */
    private Map<Bundle, Archive> replacements(LibraryFinder.Result found) throws PluginException {
        Map<Bundle, Archive> replacing = new LinkedHashMap<>();
        for (Archive library : found.replacements()) {
            replacing.put(bundle(record(library.id())), library);
        }
        return replacing;
    }

    /** Refuses a change that leaves a bundle that stays without what it is wired to ({@link DependentsCheck}). */
    private void checkDependents(Map<Bundle, Archive> replacing, List<Archive> incoming, LibraryFinder.Result found,
            String target, Verb verb) throws PluginException {
        if (replacing.isEmpty()) {
            return;
        }
        CapabilityIndex after = index(installed -> !replacing.containsKey(installed));
        incoming.forEach(archive -> after.add(archive, words(archive.id())));
        found.libraries().forEach(library -> after.add(library, "library " + library.id()));
        new DependentsCheck(framework, state, this::words).check(replacing, after, target, verb);
    }

    /**
     * Stops (dependents first) the running managed bundles a refresh of the replaced ones rebuilds, then updates the
     * replaced ones, libraries first; returns the bundles stopped, to start again.
     */
    private List<Bundle> stopForReplacing(Map<Bundle, Archive> replacing, List<PlannedOperation.Step> steps,
            String target) {
        if (replacing.isEmpty()) {
            return List.of();
        }
        List<Bundle> restart = new ArrayList<>();
        for (Bundle affected : framework.closure(replacing.keySet())) {
            if (FrameworkAccess.managed(affected) && FrameworkAccess.active(affected)) {
                restart.add(affected);
            }
        }
        for (Bundle stop : Topology.dependentsFirst(restart)) {
            steps.add(new PlannedOperation.Step(Action.STOP, FrameworkAccess.id(stop), stop.getVersion().toString(),
                    replacing.containsKey(stop) ? "" : "refreshed with " + target, null));
        }
        for (Bundle update : Topology.providersFirst(replacing.keySet())) {
            Archive archive = replacing.get(update);
            String id = FrameworkAccess.id(update);
            boolean library = state.get(id).map(StoredPlugin::library).orElse(false);
            steps.add(new PlannedOperation.Step(Action.UPDATE, id, archive.version().toString(), "from "
                    + update.getVersion() + (library && !id.equals(target) ? ", needed by " + target : ""), archive));
        }
        return restart;
    }

    private static void startAfterReplacing(List<Bundle> restart, Map<Bundle, Archive> replacing,
            List<PlannedOperation.Step> steps, String target) {
        for (Bundle start : Topology.providersFirst(restart)) {
            Archive archive = replacing.get(start);
            steps.add(new PlannedOperation.Step(Action.START, FrameworkAccess.id(start),
                    archive != null ? archive.version().toString() : start.getVersion().toString(),
                    archive != null ? "" : "refreshed with " + target, null));
        }
    }

    private StoreState replaced(Map<Bundle, Archive> replacing, StoreState after) {
        StoreState result = after;
        for (Archive archive : replacing.values()) {
            result = result.with(state.get(archive.id()).orElseThrow().replacedBy(archive, now));
        }
        return result;
    }

    List<String> refreshList(Collection<Bundle> roots, Set<Bundle> gone) {
        List<String> refresh = new ArrayList<>();
        for (Bundle refreshed : framework.closure(roots)) {
            if (!gone.contains(refreshed)) {
                refresh.add(FrameworkAccess.id(refreshed) + " " + refreshed.getVersion());
            }
        }
        return refresh;
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
        for (Archive library : ArchiveOrder.providersFirst(found.libraries())) {
            steps.add(new PlannedOperation.Step(Action.START, library.id(), library.version().toString(), "library",
                    null));
        }
    }

    /** The libraries nobody needs once {@code gone} are gone and {@code incoming} are in (see {@link LibraryNeeds}). */
    Set<Bundle> orphanLibraries(Collection<Bundle> gone, Collection<Archive> incoming) {
        return new LibraryNeeds(framework.all(), this::isLibrary).orphans(gone, incoming);
    }

    private boolean isLibrary(Bundle bundle) {
        return FrameworkAccess.managed(bundle)
                && state.get(FrameworkAccess.id(bundle)).map(StoredPlugin::library).orElse(false);
    }

    /** Plans the starts of the stopped plugins {@code archives} will be wired to (see {@link ProviderStarts}). */
    StoreState startProviders(List<Archive> archives, Set<Bundle> starting, List<PlannedOperation.Step> steps,
            StoreState after) {
        return providerStarts().plan(archives, starting, steps, after);
    }

    private StoreState startProviders(String id, List<Capabilities.Req> requirements, Set<Bundle> starting,
            List<PlannedOperation.Step> steps, StoreState after) {
        return providerStarts().plan(id, requirements, starting, steps, after);
    }

    private ProviderStarts providerStarts() {
        return new ProviderStarts(framework, state, () -> index(bundle -> true));
    }

    CapabilityIndex index(java.util.function.Predicate<Bundle> include) {
        return CapabilityIndex.of(framework.all(), include, this::words);
    }

    List<String> explain(Bundle bundle) {
        if (Fragments.is(bundle) && !Fragments.attached(bundle)) {
            String host = Fragments.hostName(bundle);
            String id = FrameworkAccess.id(bundle);
            if (Fragments.hosts(bundle, framework.all()).isEmpty()) {
                return List.of("fragment " + id + " " + bundle.getVersion() + " attaches to " + host
                        + ", which is not installed");
            }
            if (!Fragments.hostsToRefresh(List.of(bundle), framework.all()).isEmpty()) {
                return List.of("fragment " + id + " " + bundle.getVersion() + " is not attached to " + host
                        + ", which was resolved before it came; the next start of Plinth attaches it");
            }
        }
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
                    + "restart Plinth to reconcile, or plugin:remove " + record.id() + " to drop its record");
        }
        return bundle;
    }

    private static String ids(Collection<Bundle> bundles) {
        return String.join(", ", bundles.stream().map(FrameworkAccess::id).sorted().toList());
    }
}
