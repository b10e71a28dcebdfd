package dev.plinth.manager.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.service.log.Logger;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginException;

/**
 * Brings the plugin manager back at activation: clears what an interrupted operation left, rebuilds an unreadable
 * store from the framework cache and the history, records an interrupted operation as completed or rolled back,
 * reconciles the framework to the store (see {@link Reconciler}) and commits what that changed, writing the state
 * whole when the store's changes file holds commits.
 */
final class Recovery {

    private final Store store;
    private final FrameworkAccess framework;
    private final ArchiveReader reader;
    private final Fingerprints fingerprints;
    private final StartFailures startFailures;
    private final Installers installers;
    private final Outcomes outcomes;
    private final Logger log;

    Recovery(Store store, FrameworkAccess framework, ArchiveReader reader, Fingerprints fingerprints,
            StartFailures startFailures, Installers installers, Outcomes outcomes, Logger log) {
        this.store = store;
        this.framework = framework;
        this.reader = reader;
        this.fingerprints = fingerprints;
        this.startFailures = startFailures;
        this.installers = installers;
        this.outcomes = outcomes;
        this.log = log;
    }

    /** Recovers; {@code reconciled} is told the state as soon as the framework matches it. */
    StoreState recover(Consumer<StoreState> reconciled) throws IOException, PluginException {
        store.clearTemp();
        StoreState loaded = store.stateUnreadable() ? rebuild() : store.load();
        if (store.changesDamaged() > 0) {
            log.warn("{} line(s) of the plugin store's state.changes.jsonl cannot be read or do not follow the state; "
                    + "the commits that could be read are kept, and the file is kept as {}", store.changesDamaged(),
                    store.changesAside());
        }
        Intent intent = store.pendingIntent();
        Set<String> suspect = new HashSet<>();
        if (intent != null) {
            suspect.addAll(intent.touched());
            boolean committed = loaded.sequence() >= intent.sequence();
            Operation.Outcome outcome = committed ? Operation.Outcome.COMPLETED : Operation.Outcome.ROLLED_BACK;
            log.warn("{} {} was interrupted; it is {} now", intent.verb().label(), intent.target(),
                    outcome.label());
            for (String target : intent.target().split(", ")) {
                outcomes.record(intent.verb(), target, null, null, outcome,
                        "interrupted by a stop or crash; " + outcome.label() + " at start", intent.origin());
            }
        }
        Map<String, String> installed = fingerprints.load();
        StartFailures failures = startFailures.load();
        Reconciler reconciler = new Reconciler(store, framework, log);
        StoreState state = reconciler.reconcile(loaded, installed, fingerprints.modified(), suspect, failures);
        reconciled.accept(state);
        failures.save();
        FaultPoints.reach("recover.reconciled");
        if (!state.equals(loaded) || store.changesPending()) {
            store.commit(state);
        }
        fingerprints.save(state, framework, reconciler.restored());
        FaultPoints.reach("recover.saved");
        if (intent != null) {
            store.end();
        }
        store.collectGarbage(state);
        installers.keepOnly(framework.all());
        log.info("plugin manager ready: {} plugins and libraries", state.plugins().size());
        return state;
    }

    /** The records rebuilt from the framework cache when {@code state.json} cannot be read; committed at once. */
    private StoreState rebuild() throws IOException, PluginException {
        StoreState rebuilt = new StateRebuilder(store, framework, reader, log).rebuild(fingerprints.load(),
                store.previousWithChanges(), store.history(Integer.MAX_VALUE), Instant.now());
        String changes = store.changesPending() ? " (and the commits made since as " + store.changesAside().getFileName()
                + ")" : "";
        Path aside = store.setAsideUnreadableState();
        store.commit(rebuilt);
        log.warn("the plugin store's state.json is missing or could not be read; what is left of it is kept as {}{}, "
                + "and {} records were rebuilt from the framework cache, the stored archives, state.previous.json, the "
                + "commits made since and the history", aside, changes, rebuilt.plugins().size());
        return rebuilt;
    }
}
