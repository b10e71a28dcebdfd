package dev.plinth.storage.internal;

import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

import dev.plinth.api.PluginException;

/**
 * The one {@code javax.sql.DataSource} service ({@code plinth.storage=plugin}): each calling bundle gets its own
 * database, and only when it asked for storage and its data is ready; any other gets {@code null} and a log line
 * saying why. A bundle that asks through another bundle's context, or uses another bundle's DataSource object, is
 * refused ({@link CallerCheck}). Releasing it (the plugin stops) closes the database.
 */
final class PluginDataSources implements ServiceFactory<DataSource> {

    private final StorageService storage;
    private final CallerCheck callers;
    private final StorageLog log;

    PluginDataSources(StorageService storage, CallerCheck callers, StorageLog log) {
        this.storage = storage;
        this.callers = callers;
        this.log = log;
    }

    @Override
    public DataSource getService(Bundle bundle, ServiceRegistration<DataSource> registration) {
        if (!StorageRequirement.asks(bundle)) {
            log.warn(bundle.getSymbolicName() + " asked for a plugin DataSource without asking for storage "
                    + "(@RequireStorage): it gets none");
            return null;
        }
        Optional<String> refused = callers.refused(bundle, true);
        if (refused.isPresent()) {
            log.warn(refused.get() + " asked for the DataSource of " + bundle.getSymbolicName() + " through its "
                    + "BundleContext: it gets none, a plugin's database is its own");
            return null;
        }
        try {
            return new GuardedDataSource(storage.dataSource(bundle), bundle, callers, log);
        } catch (PluginException | RuntimeException e) {
            log.warn(bundle.getSymbolicName() + " " + bundle.getVersion() + " gets no DataSource: " + e.getMessage());
            return null;
        }
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<DataSource> registration, DataSource service) {
        storage.released(bundle.getSymbolicName());
    }
}
