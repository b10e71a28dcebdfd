package dev.plinth.itests.blackbox;

import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into a test bundle by {@link TestBundles#neverReady}: registers a service carrying
 * {@code plinth.startup.pending}, so the runtime holds back its ready line until the ready timeout.
 */
public final class PendingStartActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("plinth.startup.pending", "dev.plinth.itests.pending");
        context.registerService(Object.class, new Object(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
