package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.Map;

import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.log.Logger;

/**
 * Keeps a configuration in Configuration Admin for every configuration an installed plugin has operators' values
 * for, so that they are delivered: the values are in Plinth's store, and Configuration Admin delivers only the
 * configurations it has. At start it creates those that are missing (a wiped framework cache, {@code --clean}); when
 * one is deleted (the file of {@code etc/} that owned it went away, or anyone deleted it) it creates it again; and
 * when a plugin's bundle is installed (after a wiped cache the manager installs the plugins after this starts).
 */
final class Carriers implements ConfigurationListener, BundleListener {

    private final PluginBundles bundles;
    private final SettingsStore store;
    private final Configurations configurations;
    private final Logger log;

    Carriers(PluginBundles bundles, SettingsStore store, Configurations configurations, Logger log) {
        this.bundles = bundles;
        this.store = store;
        this.configurations = configurations;
        this.log = log;
    }

    /** Creates the configurations missing for the stored values of every installed plugin. */
    void restoreAll() {
        try {
            for (String pluginId : store.pluginIds()) {
                restore(pluginId, null);
            }
        } catch (IOException | RuntimeException e) {
            log.error("the stored settings cannot be listed to deliver them: {}", e.getMessage());
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() != ConfigurationEvent.CM_DELETED) {
            return;
        }
        try {
            for (String pluginId : store.pluginIds()) {
                restore(pluginId, event.getPid());
            }
        } catch (IOException | RuntimeException e) {
            log.error("the stored settings cannot be listed to deliver them again: {}", e.getMessage());
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.INSTALLED) {
            bundles.pluginId(event.getBundle()).ifPresent(pluginId -> restore(pluginId, null));
        }
    }

    /** Creates the missing configurations of {@code pluginId} (only {@code onlyPid} when not null). */
    private void restore(String pluginId, String onlyPid) {
        if (bundles.plugin(pluginId).isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<String, StoredConfiguration> entry : store.load(pluginId).configurations().entrySet()) {
                String pid = entry.getKey();
                if ((onlyPid == null || onlyPid.equals(pid)) && !entry.getValue().values().isEmpty()
                        && configurations.stored(pid).isEmpty()) {
                    int tilde = pid.indexOf('~');
                    configurations.redeliver(pid, tilde > 0 ? pid.substring(0, tilde) : null);
                    log.info("the settings of {} in {} are delivered again (Configuration Admin had lost them)",
                            pluginId, pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.error("the stored settings of {} cannot be delivered: {}", pluginId, e.getMessage());
        }
    }
}
