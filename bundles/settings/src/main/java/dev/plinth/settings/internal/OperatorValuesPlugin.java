package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.log.Logger;

/**
 * The first of the settings' delivery plugins ({@code service.cmRanking} {@value #RANKING}, before the
 * interpolation plugin resolves references): merges the values operators stored for a plugin's configuration into
 * what Configuration Admin delivers to that plugin, for the keys the configuration does not set itself (a file of
 * {@code etc/} wins, key by key). Values stay as texts (secrets sealed); the guard types and opens them. Of a
 * configuration the plugin's metatype describes and no file sets, what anyone else wrote into Configuration Admin is
 * dropped first: Plinth's store is where operators' values are.
 */
final class OperatorValuesPlugin implements ConfigurationPlugin {

    static final int RANKING = 100;

    private final PluginBundles bundles;
    private final Function<Bundle, List<ConfigurationSchema>> schemas;
    private final SettingsStore store;
    private final Misconfigurations misconfigurations;
    private final Logger log;

    OperatorValuesPlugin(PluginBundles bundles, Function<Bundle, List<ConfigurationSchema>> schemas,
            SettingsStore store, Misconfigurations misconfigurations, Logger log) {
        this.bundles = bundles;
        this.schemas = schemas;
        this.store = store;
        this.misconfigurations = misconfigurations;
        this.log = log;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Optional<String> pluginId = bundles.pluginId(reference == null ? null : reference.getBundle());
        Object pid = properties.get(Constants.SERVICE_PID);
        if (pluginId.isEmpty() || !(pid instanceof String configurationPid)) {
            return;
        }
        if (properties.get(Configurations.FILE_PROPERTY) == null
                && schemas.apply(reference.getBundle()).stream().anyMatch(s -> s.describes(configurationPid))) {
            for (String key : java.util.Collections.list(properties.keys())) {
                if (!Configurations.ownKey(key)) {
                    properties.remove(key);
                }
            }
        }
        StoreDocument document;
        try {
            document = store.load(pluginId.get());
        } catch (IOException | IllegalArgumentException e) {
            log.warn("the stored settings of {} cannot be read ({}); {} is delivered without them", pluginId.get(),
                    e.getMessage(), configurationPid);
            misconfigurations.record(pluginId.get(), configurationPid + "#store",
                    List.of(configurationPid + ": the stored settings cannot be read"));
            return;
        }
        StoredConfiguration stored = document.configurations().get(configurationPid);
        if (stored == null) {
            return;
        }
        for (Map.Entry<String, List<String>> entry : stored.values().entrySet()) {
            if (properties.get(entry.getKey()) == null) {
                List<String> texts = entry.getValue();
                properties.put(entry.getKey(), texts.size() == 1 ? texts.get(0) : texts.toArray(String[]::new));
            }
        }
    }
}
