package dev.plinth.itests.blackbox;

import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into test bundles: its start fails until the file {@code allow-start} exists in the Plinth home. */
public final class StartWhenAllowedActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        if (!Files.exists(Path.of(context.getProperty("plinth.home"), "allow-start"))) {
            throw new IllegalStateException("allow-start is missing in the home");
        }
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to release
    }
}
