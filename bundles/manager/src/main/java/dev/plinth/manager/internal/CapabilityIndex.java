package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;

/** Every capability on offer (from installed bundles and from archives about to be), searchable by requirement. */
final class CapabilityIndex {

    /** A capability and who provides it. */
    record Offer(Capabilities.Cap cap, String providerId, String providerVersion, String providerWords,
            boolean resolved) {
    }

    private final Map<String, List<Offer>> offers = new java.util.HashMap<>();

    /** The capabilities of the installed bundles that {@code include} accepts. */
    static CapabilityIndex of(Bundle[] bundles, Predicate<Bundle> include, Naming naming) {
        CapabilityIndex index = new CapabilityIndex();
        for (Bundle bundle : bundles) {
            BundleRevision revision = FrameworkAccess.revision(bundle);
            if (revision == null || !include.test(bundle)) {
                continue;
            }
            String id = FrameworkAccess.id(bundle);
            for (Capabilities.Cap cap : Capabilities.of(revision)) {
                index.offer(new Offer(cap, id, bundle.getVersion().toString(), naming.words(id),
                        FrameworkAccess.resolved(bundle)));
            }
        }
        return index;
    }

    void add(Archive archive, String words) {
        for (Capabilities.Cap cap : archive.capabilities()) {
            offer(new Offer(cap, archive.id(), archive.version().toString(), words, true));
        }
    }

    private void offer(Offer offer) {
        offers.computeIfAbsent(offer.cap().namespace(), namespace -> new ArrayList<>()).add(offer);
    }

    List<Offer> matching(Capabilities.Req requirement) {
        Filter filter = filter(requirement);
        List<Offer> found = new ArrayList<>();
        for (Offer offer : offers.getOrDefault(requirement.namespace(), List.of())) {
            if (offer.cap().matches(requirement.namespace(), filter)) {
                found.add(offer);
            }
        }
        return found;
    }

    /** Offers of the same package or bundle name in another version: what comes close to a requirement. */
    List<Offer> close(Capabilities.Req requirement) {
        String namespace = requirement.namespace();
        if (!namespace.equals(PackageNamespace.PACKAGE_NAMESPACE) && !namespace.equals(BundleNamespace.BUNDLE_NAMESPACE)
                || requirement.filter() == null) {
            return List.of();
        }
        String name = RequirementText.name(requirement.filter(), namespace);
        List<Offer> found = new ArrayList<>();
        for (Offer offer : offers.getOrDefault(namespace, List.of())) {
            Map<String, Object> attributes = offer.cap().attributes();
            if (name.equals(attributes.get(namespace))) {
                found.add(offer);
            }
        }
        return found;
    }

    static Filter filter(Capabilities.Req requirement) {
        if (requirement.filter() == null) {
            return null;
        }
        try {
            return FrameworkUtil.createFilter(requirement.filter());
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("invalid filter " + requirement.filter() + ": " + e.getMessage(), e);
        }
    }

    /** How bundles are named to operators ("plugin x", "library y"). */
    @FunctionalInterface
    interface Naming {
        String words(String id);
    }
}
