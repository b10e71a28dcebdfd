package dev.plinth.settings.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The bundles of the framework as plugins: a bundle the plugin manager installed (location
 * {@value #LOCATION_PREFIX}{@code <id>}) is a plugin (or a library) of that id; a bundle a plugin installed itself
 * (or a bundle it installed did, and so on) is that plugin's ({@link InstallOrigins}); every other bundle is the
 * runtime's.
 */
class PluginBundles {

    static final String LOCATION_PREFIX = "plinth:managed/";

    private final BundleContext context;
    private final InstallOrigins origins;

    /** With the origins {@link GuardActivator} records. */
    PluginBundles(BundleContext context) {
        this(context, GuardActivator.origins());
    }

    PluginBundles(BundleContext context, InstallOrigins origins) {
        this.context = context;
        this.origins = origins;
    }

    /** The installed bundle of plugin {@code id}. */
    Optional<Bundle> plugin(String id) {
        Bundle bundle = context.getBundle(LOCATION_PREFIX + id);
        return Optional.ofNullable(bundle).filter(b -> b.getState() != Bundle.UNINSTALLED);
    }

    /** The installed bundle at {@code location}, if any. */
    Optional<Bundle> at(String location) {
        Bundle bundle = context.getBundle(location);
        return Optional.ofNullable(bundle).filter(b -> b.getState() != Bundle.UNINSTALLED);
    }

    /** The plugin id of {@code bundle}, empty when it is one of the runtime's own bundles. */
    Optional<String> pluginId(Bundle bundle) {
        String location = bundle == null ? null : bundle.getLocation();
        if (location == null) {
            return Optional.empty();
        }
        if (location.startsWith(LOCATION_PREFIX)) {
            return Optional.of(location.substring(LOCATION_PREFIX.length()));
        }
        return origins == null ? Optional.empty() : origins.pluginOf(bundle);
    }

    /** Every installed bundle the plugin manager installed. */
    List<Bundle> plugins() {
        List<Bundle> plugins = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LOCATION_PREFIX) && bundle.getState() != Bundle.UNINSTALLED) {
                plugins.add(bundle);
            }
        }
        return plugins;
    }

    /** Every bundle that is not a plugin's (nor one a plugin installed). */
    List<Bundle> core() {
        List<Bundle> core = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (pluginId(bundle).isEmpty()) {
                core.add(bundle);
            }
        }
        return core;
    }
}
