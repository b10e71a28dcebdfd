package dev.plinth.catalog.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
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
    List<String> pinned() {
        Set<String> all = ids();
        return manager.plugins().stream().map(PluginInfo::id).filter(all::contains).sorted().toList();
    }

    boolean isPinned(String id) {
        return ids().contains(id);
    }

    /** The pinned ids as the pins file has them, read once for a whole listing. */
    Set<String> ids() {
        try {
            return pins.load();
        } catch (IOException e) {
            return Set.of();
        }
    }

    private PluginInfo plugin(String id) throws PluginException {
        PluginInfo info = manager.get(id == null ? "" : id.trim());
        if (info.kind() != PluginKind.PLUGIN) {
            throw new PluginException(Code.PROTECTED, info.id() + " is a " + info.kind().label() + ", not a plugin: only plugins are pinned");
        }
        return info;
    }

    private void change(java.util.function.Consumer<Set<String>> edit) throws PluginException {
        try {
            Set<String> all = pins.load();
            edit.accept(all);
            pins.save(all);
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "cannot write the pins: " + e.getMessage());
        }
    }
}
