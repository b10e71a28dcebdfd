package dev.plinth.manager.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

import dev.plinth.api.PluginException;

/**
 * Makes the framework match the store at start: bundles the store does not know are uninstalled, missing ones
 * installed from their stored archives, changed or suspect ones (touched by an interrupted operation, or modified
 * since the manager installed them, as by an update behind its back) updated, then every bundle is brought to its
 * desired state (a disabled one stopped persistently, so the framework does not start it by itself). The store is
 * the truth; the framework cache follows.
 */
final class Reconciler {

    private final Store store;
    private final FrameworkAccess framework;
    private final Logger log;
    private final Set<String> restored = new java.util.HashSet<>();

    Reconciler(Store store, FrameworkAccess framework, Logger log) {
        this.store = store;
        this.framework = framework;
        this.log = log;
    }

    /**
     * Returns the state with the start failures it met recorded; counts them in {@code failures} and leaves the
     * plugins quarantined there stopped.
     */
    StoreState reconcile(StoreState state, Map<String, String> fingerprints, Map<String, Long> modified,
            Set<String> suspect, StartFailures failures) {
        List<Bundle> changed = new ArrayList<>();
        for (Bundle bundle : framework.managedBundles()) {
            String id = FrameworkAccess.id(bundle);
            if (state.get(id).isEmpty()) {
                log.info("uninstalling {} {}: the store does not have it", id, bundle.getVersion());
                try {
                    framework.uninstall(bundle);
                    changed.add(bundle);
                } catch (Exception e) {
                    log.error("cannot uninstall {}: {}", id, e.getMessage());
                }
            }
        }
        Map<String, String> errors = new HashMap<>();
        for (StoredPlugin record : state.all()) {
            Path artifact;
            try {
                artifact = store.artifact(record.sha256());
            } catch (IllegalArgumentException e) {
                errors.put(record.id(), "its record names no archive of the store: " + e.getMessage());
                continue;
            }
            Bundle bundle = framework.bundle(record.id());
            boolean current = bundle != null && record.sha256().equals(fingerprints.get(record.id()))
                    && !suspect.contains(record.id()) && bundle.getVersion().toString().equals(record.version())
                    && unmodified(bundle, modified.get(record.id()));
            if (current) {
                continue;
            }
            if (!Files.exists(artifact)) {
                errors.put(record.id(), "its archive " + record.sha256() + " is missing from the store");
                continue;
            }
            try {
                if (bundle == null) {
                    log.info("installing {} {} from the store", record.id(), record.version());
                    framework.install(record.id(), artifact);
                    restored.add(record.id());
                } else {
                    log.info("restoring {} {} from the store", record.id(), record.version());
                    if (FrameworkAccess.active(bundle)) {
                        framework.stop(bundle);
                    }
                    framework.update(bundle, artifact);
                    restored.add(record.id());
                    changed.add(bundle);
                }
            } catch (Exception e) {
                errors.put(record.id(), "cannot restore it from the store: " + LifecycleHooks.describe(e));
            }
        }
        try {
            framework.refresh(changed);
        } catch (Exception e) {
            log.error("refresh after reconciling failed: {}", e.getMessage());
        }
        List<Bundle> managed = framework.managedBundles();
        List<Bundle> unresolved = managed.stream().filter(bundle -> !FrameworkAccess.resolved(bundle)).toList();
        if (!unresolved.isEmpty()) {
            framework.resolve(unresolved);
        }
        attachFragments(managed);
        List<Bundle> wanted = new ArrayList<>();
        for (Bundle bundle : managed) {
            StoredPlugin record = state.get(FrameworkAccess.id(bundle)).orElse(null);
            if (record == null) {
                continue;
            }
            if (Fragments.is(bundle)) {
                failures.clear(record.id());
                continue;
            }
            if (record.enabled()) {
                wanted.add(bundle);
            } else if (FrameworkAccess.active(bundle) || FrameworkAccess.autoStarted(bundle)) {
                stopQuietly(bundle);
            }
        }
        for (Bundle bundle : Topology.providersFirst(wanted)) {
            String id = FrameworkAccess.id(bundle);
            if (FrameworkAccess.active(bundle)) {
                failures.clear(id);
                continue;
            }
            if (failures.quarantined(id)) {
                errors.put(id, quarantine(state.get(id).map(StoredPlugin::lastError).orElse(null)));
                log.warn("{} is not started: {}", id, errors.get(id));
                continue;
            }
            try {
                framework.start(bundle);
                failures.clear(id);
            } catch (PluginException e) {
                int inARow = failures.failed(id);
                errors.put(id, inARow >= StartFailures.LIMIT ? quarantine(e.getMessage()) : e.getMessage());
                log.error("{} (failed start {} of {} in a row)", e.getMessage(), inARow, StartFailures.LIMIT);
            }
        }
        StoreState result = state;
        for (StoredPlugin record : state.all()) {
            String error = errors.get(record.id());
            Bundle bundle = framework.bundle(record.id());
            boolean running = bundle != null && (FrameworkAccess.active(bundle) || Fragments.attached(bundle));
            if (error != null) {
                result = result.with(record.withLastError(error));
            } else if (running && record.lastError() != null) {
                result = result.with(record.withLastError(null));
            }
        }
        return result;
    }

    /** Fragments whose host resolved before them are attached by a refresh of the host (not started yet). */
    private void attachFragments(List<Bundle> managed) {
        List<Bundle> hosts = List.copyOf(Fragments.hostsToRefresh(managed, framework.all()));
        if (hosts.isEmpty()) {
            return;
        }
        log.info("refreshing {} to attach the fragments installed for them", FrameworkAccess.names(hosts));
        try {
            framework.refresh(hosts.stream().filter(FrameworkAccess::managed).toList());
        } catch (Exception e) {
            log.error("refresh to attach fragments failed: {}", e.getMessage());
        }
        framework.resolve(managed.stream().filter(bundle -> !FrameworkAccess.resolved(bundle)).toList());
    }

    /** The ids of the bundles the last {@link #reconcile} installed or updated from the store. */
    Set<String> restored() {
        return Set.copyOf(restored);
    }

    /** Whether the bundle is as the manager left it: not modified since (when the time is known). */
    private static boolean unmodified(Bundle bundle, Long lastModified) {
        return lastModified == null || bundle.getLastModified() == lastModified;
    }

    private static String quarantine(String lastError) {
        String prefix = "quarantined after " + StartFailures.LIMIT + " failed starts in a row (plugin:enable tries "
                + "again)";
        if (lastError != null && lastError.startsWith(prefix)) {
            return lastError;
        }
        return lastError == null ? prefix : prefix + ": " + lastError;
    }

    private void stopQuietly(Bundle bundle) {
        try {
            framework.stop(bundle);
        } catch (Exception e) {
            log.warn("cannot stop {}: {}", bundle.getSymbolicName(), e.getMessage());
        }
    }
}
