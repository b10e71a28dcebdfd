package dev.plinth.sample.throwing;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** An activator that always fails to start, to show how a plugin that cannot start is handled. */
public final class ThrowingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("the sample activator fails on purpose");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
