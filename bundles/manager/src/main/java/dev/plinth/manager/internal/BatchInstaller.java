package dev.plinth.manager.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;

/**
 * Installs many archives as one operation: all are installed, one resolve wires them (with libraries added for
 * what is still missing), they are started providers first and one commit records those that made it. An
 * archive that fails is undone with every archive of the batch wired to it; the others go on.
 */
final class BatchInstaller {

    /** The committed state and, per archive id, why it failed; the ids absent from {@code failures} made it. */
    record Outcome(StoreState after, Map<String, PluginException> failures) {
    }

    private final Store store;
    private final FrameworkAccess framework;
    private final LifecycleHooks hooks;
    private final Logger log;

    BatchInstaller(Store store, FrameworkAccess framework, LifecycleHooks hooks, Logger log) {
        this.store = store;
        this.framework = framework;
        this.hooks = hooks;
        this.log = log;
    }

    /** Installs the archives (already checked for duplicates) and commits; {@code before} is the current state. */
    Outcome install(List<Archive> archives, StoreState before, Planner planner, boolean enable,
            String origin, Instant now) throws PluginException {
        Map<String, PluginException> failures = new LinkedHashMap<>();
        StoreState after = before.next();
        List<String> ids = archives.stream().map(Archive::id).toList();
        store.begin(new Intent(after.sequence(), Verb.INSTALL, target(ids), origin, now, ids));
        FaultPoints.reach("batch.intent");
        Map<Bundle, Archive> installed = new LinkedHashMap<>();
        for (Archive archive : archives) {
            try {
                installed.put(install(archive), archive);
            } catch (PluginException e) {
                failures.put(archive.id(), e);
            }
        }
        List<Bundle> hostsRestarted = attachFragments(installed.keySet());
        framework.resolve(installed.keySet());
        FaultPoints.reach("batch.bundles-installed");
        Map<Bundle, Archive> libraries = addLibraries(unresolved(installed.keySet()), installed, planner);
        Set<Bundle> failed = new LinkedHashSet<>();
        for (Bundle bundle : unresolved(installed.keySet())) {
            fail(bundle, Planner.unresolved(planner.explain(bundle)), failed, failures, installed);
        }
        List<Bundle> order = Topology.providersFirst(installed.keySet());
        for (Bundle bundle : order) {
            if (!failed.contains(bundle) && !libraries.containsKey(bundle)) {
                try {
                    hooks.installed(bundle);
                } catch (PluginException e) {
                    fail(bundle, e, failed, failures, installed);
                }
            }
        }
        Set<Bundle> started = new HashSet<>();
        if (enable) {
            after = startProviders(order, failed, installed, after, planner);
            for (Bundle bundle : order) {
                if (failed.contains(bundle) || Fragments.is(bundle)) {
                    continue;
                }
                Bundle blocking = FrameworkAccess.providers(bundle).stream().filter(failed::contains).findFirst()
                        .orElse(null);
                try {
                    if (blocking != null) {
                        throw new PluginException(Code.START_FAILED, FrameworkAccess.id(bundle) + " "
                                + bundle.getVersion() + " was not started: it needs " + FrameworkAccess.id(blocking)
                                + ", which failed");
                    }
                    framework.start(bundle);
                    started.add(bundle);
                } catch (PluginException e) {
                    fail(bundle, e, failed, failures, installed);
                }
            }
        } else {
            for (Bundle library : libraries.keySet()) {
                if (!failed.contains(library)) {
                    try {
                        framework.start(library);
                    } catch (PluginException e) {
                        fail(library, e, failed, failures, installed);
                    }
                }
            }
        }
        dropUnneededLibraries(libraries.keySet(), failed);
        undo(failed, started);
        restart(hostsRestarted);
        List<StoredPlugin> records = new ArrayList<>();
        for (Map.Entry<Bundle, Archive> entry : installed.entrySet()) {
            if (failed.contains(entry.getKey())) {
                continue;
            }
            Archive archive = entry.getValue();
            boolean library = libraries.containsKey(entry.getKey());
            records.add(new StoredPlugin(archive.id(), archive.version().toString(), archive.sha256(),
                    archive.source(), library ? PluginKind.LIBRARY : PluginKind.PLUGIN,
                    library || enable || Fragments.is(entry.getKey()), null, null, null, now));
        }
        after = after.withAll(records);
        store.syncArtifacts();
        FaultPoints.reach("batch.before-commit");
        try {
            store.commit(after);
            FaultPoints.reach("batch.committed");
        } catch (PluginException e) {
            Set<Bundle> all = new LinkedHashSet<>(installed.keySet());
            all.removeAll(failed);
            undo(all, started);
            throw e;
        } finally {
            try {
                store.end();
            } catch (java.io.IOException e) {
                log.error("cannot clear the journal: {}", e.getMessage());
            }
        }
        return new Outcome(after, failures);
    }

