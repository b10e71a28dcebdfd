package dev.plinth.itests;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Finding bundles of the runtime under test. */
public final class Bundles {

    private Bundles() {
    }

    /** The installed bundle of that symbolic name; fails the test when there is none. */
    public static Bundle bySymbolicName(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }
}
