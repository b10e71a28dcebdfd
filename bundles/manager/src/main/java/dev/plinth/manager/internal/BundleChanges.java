package dev.plinth.manager.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.log.Logger;

/**
 * Follows the framework's bundle events, the manager's own and others': notes who installed a bundle the manager
 * did not, and, once the manager is ready, takes the picture reads see afresh (one refresh queued at a time).
 */
final class BundleChanges {

    private final Installers installers;
    private final ReadinessGate gate;
    private final OperationQueue queue;
    private final CurrentState current;
    private final Logger log;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final AtomicLong picturesAtLastChange = new AtomicLong();
    private final BundleListener listener = this::bundleChanged;
    private final SynchronousBundleListener installerListener = this::recordInstaller;

    BundleChanges(Installers installers, ReadinessGate gate, OperationQueue queue, CurrentState current, Logger log) {
        this.installers = installers;
        this.gate = gate;
        this.queue = queue;
        this.current = current;
        this.log = log;
    }

    void follow(BundleContext context) {
        context.addBundleListener(installerListener);
        context.addBundleListener(listener);
    }

    void stop(BundleContext context) {
        context.removeBundleListener(listener);
        context.removeBundleListener(installerListener);
    }

    /**
     * Notes who installed a bundle the manager did not, in the installing thread: before the install returns, so
     * that every picture taken after it says who.
     */
    private void recordInstaller(BundleEvent event) {
        try {
            if (installers.seen(event) && event.getType() == BundleEvent.INSTALLED) {
                Bundle bundle = event.getBundle();
                log.warn("{} {} was installed by {}, not by the plugin manager: it is listed as unmanaged "
                        + "(plugin:list --all) and only plugin:remove {} removes it", bundle.getSymbolicName(),
                        bundle.getVersion(), installers.of(bundle), bundle.getSymbolicName());
            }
        } catch (IOException e) {
            log.warn("cannot record who installed {}: {}", event.getBundle().getSymbolicName(), e.getMessage());
        }
    }

    /**
     * Queues a new picture, unless one is queued already; the queued one is not taken when a picture was begun after
     * the last change was told (as the one an operation takes once it is done, of the changes it made), since that
     * picture has the change.
     */
    private void bundleChanged(BundleEvent event) {
        if (!gate.isOpen()) {
            return;
        }
        picturesAtLastChange.accumulateAndGet(current.pictures(), Math::max);
        if (refreshPending.compareAndSet(false, true)) {
            queue.post(() -> {
                refreshPending.set(false);
                if (current.pictures() <= picturesAtLastChange.get()) {
                    current.refreshSnapshot();
                }
            });
        }
    }
}
