package dev.plinth.api.storage;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What Plinth's storage keeps for plugins, to show: registered as an OSGi service by the storage bundle.
 * Plugins get their database as a {@code javax.sql.DataSource} service ({@link #DATA_SOURCE}), never through this.
 */
@ProviderType
public interface PluginStorage {

    /** The name of the extender capability {@link RequireStorage} requires. */
    String EXTENDER = "plinth.storage";

    /** The service property of the plugins' {@code javax.sql.DataSource}: {@code plinth.storage=plugin}. */
    String PROPERTY = "plinth.storage";

    /**
     * The target filter of a plugin's reference to its database:
     * {@code @Reference(target = PluginStorage.DATA_SOURCE) DataSource dataSource}. Each bundle that asks gets its
     * own database; a bundle that did not ask for storage gets none.
     */
    String DATA_SOURCE = "(" + PROPERTY + "=plugin)";

    /** The storage of an installed plugin, or of a removed one whose data was kept; empty when it has none. */
    Optional<StorageInfo> info(String pluginId);

    /** The storage of every plugin that has some, installed or removed with its data kept, sorted by id. */
    List<StorageInfo> all();
}
