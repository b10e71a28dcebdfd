package dev.plinth.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;

/**
 * What {@code plugin:list} returns: the rows to show, plugins first, then libraries, then system and unmanaged
 * bundles, each group sorted by id.
 *
 * @param rows the bundles, in display order
 * @param all true when libraries and system bundles were asked for ({@code --all})
 * @param misconfigured the ids of the plugins that run misconfigured, on their last good settings
 */
record PluginList(List<PluginInfo> rows, boolean all, Set<String> misconfigured) {

    PluginList {
        rows = List.copyOf(rows);
        misconfigured = Set.copyOf(misconfigured);
    }

    /** This list, with the plugins of these ids shown misconfigured. */
    PluginList withMisconfigured(Set<String> ids) {
        return new PluginList(rows, all, ids);
    }

    /** Whether a row's plugin runs misconfigured. */
    boolean misconfigured(PluginInfo plugin) {
        return misconfigured.contains(plugin.id());
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
        return new PluginList(rows, all, Set.of());
    }
}
