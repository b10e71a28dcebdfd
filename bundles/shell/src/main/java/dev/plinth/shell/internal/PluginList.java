package dev.plinth.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.plinth.api.PluginInfo;

/**
 * What {@code plugin:list} returns: the rows to show, plugins first, then libraries, then system and unmanaged
 * bundles, each group sorted by id.
 *
 * @param rows the bundles, in display order
 * @param all true when libraries and system bundles were asked for ({@code --all})
 */
record PluginList(List<PluginInfo> rows, boolean all) {

    PluginList {
        rows = List.copyOf(rows);
    }

    /** The list of the given groups, in this order, each sorted by id. */
    @SafeVarargs
    static PluginList of(boolean all, List<PluginInfo>... groups) {
        List<PluginInfo> rows = new ArrayList<>();
        for (List<PluginInfo> group : groups) {
            group.stream().sorted(Comparator.comparing(PluginInfo::id)).forEach(rows::add);
        }
        return new PluginList(rows, all);
    }
}
