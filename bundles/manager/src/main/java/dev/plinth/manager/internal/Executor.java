package dev.plinth.manager.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.Verb;
import dev.plinth.api.extension.OperationParticipant;

/**
 * Executes a planned operation: writes the intent, carries out the steps while keeping an undo log, commits
 * the new state, then does what cannot be undone (uninstalls, refresh). When a step fails before the commit, or the
 * commit fails before the new state replaced the old, everything done so far is undone in reverse and the failure
 * is reported.
 */
final class Executor {

    private interface Undo {
        void run() throws Exception;
    }

    /** The participants' own work, done once the bundle changes are made and before any start. */
    @FunctionalInterface
    interface ParticipantWork {
        OperationParticipant.Work apply() throws PluginException;
    }

    private record UndoStep(String what, Undo undo) {
    }

    private final Store store;
    private final FrameworkAccess framework;
    private final LifecycleHooks hooks;
    private final Logger log;

    Executor(Store store, FrameworkAccess framework, LifecycleHooks hooks, Logger log) {
        this.store = store;
        this.framework = framework;
        this.hooks = hooks;
        this.log = log;
    }

    /** Runs the operation; returns the committed state. On failure, returns nothing and throws, all undone. */
    StoreState execute(PlannedOperation operation, StoreState before, Planner planner, String origin,
            ParticipantWork participants) throws PluginException {
        StoreState after = operation.after().next();
        store.begin(new Intent(after.sequence(), operation.verb(), operation.target(), origin, Instant.now(),
                operation.touched()), !onlyStartsAndStops(operation));
        FaultPoints.reach(operation.verb(), "intent");
        Deque<UndoStep> undo = new ArrayDeque<>();
        List<Bundle> installed = new ArrayList<>();
        Map<Bundle, String> updated = new LinkedHashMap<>();
        boolean applied = false;
        try {
            for (PlannedOperation.Step step : operation.steps()) {
                if (step.action() == Action.UNINSTALL || step.action() == Action.DROP_LIBRARY
                        || step.action() == Action.RECORD) {
                    continue;
                }
                if (step.action() != Action.UPDATE) {
                    settleUpdates(operation.verb(), updated, planner);
                }
                if (step.action() == Action.START && !applied) {
                    applied = apply(operation.verb(), participants, undo);
                }
                perform(operation, step, before, planner, undo, installed, updated);
            }
            settleUpdates(operation.verb(), updated, planner);
            if (!applied) {
                apply(operation.verb(), participants, undo);
            }
        } catch (PluginException e) {
            undo(undo);
            FaultPoints.reach(operation.verb(), "undone");
            StoreState failed = failedState(operation, before, e);
            if (failed != before) {
                commit(operation, failed);
            }
            endQuietly();
            throw e;
        }
        FaultPoints.reach(operation.verb(), "before-commit");
        try {
            commit(operation, after);
        } catch (PluginException e) {
            if (!store.stateReplaced()) {
                undo(undo);
                endQuietly();
            }
            throw e;
        }
        FaultPoints.reach(operation.verb(), "committed");
        finish(operation);
        FaultPoints.reach(operation.verb(), "finished");
        endQuietly();
        return after;
    }

    /**
     * Commits {@code state}: as a line of the store's changes file when the operation only starts and stops bundles
     * (its records changed, its archives not), else written whole.
     */
    private void commit(PlannedOperation operation, StoreState state) throws PluginException {
        if (onlyStartsAndStops(operation)) {
            store.commitChange(state);
        } else {
            store.commit(state);
        }
    }

    /**
     * True when the operation only starts and stops bundles (and changes records): the framework keeps no trace of
     * it (starts are transient), so the next start redoes it from the committed state whatever a power cut left.
     */
    static boolean onlyStartsAndStops(PlannedOperation operation) {
        return operation.steps().stream().allMatch(step -> step.action() == Action.START
                || step.action() == Action.STOP || step.action() == Action.RECORD);
    }

    private static boolean apply(Verb verb, ParticipantWork participants, Deque<UndoStep> undo)
            throws PluginException {
        OperationParticipant.Work work = participants.apply();
        undo.push(new UndoStep("take back the extensions' work", work::undo));
        FaultPoints.reach(verb, "participants-applied");
        return true;
    }

