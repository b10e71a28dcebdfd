package dev.plinth.itests.reliability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the bundles of a test need, as their manifests declare it (not as they happen to be wired): the libraries
 * each plugin or library imports from, by id, optionally for one version only. A library is needed while a plugin
 * that stays needs it, directly or through other libraries; this is how the manager counts them.
 */
final class LibraryGraph {

    private final Map<String, Set<String>> needs = new TreeMap<>();

    /** Declares that {@code bundle} (an id, or "id version" for one version only) needs {@code libraries}. */
    LibraryGraph needs(String bundle, String... libraries) {
        needs.computeIfAbsent(bundle, key -> new TreeSet<>()).addAll(List.of(libraries));
        return this;
    }

    /** The libraries {@code bundle} at {@code version} needs directly. */
    Set<String> direct(String bundle, String version) {
        Set<String> specific = needs.get(bundle + " " + version);
        return specific != null ? specific : needs.getOrDefault(bundle, Set.of());
    }

    /**
     * The libraries needed by the plugins {@code plugins} (id to version), directly or through libraries; a library's
     * own needs are taken at the version {@code libraryVersions} gives (any when absent).
     */
    Set<String> needed(Map<String, String> plugins, Map<String, String> libraryVersions) {
        Set<String> needed = new TreeSet<>();
        Deque<String> open = new ArrayDeque<>();
        plugins.forEach((id, version) -> open.addAll(direct(id, version)));
        while (!open.isEmpty()) {
            String library = open.pop();
            if (needed.add(library)) {
                open.addAll(direct(library, libraryVersions.getOrDefault(library, "")));
            }
        }
        return needed;
    }

    /**
     * The libraries of {@code listing} that differ from those its plugins need: a library needed (directly or
     * through another library) but missing, or one listed that nothing needs. Empty when they agree.
     */
    List<String> violations(Listing listing) {
        Map<String, String> plugins = new TreeMap<>();
        Map<String, String> libraries = new TreeMap<>();
        for (Listing.Row row : listing.rows().values()) {
            (row.kind().equals("library") ? libraries : plugins).put(row.id(), row.version());
        }
        Set<String> needed = needed(plugins, libraries);
        List<String> violations = new ArrayList<>();
        for (String library : needed) {
            if (!libraries.containsKey(library)) {
                violations.add("library " + library + " is needed (by " + String.join(", ", neededBy(library, listing))
                        + ") but not installed");
            }
        }
        for (String library : libraries.keySet()) {
            if (!needed.contains(library)) {
                violations.add("library " + library + " is installed but no plugin needs it, directly or through"
                        + " another library");
            }
        }
        return violations;
    }

    private Set<String> neededBy(String library, Listing listing) {
        Set<String> by = new TreeSet<>();
        listing.rows().values().forEach(row -> {
            if (direct(row.id(), row.version()).contains(library)) {
                by.add(row.id());
            }
        });
        return by;
    }
}
