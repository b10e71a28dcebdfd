package dev.plinth.catalog.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Choices over the catalogues' resources for this runtime: the versions of a plugin, which of them the runtime can
 * run, and the libraries a plugin needs that nothing installed provides.
 */
final class Selection {

    private static final Comparator<IndexResource> NEWEST_FIRST = Comparator.comparing(IndexResource::version)
            .reversed();

    private final List<IndexResource> resources;
    private final Installed installed;
    private final Map<String, Object> runtime;

    Selection(List<IndexResource> resources, Installed installed) {
        this.resources = resources;
        this.installed = installed;
        this.runtime = installed.runtime();
    }

    List<IndexResource> all() {
        return resources;
    }

    /** Every version of the plugin offered, newest first (the first catalogue wins for a version in two). */
    List<IndexResource> versions(String id) {
        Map<org.osgi.framework.Version, IndexResource> byVersion = new LinkedHashMap<>();
        resources.stream().filter(r -> r.id().equals(id)).forEach(r -> byVersion.putIfAbsent(r.version(), r));
        return byVersion.values().stream().sorted(NEWEST_FIRST).toList();
    }

    Optional<IndexResource> newestCompatible(String id) {
        return versions(id).stream().filter(this::compatible).findFirst();
    }

    /** Whether this runtime's version is in the range the resource asks for (true when it asks for none). */
    boolean compatible(IndexResource resource) {
        return resource.runtimeFilter().map(filter -> !runtime.isEmpty() && Filters.matcher(filter).matches(runtime))
                .orElse(true);
    }

    /** The runtime's version, as operators read it. */
    String runtimeVersion() {
        return String.valueOf(runtime.getOrDefault("version", "unknown"));
    }

    /** The newest resource this runtime can run that meets the requirement. */
    Optional<IndexResource> provider(IndexResource.Requirement requirement) {
        Filters.Matcher matcher = Filters.matcher(requirement.filter());
        return resources.stream().filter(this::compatible)
                .filter(r -> r.capabilities().stream().anyMatch(c -> c.namespace().equals(requirement.namespace())
                        && matcher.matches(c.attributes())))
                .sorted(NEWEST_FIRST).findFirst();
    }

    /**
     * The resources to add with {@code root}: for each mandatory requirement that nothing installed, nothing chosen
     * and not the root itself meets, the newest provider, and so on for what those need. Requirements no catalogue
     * meets are left to the plugin manager, which explains them.
     */
    List<IndexResource> libraries(IndexResource root) {
        Map<String, IndexResource> chosen = new LinkedHashMap<>();
        Deque<IndexResource> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            IndexResource next = pending.poll();
            for (IndexResource.Requirement requirement : next.requirements()) {
                if (!requirement.mandatory() || installed.provides(requirement) || provides(root, requirement)
                        || chosen.values().stream().anyMatch(r -> provides(r, requirement))) {
                    continue;
                }
                provider(requirement).filter(p -> !p.id().equals(root.id()) && !chosen.containsKey(p.id()))
                        .ifPresent(p -> {
                            chosen.put(p.id(), p);
                            pending.add(p);
                        });
            }
        }
        return new ArrayList<>(chosen.values());
    }

    /** Whether the resource has a capability that meets the requirement. */
    static boolean provides(IndexResource resource, IndexResource.Requirement requirement) {
        Filters.Matcher matcher = Filters.matcher(requirement.filter());
        return resource.capabilities().stream()
                .anyMatch(c -> c.namespace().equals(requirement.namespace()) && matcher.matches(c.attributes()));
    }

    /** The newest plugin this runtime can run that declares the command ({@code scope:function} or {@code function}). */
    Optional<IndexResource> providerOf(String command) {
        String wanted = command.trim();
        return resources.stream().filter(this::compatible)
                .filter(r -> r.commands().stream().anyMatch(c -> c.equals(wanted) || c.endsWith(":" + wanted)))
                .sorted(NEWEST_FIRST).findFirst();
    }
}
