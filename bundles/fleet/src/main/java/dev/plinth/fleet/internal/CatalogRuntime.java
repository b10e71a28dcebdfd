package dev.plinth.fleet.internal;

import java.util.List;
import java.util.Optional;

import dev.plinth.api.Options;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;

/** This runtime through its {@link Catalog} and {@link PluginManager}; its changes have origin {@value #ORIGIN}. */
final class CatalogRuntime implements LocalRuntime {

    /** The origin of the fleet's changes in the manager's history. */
    static final String ORIGIN = "fleet";

    private final Catalog catalog;
    private final PluginManager manager;

    CatalogRuntime(Catalog catalog, PluginManager manager) {
        this.catalog = catalog;
        this.manager = manager;
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
    public List<Change> apply(PluginSet set) throws PluginException {
        return catalog.apply(set, Options.DEFAULT.withOrigin(ORIGIN));
    }

    @Override
    public List<PluginInfo> plugins() {
        return manager.plugins();
    }
}
