package dev.plinth.catalog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plinth.api.PluginInfo;

/**
 * Orders plugin ids along the wiring the manager reports ({@link PluginInfo#requires()}, {@link PluginInfo#requiredBy()}),
 * followed through every bundle (a plugin wired to another through a library counts as its dependent). Ids the wiring
 * does not relate keep the order they were given in; ids the manager does not know (plugins not installed yet) stay
 * where they are.
 */
final class GraphOrder {

    private final Map<String, List<String>> requires = new HashMap<>();
    private final Map<String, List<String>> requiredBy = new HashMap<>();

    GraphOrder(List<PluginInfo> bundles) {
        for (PluginInfo bundle : bundles) {
            requires.put(bundle.id(), bundle.requires());
            requiredBy.put(bundle.id(), bundle.requiredBy());
        }
    }

    /** {@code ids} with every id after the ids it needs, directly or through other bundles (the way up). */
    List<String> providersFirst(List<String> ids) {
        return order(ids, requires);
    }

    /** {@code ids} with every id before the ids it needs, directly or through other bundles (the way down). */
    List<String> dependentsFirst(List<String> ids) {
        return order(ids, requiredBy);
    }

    private static List<String> order(List<String> ids, Map<String, List<String>> before) {
        Set<String> wanted = new HashSet<>(ids);
        Set<String> ordered = new LinkedHashSet<>();
        Set<String> visited = new HashSet<>();
        for (String id : ids) {
            visit(id, before, wanted, visited, ordered);
        }
        return new ArrayList<>(ordered);
    }

    private static void visit(String id, Map<String, List<String>> before, Set<String> wanted, Set<String> visited,
            Set<String> ordered) {
        if (!visited.add(id)) {
            return;
        }
        for (String next : before.getOrDefault(id, List.of())) {
            visit(next, before, wanted, visited, ordered);
        }
        if (wanted.contains(id)) {
            ordered.add(id);
        }
    }
}
