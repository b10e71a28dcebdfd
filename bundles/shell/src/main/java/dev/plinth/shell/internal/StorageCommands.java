package dev.plinth.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.plinth.api.storage.PluginStorage;
import dev.plinth.api.storage.StorageInfo;
import dev.plinth.common.json.JsonDocuments;

/**
 * {@code plugin:storage [ID]}: the plugins' storage through {@link PluginStorage}, present when the storage bundle
 * runs (without it the command says so and fails).
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=plugin",
        "osgi.command.function=storage" })
public final class StorageCommands {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginStorage storage;

    @Activate
    public StorageCommands() {
    }

    /** Commands over {@code storage} ({@code null}: not running), for tests. */
    StorageCommands(PluginStorage storage) {
        this.storage = storage;
    }

    @Descriptor("lists the storage of every plugin that has some (backend, size, schema version; kept: the plugin is "
            + "removed and its data kept), or shows one plugin's storage in full with its migrations")
    public Object storage(
            @Descriptor("print JSON (an array, or the plugin's storage as an object)")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson,
            @Descriptor("a plugin id (left out: every plugin)") String... ids) {
        if (ids.length > 1) {
            throw new CommandFailedException("plugin:storage takes at most one plugin id, not " + ids.length);
        }
        PluginStorage service = storage;
        if (service == null) {
            throw new CommandFailedException("Storage is " + StorageViews.NOT_INSTALLED);
        }
        if (ids.length == 0) {
            List<StorageInfo> all = service.all();
            return asJson ? new JsonText(JsonDocuments.pretty(all)) : new StorageViews.Storages(all);
        }
        StorageInfo info;
        try {
            info = service.info(ids[0]).orElseThrow(() -> new CommandFailedException("no storage for "
                    + ids[0] + " (plugin:storage lists the plugins that have some)"));
        } catch (IllegalStateException e) {
            throw new CommandFailedException(e.getMessage());
        }
        return asJson ? new JsonText(JsonDocuments.pretty(info)) : new StorageViews.Storage(info);
    }
}
