package dev.plinth.console.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * Tells the {@link EnabledPlugins} which plugins with console pages started and stopped, for a bundle tracker of
 * {@code ACTIVE} bundles: a plugin is followed from the moment it is active until it begins to stop.
 */
record PluginFollower(EnabledPlugins plugins) implements BundleTrackerCustomizer<Bundle> {

    @Override
    public Bundle addingBundle(Bundle bundle, BundleEvent event) {
        if (!EnabledPlugins.brings(bundle)) {
            return null;
        }
        plugins.started(bundle);
        return bundle;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
        plugins.stopped(bundle);
    }
}