    private static String target(List<String> ids) {
        return ids.size() == 1 ? ids.get(0) : ids.size() + " plugins";
    }

    private Bundle install(Archive archive) throws PluginException {
        Path artifact = store.keepUnsynced(archive);
        try {
            return framework.install(archive.id(), artifact);
        } catch (Exception e) {
            throw new PluginException(Code.INVALID_ARCHIVE, "cannot install " + archive.id() + ": "
                    + LifecycleHooks.describe(e), List.of(), e);
        }
    }

    private static List<Bundle> unresolved(Set<Bundle> bundles) {
        return bundles.stream().filter(bundle -> !FrameworkAccess.resolved(bundle)).toList();
    }

    /** Adds the libraries the unresolved bundles lack and resolves again; returns the libraries added. */
    private Map<Bundle, Archive> addLibraries(List<Bundle> unresolved, Map<Bundle, Archive> installed,
            Planner planner) {
        Map<Bundle, Archive> added = new LinkedHashMap<>();
        if (unresolved.isEmpty()) {
            return added;
        }
        Set<String> chosen = new HashSet<>();
        for (Bundle bundle : unresolved) {
            LibraryFinder.Result found = planner.findLibraries(installed.get(bundle));
            found.replacements().forEach(Archive::discard);
            for (Archive library : found.libraries()) {
                if (!chosen.add(library.id())) {
                    library.discard();
                    continue;
                }
                try {
                    Bundle libraryBundle = install(library);
                    added.put(libraryBundle, library);
                } catch (PluginException e) {
                    log.warn("cannot add library {} for {}: {}", library.id(), FrameworkAccess.id(bundle),
                            e.getMessage());
                }
            }
        }
        if (!added.isEmpty()) {
            installed.putAll(added);
            framework.resolve(installed.keySet());
        }
        return added;
    }

    /**
     * Refreshes the managed hosts outside the batch that resolved before the batch's fragments came, so that the
     * fragments attach; the running plugins that refresh rebuilds are stopped first and returned, to be started again.
     */
    private List<Bundle> attachFragments(Set<Bundle> batch) {
        List<Bundle> hosts = Fragments.hostsToRefresh(batch, framework.all()).stream()
                .filter(host -> !batch.contains(host) && FrameworkAccess.managed(host)).toList();
        if (hosts.isEmpty()) {
            return List.of();
        }
        List<Bundle> running = framework.closure(hosts).stream()
                .filter(bundle -> FrameworkAccess.managed(bundle) && FrameworkAccess.active(bundle)).toList();
        List<Bundle> stopped = new ArrayList<>();
        for (Bundle bundle : Topology.dependentsFirst(running)) {
            try {
                framework.stop(bundle);
                stopped.add(bundle);
            } catch (Exception e) {
                log.warn("stopping {} to attach fragments failed: {}", FrameworkAccess.id(bundle), e.getMessage());
            }
        }
        try {
            framework.refresh(hosts);
        } catch (Exception e) {
            log.warn("refreshing {} to attach fragments failed: {}", FrameworkAccess.names(hosts), e.getMessage());
        }
        List<Bundle> resolve = new ArrayList<>(batch);
        resolve.addAll(hosts);
        framework.resolve(resolve);
        return stopped;
    }

