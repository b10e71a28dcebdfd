package dev.plinth.manager.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.log.Logger;

/**
 * Follows the framework's bundle events, the manager's own and others': notes who installed a bundle the manager
 * did not, and, once the manager is ready, takes the picture reads see afresh (one refresh queued at a time, and
 * none when a picture taken since the change shows it already, as after the manager's own operations).
 */
final class BundleChanges {

    private final Installers installers;
    private final ReadinessGate gate;
    private final OperationQueue queue;
    private final CurrentState current;
    private final Logger log;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final BundleListener listener = this::bundleChanged;
    private final SynchronousBundleListener installerListener = this::recordInstaller;
    private volatile BundleContext context;

    BundleChanges(Installers installers, ReadinessGate gate, OperationQueue queue, CurrentState current, Logger log) {
        this.installers = installers;
        this.gate = gate;
        this.queue = queue;
        this.current = current;
        this.log = log;
    }

    void follow(BundleContext context) {
        this.context = context;
        context.addBundleListener(installerListener);
        context.addBundleListener(listener);
    }

    void stop(BundleContext context) {
        context.removeBundleListener(listener);
        context.removeBundleListener(installerListener);
    }

    /**
     * Notes who installed a bundle the manager did not, then marks the picture behind, in the changing thread: before
     * the change returns, so that every picture taken after it shows it and says who. In that order: a picture begun
     * on another thread between the two would take the change as seen, and show the bundle without its installer.
     */
    private void recordInstaller(BundleEvent event) {
        try {
            noteInstaller(event);
        } finally {
            current.frameworkChanged(event);
            if (event.getType() == BundleEvent.STARTING || event.getType() == BundleEvent.STOPPING) {
                bundleChanged(event); // only synchronous listeners are told: a bundle in transition is shown so
            }
        }
    }

    private void noteInstaller(BundleEvent event) {
        try {
            if (installers.seen(event) && event.getType() == BundleEvent.INSTALLED) {
                Bundle bundle = event.getBundle();
                Bundle namesake = namesake(bundle);
                if (namesake == null) {
                    log.warn("{} {} was installed by {}, not by the plugin manager: it is listed as unmanaged "
                            + "(plugin:list --all) and only plugin:remove {} removes it", bundle.getSymbolicName(),
                            bundle.getVersion(), installers.of(bundle), bundle.getSymbolicName());
                } else {
                    log.warn("{} {} was installed by {}, not by the plugin manager, under the name of bundle {} ({} "
                            + "{}): plugin:list shows only that one, and plugin:remove {} removes that one; remove "
                            + "this bundle from the Gogo shell with uninstall {}", bundle.getSymbolicName(),
                            bundle.getVersion(), installers.of(bundle), namesake.getBundleId(),
                            namesake.getSymbolicName(), namesake.getVersion(), bundle.getSymbolicName(),
                            bundle.getBundleId());
                }
            }
        } catch (IOException e) {
            log.warn("cannot record who installed {}: {}", event.getBundle().getSymbolicName(), e.getMessage());
        }
    }

    /** The bundle listed under the id {@code bundle} would have: one of the same name installed before it. */
    private Bundle namesake(Bundle bundle) {
        BundleContext following = context;
        if (following == null) {
            return null;
        }
        for (Bundle other : following.getBundles()) {
            if (other.getBundleId() != bundle.getBundleId() && bundle.getSymbolicName() != null
                    && bundle.getSymbolicName().equals(FrameworkAccess.id(other))) {
                return other;
            }
        }
        return null;
    }

    private void bundleChanged(BundleEvent event) {
        if (gate.isOpen() && current.behind() && refreshPending.compareAndSet(false, true)
                && !queue.post(this::refresh)) {
            refreshPending.set(false); // the queue is full: the next event, or the next operation, refreshes
        }
    }

    private void refresh() {
        refreshPending.set(false);
        if (current.behind()) {
            current.refreshSnapshot();
        }
    }
}
