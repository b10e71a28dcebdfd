package dev.plinth.itests.blackbox;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into a test bundle by {@link TestBundles#slowToStop}: its stop takes a minute. */
public final class SlowStopActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        // nothing to start
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        Thread.sleep(60_000);
    }
}
