package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Filter;

/**
 * Archives not installed yet in dependency order, by their manifests: an archive after those of the same list that
 * offer what it requires, a fragment after its host; otherwise in the order given (a cycle keeps that order too).
 */
final class ArchiveOrder {

    private record Offer(Archive archive, Capabilities.Cap cap) {
    }

    private ArchiveOrder() {
    }

    static List<Archive> providersFirst(List<Archive> archives) {
        Map<String, List<Offer>> offers = new HashMap<>();
        for (Archive archive : archives) {
            for (Capabilities.Cap cap : archive.capabilities()) {
                offers.computeIfAbsent(cap.namespace(), namespace -> new ArrayList<>()).add(new Offer(archive, cap));
            }
        }
        Map<Archive, List<Archive>> providers = new LinkedHashMap<>();
        for (Archive archive : archives) {
            List<Archive> found = new ArrayList<>();
            for (Capabilities.Req requirement : archive.requirements()) {
                Filter filter = CapabilityIndex.filter(requirement);
                for (Offer offer : offers.getOrDefault(requirement.namespace(), List.of())) {
                    if (offer.archive() != archive && !found.contains(offer.archive())
                            && offer.cap().matches(requirement.namespace(), filter)) {
                        found.add(offer.archive());
                    }
                }
            }
            if (Fragments.is(archive)) {
                String host = Fragments.hostName(archive);
                archives.stream().filter(other -> other.id().equals(host) && !found.contains(other))
                        .forEach(found::add);
            }
            providers.put(archive, found);
        }
        List<Archive> ordered = new ArrayList<>();
        Set<Archive> visited = new HashSet<>();
        for (Archive archive : archives) {
            visit(archive, providers, visited, ordered);
        }
        return ordered;
    }

    private static void visit(Archive archive, Map<Archive, List<Archive>> providers, Set<Archive> visited,
            List<Archive> ordered) {
        if (!visited.add(archive)) {
            return;
        }
        for (Archive provider : providers.get(archive)) {
            visit(provider, providers, visited, ordered);
        }
        ordered.add(archive);
    }
}
