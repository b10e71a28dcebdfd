package dev.plinth.manager.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

import dev.plinth.api.Plan;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.extension.OperationParticipant;

/**
 * Runs the plan of a batch of installs ({@link BatchPlanner}) keeping what works: every archive is installed, one
 * resolve wires them all, the steps' starts follow; an archive that fails (and every archive of the batch wired to
 * it) is undone, the others go on, and one commit records those that made it. The fault points are
 * {@code batch.*}.
 */
final class BatchExecution {

    /** The committed state and, per id, why it failed; the ids of the batch absent from {@code failures} made it. */
    record Outcome(StoreState after, Map<String, PluginException> failures) {
    }

    private final Store store;
    private final FrameworkAccess framework;
    private final LifecycleHooks hooks;
    private final Logger log;
    private final Map<String, PluginException> failures = new LinkedHashMap<>();
    private final Map<Bundle, PlannedOperation.Step> installed = new LinkedHashMap<>();
    private final Set<Bundle> failed = new LinkedHashSet<>();
    private final Set<Bundle> started = new HashSet<>();
    private final Map<Bundle, OperationParticipant.Work> works = new LinkedHashMap<>();

    /** The participants' own work for one plugin of the batch, done before it starts. */
    @FunctionalInterface
    interface ParticipantWork {
        OperationParticipant.Work apply(Plan plan) throws PluginException;
    }

    BatchExecution(Store store, FrameworkAccess framework, LifecycleHooks hooks, Logger log) {
        this.store = store;
        this.framework = framework;
        this.hooks = hooks;
        this.log = log;
    }

