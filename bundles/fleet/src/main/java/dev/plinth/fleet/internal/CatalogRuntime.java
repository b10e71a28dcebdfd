package dev.plinth.fleet.internal;

import java.util.List;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.plinth.api.Options;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;

/** This runtime through its {@link Catalog} and {@link PluginManager}; its changes have origin {@value #ORIGIN}. */
final class CatalogRuntime implements LocalRuntime {

    /** The origin of the fleet's changes in the manager's history. */
    static final String ORIGIN = "fleet";

    private final Catalog catalog;
    private final PluginManager manager;
    private final Supplier<PluginSettings> settings;

    /** @param settings the settings service, or {@code null} while there is none */
    CatalogRuntime(Catalog catalog, PluginManager manager, Supplier<PluginSettings> settings) {
        this.catalog = catalog;
        this.manager = manager;
        this.settings = settings;
    }

    @Override
    public Set<String> secretKeys(String id) throws PluginException {
        PluginSettings service = settings.get();
        if (service == null) {
            return Set.of();
        }
        PluginSettingsView view;
        try {
            view = service.settings(id);
        } catch (PluginException e) {
            if (e.code() == PluginException.Code.NOT_FOUND) {
                return Set.of();
            }
            throw e;
        }
        Set<String> keys = new HashSet<>();
        for (ConfigurationSettings configuration : view.configurations()) {
            for (Setting setting : configuration.settings()) {
                if (setting.secret()) {
                    keys.add(configuration.pid() + "/" + setting.key());
                    if (configuration.factoryPid() != null) {
                        keys.add(configuration.factoryPid() + "/" + setting.key());
                    }
                }
            }
        }
        return keys;
    }

    @Override
    public Optional<String> sha256(String id, String version) throws PluginException {
        return catalog.sha256(id, version);
    }

    @Override
    public PluginSet export() throws PluginException {
        return catalog.export();
    }

    @Override
    public List<Change> simulate(PluginSet set) throws PluginException {
        return catalog.apply(set, Options.DEFAULT.withOrigin(ORIGIN).withSimulate(true));
    }

    @Override
    public List<Change> apply(PluginSet set) throws PluginException {
        return catalog.apply(set, Options.DEFAULT.withOrigin(ORIGIN));
    }

    @Override
    public List<PluginInfo> plugins() {
        return java.util.stream.Stream.concat(manager.plugins().stream(), manager.libraries().stream()).toList();
    }
}
