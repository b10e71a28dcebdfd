package dev.plinth.itests;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** An activator that never starts: a plugin version that fails after the extensions did their work. */
public final class RefusingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("this version never starts");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