    /**
     * Runs the plan of a batch of installs, keeping what works ({@link BatchExecution}); returns the committed state
     * and the failures by id.
     */
    BatchExecution.Outcome executeBatch(PlannedOperation operation, StoreState before, Planner planner, String origin,
            BatchExecution.ParticipantWork participants) throws PluginException {
        return new BatchExecution(store, framework, hooks, log).run(operation, before, planner, origin, participants);
    }

    /**
     * The state to keep after a failure: an enable that failed to start, or an operation on an enabled plugin that
     * left it unable to start, leaves the plugin failed with its cause. A disabled plugin stays disabled: its failed
     * upgrade is in the history only.
     */
    private static StoreState failedState(PlannedOperation operation, StoreState before, PluginException failure) {
        if (failure.code() != Code.START_FAILED && failure.code() != Code.UNRESOLVED) {
            return before;
        }
        return before.get(operation.target())
                .filter(record -> record.enabled() || operation.verb() == Verb.ENABLE)
                .map(record -> before.with(record.withLastError(failure.getMessage())).next()).orElse(before);
    }

    private void perform(PlannedOperation operation, PlannedOperation.Step step, StoreState before, Planner planner,
            Deque<UndoStep> undo, List<Bundle> installed, Map<Bundle, String> updated) throws PluginException {
        Verb verb = operation.verb();
        String id = step.id();
        switch (step.action()) {
            case INSTALL, ADD_LIBRARY -> {
                Path artifact = store.keep(step.archive());
                FaultPoints.reach(verb, "stored");
                Bundle bundle = attempt("install " + id, () -> framework.install(id, artifact));
                installed.add(bundle);
                FaultPoints.reach(verb, "bundle-installed");
                List<Bundle> hosts = List.copyOf(Fragments.hostsToRefresh(List.of(bundle), framework.all()));
                undo.push(new UndoStep("uninstall " + id, () -> {
                    framework.uninstall(bundle);
                    framework.refresh(hosts);
                }));
                if (!hosts.isEmpty()) {
                    attempt("refresh " + FrameworkAccess.names(hosts) + " to attach " + id, () -> {
                        framework.refresh(hosts);
                        return null;
                    });
                    FaultPoints.reach(verb, "host-refreshed");
                }
                if (step.action() == Action.INSTALL) {
                    framework.resolve(installed);
                    if (!FrameworkAccess.resolved(bundle)) {
                        throw Planner.unresolved(planner.explain(bundle));
                    }
                    hooks.installed(bundle);
                }
            }
            case UPDATE -> {
                Bundle bundle = framework.bundle(id);
                StoredPlugin old = before.get(id).orElseThrow();
                Path oldArtifact = store.artifact(old.sha256());
                Path artifact = store.keep(step.archive());
                FaultPoints.reach(verb, "stored");
                attempt("update " + id, () -> {
                    framework.update(bundle, artifact);
                    return null;
                });
                FaultPoints.reach(verb, "bundle-updated");
                undo.push(new UndoStep("restore " + id + " " + old.version(), () -> {
                    framework.update(bundle, oldArtifact);
                    framework.refresh(List.of(bundle));
                    framework.resolve(List.of(bundle));
                }));
                updated.put(bundle, old.version());
            }
            case START -> {
                Bundle bundle = framework.bundle(id);
                framework.start(bundle);
                undo.push(new UndoStep("stop " + id, () -> framework.stop(bundle)));
                FaultPoints.reach(verb, "started");
            }
            case STOP -> {
                Bundle bundle = bundleOf(operation, id);
                try {
                    framework.stop(bundle);
                } catch (BoundedCalls.Overrun e) {
                    throw new PluginException(Code.BUSY, id + " did not stop: " + e.getMessage(), List.of(), e);
                } catch (Exception e) {
                    log.warn("{} reported an error while stopping: {}", id, LifecycleHooks.describe(e));
                }
                undo.push(new UndoStep("start " + id, () -> framework.start(bundle)));
                FaultPoints.reach(verb, "stopped");
            }
            case PROMOTE -> {
                if (step.archive() != null) {
                    store.keep(step.archive());
                }
            }
            default -> throw new IllegalStateException("not a reversible step: " + step.action());
        }
    }

