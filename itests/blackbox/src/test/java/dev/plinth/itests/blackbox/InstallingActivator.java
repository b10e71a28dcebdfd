package dev.plinth.itests.blackbox;

import java.io.InputStream;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into a hostile test plugin by {@link TestBundles#installingABundleOfItsOwn}: when it starts, it installs a
 * bundle of its own, {@value #PAYLOAD}, behind the plugin manager's back (the framework hands back the one
 * installed at an earlier start).
 */
public final class InstallingActivator implements BundleActivator {

    /** The symbolic name of the bundle it installs. */
    public static final String PAYLOAD = "dev.plinth.itests.payload";

    /** Where the payload's jar lies in the plugin. */
    public static final String PAYLOAD_ENTRY = "payload/payload.jar";

    @Override
    public void start(BundleContext context) throws Exception {
        try (InputStream payload = context.getBundle().getEntry(PAYLOAD_ENTRY).openStream()) {
            context.installBundle("hostile:" + PAYLOAD, payload);
        }
    }

    @Override
    public void stop(BundleContext context) {
        // the payload stays: that is the point
    }
}
