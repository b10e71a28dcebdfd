package dev.plinth.itests;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Copied into test bundles: fails to start while the system property {@value #FAIL} is {@code true}. */
public final class FailOnDemandActivator implements BundleActivator {

    static final String FAIL = "plinth.test.fail.start";

    @Override
    public void start(BundleContext context) {
        if (Boolean.getBoolean(FAIL)) {
            throw new IllegalStateException("told to fail");
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