    /** Starts again, providers first, the plugins stopped to attach fragments; a failure is logged. */
    private void restart(List<Bundle> stopped) {
        for (Bundle bundle : Topology.providersFirst(stopped)) {
            try {
                framework.start(bundle);
            } catch (PluginException e) {
                log.error("{} was stopped to attach fragments and did not start again: {}",
                        FrameworkAccess.id(bundle), e.getMessage());
            }
        }
    }

    /** Starts the disabled plugins outside the batch that bundles of the batch need, and records them enabled. */
    private StoreState startProviders(List<Bundle> order, Set<Bundle> failed, Map<Bundle, Archive> installed,
            StoreState after, Planner planner) {
        Set<Bundle> direct = new LinkedHashSet<>();
        for (Bundle bundle : order) {
            if (!failed.contains(bundle) && !Fragments.is(bundle)) {
                for (Bundle provider : FrameworkAccess.providers(bundle)) {
                    if (!installed.containsKey(provider) && FrameworkAccess.managed(provider)) {
                        direct.add(provider);
                    }
                }
            }
        }
        Set<Bundle> outside = new LinkedHashSet<>();
        for (Bundle provider : direct) {
            outside.add(provider);
            outside.addAll(Topology.reachable(provider, FrameworkAccess::providers, FrameworkAccess::managed));
        }
        outside.removeIf(FrameworkAccess::active);
        StoreState changed = after;
        for (Bundle provider : Topology.providersFirst(outside)) {
            String id = FrameworkAccess.id(provider);
            try {
                framework.start(provider);
                StoredPlugin record = planner.record(id);
                changed = changed.with(record.withEnabled(true));
            } catch (PluginException e) {
                log.warn("cannot enable {}, which deployed plugins need: {}", id, e.getMessage());
            }
        }
        return changed;
    }

    /** Marks the bundle failed, and with it every bundle of the batch wired to it. */
    private static void fail(Bundle bundle, PluginException failure, Set<Bundle> failed,
            Map<String, PluginException> failures, Map<Bundle, Archive> installed) {
        failed.add(bundle);
        failures.putIfAbsent(FrameworkAccess.id(bundle), failure);
        for (Bundle dependent : Topology.reachable(bundle, FrameworkAccess::requirers, installed::containsKey)) {
            if (failed.add(dependent)) {
                failures.putIfAbsent(FrameworkAccess.id(dependent), new PluginException(failure.code(),
                        FrameworkAccess.id(dependent) + " " + dependent.getVersion() + " needs "
                                + FrameworkAccess.id(bundle) + ", which failed: " + failure.getMessage()));
            }
        }
    }

    /** Libraries added for this batch that no bundle left needs are taken out again. */
    private static void dropUnneededLibraries(Set<Bundle> libraries, Set<Bundle> failed) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Bundle library : libraries) {
                if (failed.contains(library)) {
                    continue;
                }
                boolean needed = FrameworkAccess.requirers(library).stream()
                        .anyMatch(requirer -> !failed.contains(requirer));
                if (!needed) {
                    failed.add(library);
                    changed = true;
                }
            }
        }
    }

    /** Stops and uninstalls the failed bundles, then one refresh clears their wiring. */
    private void undo(Set<Bundle> failed, Set<Bundle> started) {
        if (failed.isEmpty()) {
            return;
        }
        for (Bundle bundle : Topology.dependentsFirst(failed)) {
            try {
                if (started.contains(bundle) || FrameworkAccess.active(bundle)) {
                    framework.stop(bundle);
                }
            } catch (Exception e) {
                log.warn("undo: stopping {} failed: {}", FrameworkAccess.id(bundle), e.getMessage());
            }
        }
        List<Bundle> uninstalled = framework.uninstallAll(failed, (bundle, e) -> log.error(
                "undo: uninstalling {} failed; it is removed at the next start: {}", FrameworkAccess.id(bundle),
                e.getMessage()));
        try {
            framework.refresh(uninstalled);
        } catch (Exception e) {
            log.warn("undo: refreshing after the failed installs failed: {}", e.getMessage());
        }
    }
}
