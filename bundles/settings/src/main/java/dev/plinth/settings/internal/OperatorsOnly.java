package dev.plinth.settings.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

import dev.plinth.api.settings.PluginSettings;

/** The settings service for the runtime's own bundles; a plugin gets one that refuses every call. */
final class OperatorsOnly implements ServiceFactory<PluginSettings> {

    private final PluginBundles bundles;
    private final PluginSettings settings;

    OperatorsOnly(PluginBundles bundles, PluginSettings settings) {
        this.bundles = bundles;
        this.settings = settings;
    }

    @Override
    public PluginSettings getService(Bundle bundle, ServiceRegistration<PluginSettings> registration) {
        return bundles.pluginId(bundle).<PluginSettings>map(PluginsRefused::new).orElse(settings);
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<PluginSettings> registration,
            PluginSettings service) {
    }
}
