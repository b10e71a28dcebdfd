package dev.plinth.framework.cli;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.namespace.PackageNamespace;

/**
 * JLine finds its terminal implementations through the thread's context class loader. While the
 * console bundle starts, which is when it opens the terminal, that loader is made the class
 * loader of the bundle providing JLine; without it JLine falls back to a dumb terminal with no
 * line editing, history or completion.
 */
final class ConsoleClassLoaderBinding implements SynchronousBundleListener {

    static final String CONSOLE_BUNDLE = "org.apache.felix.gogo.jline";
    private static final String JLINE_PACKAGE = "org.jline.terminal";

    private final ThreadLocal<ClassLoader> previous = new ThreadLocal<>();

    static ConsoleClassLoaderBinding register(BundleContext context) {
        ConsoleClassLoaderBinding binding = new ConsoleClassLoaderBinding();
        context.addBundleListener(binding);
        return binding;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (!CONSOLE_BUNDLE.equals(bundle.getSymbolicName())) {
            return;
        }
        if (event.getType() == BundleEvent.STARTING) {
            ClassLoader jline = jlineLoader(bundle);
            if (jline != null) {
                Thread thread = Thread.currentThread();
                previous.set(thread.getContextClassLoader());
                thread.setContextClassLoader(jline);
            }
        } else if (event.getType() == BundleEvent.STARTED || event.getType() == BundleEvent.STOPPED) {
            ClassLoader before = previous.get();
            if (before != null) {
                Thread.currentThread().setContextClassLoader(before);
                previous.remove();
            }
        }
    }

    private static ClassLoader jlineLoader(Bundle console) {
        BundleWiring wiring = console.adapt(BundleWiring.class);
        if (wiring == null) {
            return null;
        }
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (JLINE_PACKAGE.equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                return wire.getProviderWiring().getClassLoader();
            }
        }
        return null;
    }
}
