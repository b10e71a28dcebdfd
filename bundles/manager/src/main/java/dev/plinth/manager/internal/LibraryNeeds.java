package dev.plinth.manager.internal;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;

/**
 * Which libraries are still needed after a change: a library is needed when it is wired to a bundle that stays, or
 * when it offers what a bundle that stays requires, resolved or not (an unresolved plugin has no wires but still
 * needs its libraries), or what an archive about to be installed requires; and so on through the libraries so
 * needed.
 */
final class LibraryNeeds {

    private final Bundle[] bundles;
    private final Predicate<Bundle> library;

    LibraryNeeds(Bundle[] bundles, Predicate<Bundle> library) {
        this.bundles = bundles;
        this.library = library;
    }

    /**
     * The libraries nobody needs once {@code gone} (bundles removed, or whose current revision is replaced) are gone
     * and {@code incoming} (the archives installed or updated to) are in; never one of {@code gone}.
     */
    Set<Bundle> orphans(Collection<Bundle> gone, Collection<Archive> incoming) {
        List<Bundle> candidates = java.util.Arrays.stream(bundles)
                .filter(bundle -> library.test(bundle) && !gone.contains(bundle)).toList();
        Offers offering = new Offers(candidates);
        Set<Bundle> needed = new HashSet<>();
        Deque<Bundle> queue = new ArrayDeque<>();
        for (Bundle bundle : bundles) {
            if (!gone.contains(bundle) && !library.test(bundle)) {
                need(providers(bundle, offering), needed, queue);
            }
        }
        for (Archive archive : incoming) {
            need(offering.matching(archive.requirements()), needed, queue);
        }
        while (!queue.isEmpty()) {
            need(providers(queue.poll(), offering), needed, queue);
        }
        Set<Bundle> orphans = new LinkedHashSet<>(candidates);
        orphans.removeAll(needed);
        return orphans;
    }

    private void need(Set<Bundle> providers, Set<Bundle> needed, Deque<Bundle> queue) {
        for (Bundle provider : providers) {
            if (library.test(provider) && needed.add(provider)) {
                queue.add(provider);
            }
        }
    }

    /** The bundles {@code bundle} is wired to, and the libraries offering what it requires. */
    private static Set<Bundle> providers(Bundle bundle, Offers libraries) {
        Set<Bundle> providers = new LinkedHashSet<>(FrameworkAccess.providers(bundle));
        org.osgi.framework.wiring.BundleRevision revision = FrameworkAccess.revision(bundle);
        if (revision != null) {
            providers.addAll(libraries.matching(Capabilities.requirementsOf(revision)));
        }
        return providers;
    }

    /** The capabilities of the candidate libraries, by provider. */
    private static final class Offers {

        private final java.util.Map<String, Bundle> byId = new java.util.HashMap<>();
        private final CapabilityIndex index;

        Offers(List<Bundle> libraries) {
            libraries.forEach(bundle -> byId.put(FrameworkAccess.id(bundle), bundle));
            index = CapabilityIndex.of(libraries.toArray(Bundle[]::new), bundle -> true, id -> id);
        }

        Set<Bundle> matching(List<Capabilities.Req> requirements) {
            Set<Bundle> found = new LinkedHashSet<>();
            for (Capabilities.Req requirement : requirements) {
                for (CapabilityIndex.Offer offer : index.matching(requirement)) {
                    Bundle provider = byId.get(offer.providerId());
                    if (provider != null) {
                        found.add(provider);
                    }
                }
            }
            return found;
        }
    }
}
