package dev.plinth.manager.internal;

import java.util.HashSet;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;

/**
 * The bundle events since the picture reads see was last taken, as the picture needs them: the bundles that only
 * started or stopped (their entries alone are taken again), or that the whole picture must be (a bundle installed,
 * resolved, unresolved, updated or uninstalled changes wiring, and so other bundles' entries too).
 */
final class FrameworkChanges {

    /** What a picture must take again: everything, or the entries of these bundles. */
    record Pending(boolean whole, Set<Bundle> started) {
    }

    private Set<Bundle> started = new HashSet<>();
    private boolean whole = true;

    synchronized void record(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STARTING, BundleEvent.STARTED, BundleEvent.STOPPING, BundleEvent.STOPPED,
                    BundleEvent.LAZY_ACTIVATION -> started.add(event.getBundle());
            default -> whole = true;
        }
    }

    /** Whether anything changed since the last {@link #drain()}. */
    synchronized boolean any() {
        return whole || !started.isEmpty();
    }

    /** What changed, and from now on nothing. */
    synchronized Pending drain() {
        Pending pending = new Pending(whole, started);
        whole = false;
        started = new HashSet<>();
        return pending;
    }
}