    Outcome run(PlannedOperation operation, StoreState before, Planner planner, String origin,
            ParticipantWork participants) throws PluginException {
        StoreState after = operation.after().next();
        store.begin(new Intent(after.sequence(), operation.verb(), operation.target(), origin, Instant.now(),
                operation.touched()), true);
        FaultPoints.reach("batch.intent");
        List<Bundle> stopped = stopForFragments(operation);
        for (PlannedOperation.Step step : operation.steps()) {
            if (step.action() == Action.INSTALL || step.action() == Action.ADD_LIBRARY) {
                install(step);
            }
        }
        attachFragments(operation);
        framework.resolve(installed.keySet());
        FaultPoints.reach("batch.bundles-installed");
        for (Bundle bundle : installed.keySet()) {
            if (!FrameworkAccess.resolved(bundle)) {
                fail(bundle, Planner.unresolved(planner.explain(bundle)));
            }
        }
        for (Bundle bundle : Topology.providersFirst(installed.keySet())) {
            if (!failed.contains(bundle) && installed.get(bundle).action() == Action.INSTALL) {
                try {
                    hooks.installed(bundle);
                } catch (PluginException e) {
                    fail(bundle, e);
                }
            }
        }
        applyParticipants(operation, participants);
        for (PlannedOperation.Step step : operation.steps()) {
            if (step.action() == Action.START) {
                after = start(step, stopped, before, after);
            }
        }
        dropUnneededLibraries();
        undo();
        restart(stopped);
        for (Bundle bundle : failed) {
            String id = FrameworkAccess.id(bundle);
            after = before.get(id).map(after::with).orElse(after.without(id));
        }
        store.syncArtifacts();
        FaultPoints.reach("batch.before-commit");
        try {
            store.commit(after);
            FaultPoints.reach("batch.committed");
        } catch (PluginException e) {
            failed.addAll(installed.keySet());
            undo();
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

    private void install(PlannedOperation.Step step) {
        try {
            Path artifact = store.keepUnsynced(step.archive());
            installed.put(framework.install(step.id(), artifact), step);
        } catch (PluginException e) {
            failures.put(step.id(), e);
        } catch (Exception e) {
            failures.put(step.id(), new PluginException(Code.INVALID_ARCHIVE, "cannot install " + step.id() + ": "
                    + LifecycleHooks.describe(e), List.of(), e));
        }
    }

    /** Stops the running plugins that the refresh attaching the batch's fragments rebuilds; returns those stopped. */
    private List<Bundle> stopForFragments(PlannedOperation operation) {
        List<Bundle> stopped = new ArrayList<>();
        for (PlannedOperation.Step step : operation.steps()) {
            Bundle bundle = step.action() == Action.STOP ? framework.bundle(step.id()) : null;
            if (bundle == null) {
                continue;
            }
            try {
                framework.stop(bundle);
                stopped.add(bundle);
            } catch (Exception e) {
                log.warn("stopping {} to attach fragments failed: {}", step.id(), e.getMessage());
            }
        }
        return stopped;
    }

    private void attachFragments(PlannedOperation operation) {
        List<Bundle> hosts = List.copyOf(operation.refreshRoots());
        if (hosts.isEmpty()) {
            return;
        }
        try {
            framework.refresh(hosts);
        } catch (Exception e) {
            log.warn("refreshing {} to attach fragments failed: {}", FrameworkAccess.names(hosts), e.getMessage());
        }
        List<Bundle> resolve = new ArrayList<>(installed.keySet());
        resolve.addAll(hosts);
        framework.resolve(resolve);
    }

    /**
     * A start step: of a library or an archive of the batch (not when it failed or needs one that failed), or of a
     * disabled plugin the batch needs (recorded enabled by the plan; left as it was when it does not start). The
     * plugins stopped for fragments start last, after the undo.
     */
    private StoreState start(PlannedOperation.Step step, List<Bundle> stopped, StoreState before, StoreState after) {
        Bundle bundle = framework.bundle(step.id());
        if (bundle == null || stopped.contains(bundle) || failed.contains(bundle) || Fragments.is(bundle)) {
            return after;
        }
        if (!installed.containsKey(bundle)) {
            try {
                framework.start(bundle);
            } catch (PluginException e) {
                log.warn("cannot enable {}, which the batch needs: {}", step.id(), e.getMessage());
                return before.get(step.id()).map(after::with).orElse(after);
            }
            return after;
        }
        Bundle blocking = FrameworkAccess.providers(bundle).stream().filter(failed::contains).findFirst()
                .orElse(null);
        try {
            if (blocking != null) {
                throw new PluginException(Code.START_FAILED, step.id() + " " + bundle.getVersion()
                        + " was not started: it needs " + FrameworkAccess.id(blocking) + ", which failed");
            }
            framework.start(bundle);
            started.add(bundle);
        } catch (PluginException e) {
            fail(bundle, e);
        }
        return after;
    }

    /** Lets the participants do their part for each plugin of the batch that is still in, with its own steps. */
    private void applyParticipants(PlannedOperation operation, ParticipantWork participants) {
        Map<String, List<Plan.Step>> stepsById = new HashMap<>();
        for (Plan.Step step : operation.plan(false).steps()) {
            stepsById.computeIfAbsent(step.id(), id -> new ArrayList<>()).add(step);
        }
        for (Map.Entry<Bundle, PlannedOperation.Step> entry : installed.entrySet()) {
            Bundle bundle = entry.getKey();
            if (failed.contains(bundle) || entry.getValue().action() != Action.INSTALL) {
                continue;
            }
            String id = entry.getValue().id();
            try {
                works.put(bundle, participants.apply(new Plan(operation.verb(), id,
                        stepsById.getOrDefault(id, List.of()), List.of(), false)));
            } catch (PluginException e) {
                fail(bundle, e);
            }
        }
        FaultPoints.reach("batch.participants-applied");
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

    /** Marks the bundle failed, and with it every bundle of the batch wired to it. */
    private void fail(Bundle bundle, PluginException failure) {
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

    /** The libraries of the batch that no bundle left needs are taken out again. */
    private void dropUnneededLibraries() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Bundle, PlannedOperation.Step> entry : installed.entrySet()) {
                Bundle library = entry.getKey();
                if (entry.getValue().action() != Action.ADD_LIBRARY || failed.contains(library)) {
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

    /**
     * Stops the failed bundles, takes back the participants' work for them, uninstalls them, then one refresh clears
     * their wiring.
     */
    private void undo() {
        Set<Bundle> leaving = new LinkedHashSet<>(failed);
        leaving.retainAll(installed.keySet());
        leaving.removeIf(bundle -> bundle.getState() == Bundle.UNINSTALLED);
        if (leaving.isEmpty()) {
            return;
        }
        for (Bundle bundle : Topology.dependentsFirst(leaving)) {
            try {
                if (started.contains(bundle) || FrameworkAccess.active(bundle)) {
                    framework.stop(bundle);
                }
            } catch (Exception e) {
                log.warn("undo: stopping {} failed: {}", FrameworkAccess.id(bundle), e.getMessage());
            }
            OperationParticipant.Work work = works.remove(bundle);
            if (work != null) {
                try {
                    work.undo();
                } catch (Exception e) {
                    log.error("undo: taking back the extensions' work for {} failed: {}", FrameworkAccess.id(bundle),
                            e.toString());
                }
            }
        }
        List<Bundle> uninstalled = framework.uninstallAll(leaving, (bundle, e) -> log.error(
                "undo: uninstalling {} failed; it is removed at the next start: {}", FrameworkAccess.id(bundle),
                e.getMessage()));
        try {
            framework.refresh(uninstalled);
        } catch (Exception e) {
            log.warn("undo: refreshing after the failed installs failed: {}", e.getMessage());
        }
    }
}
