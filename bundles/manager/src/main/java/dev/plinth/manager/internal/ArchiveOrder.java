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
        Map<String, Map<String, List<Offer>>> named = new HashMap<>();
        for (Archive archive : archives) {
            for (Capabilities.Cap cap : archive.capabilities()) {
                Offer offer = new Offer(archive, cap);
                offers.computeIfAbsent(cap.namespace(), namespace -> new ArrayList<>()).add(offer);
                named.computeIfAbsent(cap.namespace(), namespace -> new HashMap<>())
                        .computeIfAbsent(CapabilityIndex.offeredName(cap), key -> new ArrayList<>()).add(offer);
            }
        }
        Map<Archive, List<Archive>> providers = new LinkedHashMap<>();
        for (Archive archive : archives) {
            List<Archive> found = new ArrayList<>();
            for (Capabilities.Req requirement : archive.requirements()) {
                Filter filter = CapabilityIndex.filter(requirement);
                for (Offer offer : CapabilityIndex.candidates(requirement.namespace(),
                        CapabilityIndex.requiredName(requirement), offers, named)) {
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
