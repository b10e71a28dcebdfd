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

    private static final java.util.regex.Pattern LEADING_EQUALITY =
            java.util.regex.Pattern.compile("^\\((?:&\\()?([^=()<>~]+)=([^()*\\\\\\s]+)\\)");

    private final Map<String, List<Offer>> offers = new java.util.HashMap<>();
    private final Map<String, Map<String, List<Offer>>> named = new java.util.HashMap<>();

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
        String namespace = offer.cap().namespace();
        offers.computeIfAbsent(namespace, key -> new ArrayList<>()).add(offer);
        named.computeIfAbsent(namespace, key -> new java.util.HashMap<>())
                .computeIfAbsent(offeredName(offer.cap()), key -> new ArrayList<>()).add(offer);
    }

    List<Offer> matching(Capabilities.Req requirement) {
        Filter filter = filter(requirement);
        List<Offer> found = new ArrayList<>();
        for (Offer offer : candidates(requirement.namespace(), requiredName(requirement), offers, named)) {
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

    /**
     * The value the requirement's filter demands of the attribute named as its namespace (a package's name, a
     * bundle's symbolic name), when the filter demands one whatever else it says: it is that equality, or a
     * conjunction that begins with it. Null otherwise (then every offer of the namespace is a candidate).
     */
    static String requiredName(Capabilities.Req requirement) {
        if (requirement.filter() == null) {
            return null;
        }
        java.util.regex.Matcher matcher = LEADING_EQUALITY.matcher(requirement.filter());
        return matcher.find() && matcher.group(1).equals(requirement.namespace()) ? matcher.group(2) : null;
    }

    /** The capability's attribute named as its namespace, when it is a string; "" otherwise (then it may match any). */
    static String offeredName(Capabilities.Cap cap) {
        return cap.attributes().get(cap.namespace()) instanceof String name && !name.isEmpty() ? name : "";
    }

    /**
     * The offers that may meet a requirement of {@code namespace} naming {@code name} (null: naming none), from
     * every offer by namespace and the same by namespace and {@link #offeredName}: those of that name and those
     * without one, or all of the namespace.
     */
    static <T> List<T> candidates(String namespace, String name, Map<String, List<T>> all,
            Map<String, Map<String, List<T>>> named) {
        if (name == null) {
            return all.getOrDefault(namespace, List.of());
        }
        Map<String, List<T>> byName = named.getOrDefault(namespace, Map.of());
        List<T> unnamed = byName.getOrDefault("", List.of());
        List<T> same = byName.getOrDefault(name, List.of());
        if (unnamed.isEmpty()) {
            return same;
        }
        List<T> both = new ArrayList<>(same);
        both.addAll(unnamed);
        return both;
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
