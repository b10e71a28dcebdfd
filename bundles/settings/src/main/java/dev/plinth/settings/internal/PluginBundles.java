package dev.plinth.settings.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The bundles of the framework as plugins: a bundle the plugin manager installed (location
 * {@value #LOCATION_PREFIX}{@code <id>}) is a plugin (or a library) of that id; every other bundle is the runtime's.
 */
class PluginBundles {

    static final String LOCATION_PREFIX = "plinth:managed/";

    private final BundleContext context;

    PluginBundles(BundleContext context) {
        this.context = context;
    }

    /** The installed bundle of plugin {@code id}. */
    Optional<Bundle> plugin(String id) {
        Bundle bundle = context.getBundle(LOCATION_PREFIX + id);
        return Optional.ofNullable(bundle).filter(b -> b.getState() != Bundle.UNINSTALLED);
    }

    /** The plugin id of {@code bundle}, empty when it is one of the runtime's own bundles. */
    Optional<String> pluginId(Bundle bundle) {
        String location = bundle == null ? null : bundle.getLocation();
        return location != null && location.startsWith(LOCATION_PREFIX)
                ? Optional.of(location.substring(LOCATION_PREFIX.length()))
                : Optional.empty();
    }

    /** Every installed plugin bundle. */
    List<Bundle> plugins() {
        List<Bundle> plugins = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (pluginId(bundle).isPresent() && bundle.getState() != Bundle.UNINSTALLED) {
                plugins.add(bundle);
            }
        }
        return plugins;
    }

    /** Every bundle that is not a plugin's. */
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
