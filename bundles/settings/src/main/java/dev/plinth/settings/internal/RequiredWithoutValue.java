package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.log.Logger;

import dev.plinth.api.settings.SettingRefusal;

/**
 * A plugin that starts with a required key that has no value and no default, and no configuration to give it one,
 * is misconfigured from the start, in the plugin lists as in {@code plugin:settings}: Configuration Admin delivers
 * nothing then, so the delivery guard never sees it. The first valid delivery of that PID clears it.
 */
final class RequiredWithoutValue implements BundleListener {

    /** The suffix of the PID under which these problems are recorded beside the delivery's own. */
    static final String SUFFIX = "#required";

    private final PluginBundles bundles;
    private final Function<Bundle, List<ConfigurationSchema>> schemas;
    private final SettingsStore store;
    private final Configurations configurations;
    private final Misconfigurations misconfigurations;
    private final Logger log;

    RequiredWithoutValue(PluginBundles bundles, Function<Bundle, List<ConfigurationSchema>> schemas,
            SettingsStore store, Configurations configurations, Misconfigurations misconfigurations, Logger log) {
        this.bundles = bundles;
        this.schemas = schemas;
        this.store = store;
        this.configurations = configurations;
        this.misconfigurations = misconfigurations;
        this.log = log;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED) {
            check(event.getBundle());
        }
    }

    /** Checks every plugin that runs (at start, for those started before this). */
    void checkAll() {
        for (Bundle plugin : bundles.plugins()) {
            if (plugin.getState() == Bundle.ACTIVE) {
                check(plugin);
            }
        }
    }

    private void check(Bundle bundle) {
        String pluginId = bundles.pluginId(bundle).filter(id -> bundle.getLocation()
                .equals(PluginBundles.LOCATION_PREFIX + id)).orElse(null);
        if (pluginId == null) {
            return;
        }
        try {
            StoreDocument document = store.load(pluginId);
            for (ConfigurationSchema schema : schemas.apply(bundle)) {
                if (schema.factory()) {
                    continue;
                }
                String pid = schema.pid();
                List<String> missing = new ArrayList<>();
                if (configurations.stored(pid).isEmpty() && document.configuration(pid).values().isEmpty()) {
                    for (ConfigurationSchema.Attribute attribute : schema.attributes()) {
                        if (attribute.required() && attribute.defaults().isEmpty()) {
                            missing.add(new SettingRefusal(pid, attribute.id(), "is required and has no value").line());
                        }
                    }
                }
                if (missing.isEmpty()) {
                    misconfigurations.clear(pluginId, pid + SUFFIX);
                } else {
                    misconfigurations.record(pluginId, pid + SUFFIX, missing);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("the required settings of {} cannot be checked: {}", pluginId, e.getMessage());
        }
    }
}
