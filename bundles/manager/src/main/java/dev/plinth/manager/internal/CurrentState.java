package dev.plinth.manager.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleEvent;
import org.osgi.service.log.Logger;

/**
 * What the manager holds now: the store's state the framework matches, which operations plan from, and the
 * {@link Snapshot} reads see. Kept in step after each operation: what the framework cache holds is recorded, the
 * archives no record needs go, and a failed operation's state is read back from the store.
 */
final class CurrentState {

    private final Store store;
    private final FrameworkAccess framework;
    private final Fingerprints fingerprints;
    private final StartFailures startFailures;
    private final Installers installers;
    private final Logger log;
    private volatile StoreState state = StoreState.EMPTY;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private final FrameworkChanges changes = new FrameworkChanges();

    CurrentState(Store store, FrameworkAccess framework, Fingerprints fingerprints, StartFailures startFailures,
            Installers installers, Logger log) {
        this.store = store;
        this.framework = framework;
        this.fingerprints = fingerprints;
        this.startFailures = startFailures;
        this.installers = installers;
        this.log = log;
    }

    StoreState state() {
        return state;
    }

    /** The state the framework matches from now on (an operation's, or recovery's). */
    void set(StoreState current) {
        state = current;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Brings the picture reads see in step with the framework and the state: the entries of the bundles that only
     * started or stopped since, and of the records that changed, are taken again; the whole picture when a bundle's
     * wiring may have changed.
     */
    void refreshSnapshot() {
        FrameworkChanges.Pending pending = changes.drain();
        Snapshot previous = snapshot;
        StoreState now = state;
        Optional<Snapshot> updated = pending.whole() ? Optional.empty()
                : previous.update(pending.started(), now, framework::bundle, installers::of);
        snapshot = updated.orElseGet(() -> Snapshot.take(framework.all(), now, installers::of, previous));
    }

    /** The framework changed (told as it happens, by a synchronous bundle listener): the picture is behind. */
    void frameworkChanged(BundleEvent event) {
        changes.record(event);
    }

    /**
     * Whether the framework changed since the last picture began: false when a picture taken since shows the
     * change already (an operation's own bundle events, delivered after it refreshed the picture).
     */
    boolean behind() {
        return changes.any();
    }

    /** After a failed operation: the state is the store's again. */
    void reload() {
        try {
            state = store.load();
            settle();
        } catch (IOException e) {
            log.error("cannot read the plugin store: {}", e.getMessage());
        }
    }

    /** Records what the framework cache holds and drops the archives no record needs any more. */
    void settle() {
        try {
            fingerprints.save(state, framework, List.of());
        } catch (IOException e) {
            log.warn("cannot record the archives of the framework cache: {}", e.getMessage());
        }
        try {
            store.collectGarbage(state);
        } catch (IOException e) {
            log.warn("cannot delete the archives no plugin needs any more: {}", e.getMessage());
        }
    }

    /** The plugins an operation started or removed start afresh: their failed starts at boot no longer count. */
    void forgetStartFailures(List<String> touched) {
        try {
            startFailures.load();
            if (touched.stream().map(startFailures::clear).reduce(false, Boolean::logicalOr)) {
                startFailures.save();
            }
        } catch (IOException e) {
            log.warn("cannot update the failed starts: {}", e.getMessage());
        }
    }
}