    /**
     * Refreshes the bundles updated by the steps run since the last refresh, all at once (plugins that move together
     * resolve against each other's new versions), checks that they resolve and runs their upgrade hooks.
     */
    private void settleUpdates(Verb verb, Map<Bundle, String> updated, Planner planner) throws PluginException {
        if (updated.isEmpty()) {
            return;
        }
        List<Bundle> bundles = List.copyOf(updated.keySet());
        attempt("refresh after updating " + FrameworkAccess.names(bundles), () -> {
            framework.refresh(bundles);
            return null;
        });
        FaultPoints.reach(verb, "refreshed");
        framework.resolve(framework.closure(bundles));
        for (Bundle bundle : bundles) {
            if (!FrameworkAccess.resolved(bundle)) {
                throw Planner.unresolved(planner.explain(bundle));
            }
        }
        Map<Bundle, String> settled = new LinkedHashMap<>(updated);
        updated.clear();
        for (Map.Entry<Bundle, String> entry : settled.entrySet()) {
            hooks.upgraded(entry.getKey(), entry.getValue());
        }
    }

    /**
     * After the commit: stops (dependents first), removal hooks, uninstalls, one refresh. Failures here are logged; the next
     * start finishes.
     */
    private void finish(PlannedOperation operation) {
        List<Bundle> leaving = new ArrayList<>();
        for (PlannedOperation.Step step : operation.steps()) {
            if (step.action() != Action.UNINSTALL && step.action() != Action.DROP_LIBRARY) {
                continue;
            }
            Bundle bundle = bundleOf(operation, step.id());
            if (bundle == null) {
                continue;
            }
            leaving.add(bundle);
            try {
                if (FrameworkAccess.active(bundle)) {
                    framework.stop(bundle);
                }
                if (step.action() == Action.UNINSTALL && FrameworkAccess.managed(bundle)) {
                    hooks.removing(bundle);
                }
            } catch (Exception e) {
                log.warn("removing {}: {}", step.id(), e.getMessage());
            }
        }
        List<Bundle> uninstalled = framework.uninstallAll(leaving, (bundle, e) -> log.error(
                "uninstalling {} failed; it is retried at the next start: {}", FrameworkAccess.id(bundle),
                e.getMessage()));
        FaultPoints.reach(operation.verb(), "uninstalled");
        for (Bundle bundle : uninstalled) {
            if (!FrameworkAccess.managed(bundle)) {
                continue;
            }
            try {
                hooks.deleteData(FrameworkAccess.id(bundle));
            } catch (java.io.IOException e) {
                log.warn("cannot delete the data of {}: {}", FrameworkAccess.id(bundle), e.getMessage());
            }
        }
        try {
            framework.refresh(uninstalled);
        } catch (Exception e) {
            log.error("refreshing after removing {} failed: {}", operation.target(), e.getMessage());
        }
    }

    /**
     * The bundle of {@code id} that the operation acts on: a managed one, else the unmanaged one a removal named; null
     * when it is gone already.
     */
    private Bundle bundleOf(PlannedOperation operation, String id) {
        Bundle managed = framework.bundle(id);
        if (managed != null) {
            return managed;
        }
        return operation.refreshRoots().stream().filter(bundle -> bundle.getState() != Bundle.UNINSTALLED
                && id.equals(FrameworkAccess.id(bundle))).findFirst().orElse(null);
    }

    private void undo(Deque<UndoStep> undo) {
        while (!undo.isEmpty()) {
            UndoStep step = undo.pop();
            try {
                step.undo().run();
            } catch (Exception e) {
                log.error("undo: {} failed: {}", step.what(), e.getMessage());
            }
        }
    }

    private interface Attempt<T> {
        T run() throws Exception;
    }

    private static <T> T attempt(String what, Attempt<T> attempt) throws PluginException {
        try {
            return attempt.run();
        } catch (PluginException e) {
            throw e;
        } catch (BoundedCalls.Overrun e) {
            throw new PluginException(Code.BUSY, "cannot " + what + ": " + e.getMessage(), List.of(), e);
        } catch (Exception e) {
            throw new PluginException(Code.INVALID_ARCHIVE, "cannot " + what + ": " + LifecycleHooks.describe(e),
                    List.of(), e);
        }
    }

    private void endQuietly() {
        try {
            store.end();
        } catch (java.io.IOException e) {
            log.error("cannot clear the journal: {}", e.getMessage());
        }
    }
}
