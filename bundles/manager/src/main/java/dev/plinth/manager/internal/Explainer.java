package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Translates resolver failures into sentences: which plugin needs what, that nothing provides it or what comes
 * closest, in plugin names rather than bundle ids.
 */
final class Explainer {

    private static final int MAX_DEPTH = 4;

    private final CapabilityIndex index;
    private final CapabilityIndex.Naming naming;
    private final List<Bundle> installed;

    /** An explainer over {@code index}, following unresolved providers into the {@code installed} bundles. */
    Explainer(CapabilityIndex index, CapabilityIndex.Naming naming, List<Bundle> installed) {
        this.index = index;
        this.naming = naming;
        this.installed = installed;
    }

    /** Why the installed bundle does not resolve; empty when every requirement has a resolvable provider. */
    List<String> explain(Bundle bundle, Set<String> visited) {
        BundleRevision revision = FrameworkAccess.revision(bundle);
        if (revision == null) {
            return List.of();
        }
        return explain(FrameworkAccess.id(bundle), Capabilities.requirementsOf(revision), visited, 0);
    }

    /** Why an archive's requirements cannot be met by the index. */
    List<String> explain(String id, List<Capabilities.Req> requirements) {
        return explain(id, requirements, new HashSet<>(), 0);
    }

    private List<String> explain(String id, List<Capabilities.Req> requirements, Set<String> visited, int depth) {
        List<String> problems = new ArrayList<>();
        visited.add(id);
        List<Capabilities.Req> unmet = new ArrayList<>();
        for (Capabilities.Req requirement : requirements) {
            List<CapabilityIndex.Offer> offers = index.matching(requirement);
            if (offers.isEmpty()) {
                unmet.add(requirement);
            } else if (offers.stream().noneMatch(CapabilityIndex.Offer::resolved)) {
                CapabilityIndex.Offer offer = offers.get(0);
                if (offer.providerId().equals(id) || visited.contains(offer.providerId()) || depth >= MAX_DEPTH) {
                    continue;
                }
                problems.add(naming.words(id) + " needs " + RequirementText.describe(requirement) + " from "
                        + offer.providerWords() + " " + offer.providerVersion() + ", which cannot be resolved itself");
                problems.addAll(explainProvider(offer.providerId(), visited, depth + 1));
            }
        }
        for (List<Capabilities.Req> group : MissingPackages.group(unmet)) {
            problems.add(group.size() == 1 ? missing(id, group.get(0)) : naming.words(id) + " needs "
                    + MissingPackages.describe(group) + ", which no installed plugin or library provides");
        }
        return problems;
    }

    private List<String> explainProvider(String id, Set<String> visited, int depth) {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : providerBundles(id)) {
            BundleRevision revision = FrameworkAccess.revision(bundle);
            if (revision != null) {
                problems.addAll(explain(id, Capabilities.requirementsOf(revision), visited, depth));
            }
        }
        return problems;
    }

    private List<Bundle> providerBundles(String id) {
        return installed.stream().filter(bundle -> id.equals(FrameworkAccess.id(bundle))).toList();
    }

    private String missing(String id, Capabilities.Req requirement) {
        StringBuilder text = new StringBuilder(naming.words(id)).append(" needs ")
                .append(RequirementText.describe(requirement));
        if (requirement.namespace().equals(HostNamespace.HOST_NAMESPACE)) {
            return naming.words(id) + " is a fragment of " + RequirementText.name(
                    requirement.filter() == null ? "" : requirement.filter(), HostNamespace.HOST_NAMESPACE)
                    + RequirementText.range(requirement.filter() == null ? "" : requirement.filter())
                    + ", which is not installed";
        }
        if (requirement.namespace().equals("osgi.ee")) {
            return text.append(", which this Java runtime does not provide").toString();
        }
        text.append(", which no installed plugin or library provides");
        List<CapabilityIndex.Offer> close = index.close(requirement);
        if (!close.isEmpty()) {
            CapabilityIndex.Offer offer = close.get(0);
            Object version = requirement.namespace().equals(PackageNamespace.PACKAGE_NAMESPACE)
                    ? offer.cap().attributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE)
                    : offer.providerVersion();
            text.append(" (closest: ").append(offer.providerWords()).append(' ').append(offer.providerVersion())
                    .append(" has version ").append(version).append(')');
        }
        return text.toString();
    }
}
