package dev.plinth.catalog.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;

/** Pinning: which installed plugins stay at their version when plugins are updated. */
final class PinnedPlugins {

    private final Pins pins;
    private final PluginManager manager;

    PinnedPlugins(Pins pins, PluginManager manager) {
        this.pins = pins;
        this.manager = manager;
    }

    void pin(String id) throws PluginException {
        String plugin = plugin(id).id();
        change(pinned -> pinned.add(plugin));
    }

    void unpin(String id) throws PluginException {
        String plugin = plugin(id).id();
        change(pinned -> pinned.remove(plugin));
    }

    void set(String id, boolean pinned) throws PluginException {
        change(all -> {
            if (pinned) {
                all.add(id);
            } else {
                all.remove(id);
            }
        });
    }

    /** The pinned plugins that are installed, sorted. */
    List<String> pinned() throws PluginException {
        Set<String> all = ids();
        return manager.plugins().stream().map(PluginInfo::id).filter(all::contains).sorted().toList();
    }

    boolean isPinned(String id) throws PluginException {
        return ids().contains(id);
    }

    /**
     * The pinned ids as the pins file has them, read once for a whole listing. A file that cannot be read fails:
     * pins that cannot be checked must not let updates through.
     */
    Set<String> ids() throws PluginException {
        return pins.pinned();
    }

    private PluginInfo plugin(String id) throws PluginException {
        return PluginLookup.plugin(manager, id, "pinned");
    }

    private void change(java.util.function.Consumer<Set<String>> edit) throws PluginException {
        try {
            pins.update(edit);
        } catch (IOException e) {
            throw Pins.unusable(e);
        }
    }
}
