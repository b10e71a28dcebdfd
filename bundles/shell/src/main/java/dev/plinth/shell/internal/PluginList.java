package dev.plinth.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;

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

    /** Every bundle of one view: the plugins, then the libraries, then the system and unmanaged bundles. */
    static PluginList ofAll(List<PluginInfo> bundles) {
        List<PluginInfo> plugins = new ArrayList<>();
        List<PluginInfo> libraries = new ArrayList<>();
        List<PluginInfo> others = new ArrayList<>();
        for (PluginInfo bundle : bundles) {
            (bundle.kind() == PluginKind.PLUGIN ? plugins : bundle.kind() == PluginKind.LIBRARY ? libraries : others)
                    .add(bundle);
        }
        return of(true, plugins, libraries, others);
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
