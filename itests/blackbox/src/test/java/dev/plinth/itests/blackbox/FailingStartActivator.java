package dev.plinth.itests.blackbox;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into a test bundle by {@link TestBundles#failingToStart}: its start throws. */
public final class FailingStartActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("this bundle refuses to start");
    }

    @Override
    public void stop(BundleContext context) {
        // never started
    }
}
