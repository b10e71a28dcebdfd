package dev.plinth.manager.internal;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;

import dev.plinth.api.Plan.Action;

/**
 * Plans the starts a plugin that is to run needs first: the stopped managed plugins the resolver will wire it to,
 * each started and recorded enabled. Of several offers for a requirement, the one the resolver prefers counts.
 */
final class ProviderStarts {

    private final FrameworkAccess framework;
    private final StoreState state;
    private final Supplier<CapabilityIndex> index;
    private CapabilityIndex taken;

    /** @param index what the installed bundles offer, taken once, when a plan first needs it */
    ProviderStarts(FrameworkAccess framework, StoreState state, Supplier<CapabilityIndex> index) {
        this.framework = framework;
        this.state = state;
        this.index = index;
    }

    /** As {@link #plan(String, List, Set, List, StoreState)} for each of {@code archives}. */
    StoreState plan(List<Archive> archives, Set<Bundle> starting, List<PlannedOperation.Step> steps,
            StoreState after) {
        StoreState result = after;
        for (Archive archive : archives) {
            result = plan(archive.id(), archive.requirements(), starting, steps, result);
        }
        return result;
    }

    /**
     * Starts, and records enabled, the stopped plugins that the resolver will wire {@code id} to for
     * {@code requirements}, unless {@code starting} has them already.
     */
    StoreState plan(String id, List<Capabilities.Req> requirements, Set<Bundle> starting,
            List<PlannedOperation.Step> steps, StoreState after) {
        StoreState result = after;
        Set<Bundle> planned = new HashSet<>(starting);
        for (Bundle provider : inactiveProviders(requirements)) {
            String providerId = FrameworkAccess.id(provider);
            if (providerId.equals(id) || !planned.add(provider) || state.get(providerId).isEmpty()) {
                continue;
            }
            steps.add(new PlannedOperation.Step(Action.START, providerId, provider.getVersion().toString(),
                    "needed by " + id, null));
            result = result.with(state.get(providerId).orElseThrow().withEnabled(true));
        }
        return result;
    }

    /**
     * The stopped managed bundles that would provide {@code requirements}: for each, the offer the resolver prefers
     * (a resolved provider before an unresolved one, then the highest version, then the lowest bundle id).
     */
    private Set<Bundle> inactiveProviders(List<Capabilities.Req> requirements) {
        if (taken == null) {
            taken = index.get();
        }
        CapabilityIndex index = taken;
        Set<Bundle> providers = new LinkedHashSet<>();
        for (Capabilities.Req requirement : requirements) {
            Bundle preferred = null;
            CapabilityIndex.Offer best = null;
            for (CapabilityIndex.Offer offer : index.matching(requirement)) {
                Bundle provider = providerOf(offer);
                if (provider != null && (best == null || prefer(offer, provider, best, preferred))) {
                    best = offer;
                    preferred = provider;
                }
            }
            Bundle runner = preferred == null ? null : runner(preferred);
            if (runner != null && FrameworkAccess.managed(runner) && !FrameworkAccess.active(runner)) {
                providers.add(runner);
            }
        }
        return providers;
    }

    private Bundle providerOf(CapabilityIndex.Offer offer) {
        Bundle managed = framework.bundle(offer.providerId());
        return managed != null ? managed : framework.bySymbolicName(offer.providerId()).orElse(null);
    }

    private static boolean prefer(CapabilityIndex.Offer offer, Bundle provider, CapabilityIndex.Offer best,
            Bundle bestProvider) {
        if (offer.resolved() != best.resolved()) {
            return offer.resolved();
        }
        int versions = capabilityVersion(offer).compareTo(capabilityVersion(best));
        if (versions != 0) {
            return versions > 0;
        }
        return provider.getBundleId() < bestProvider.getBundleId();
    }

    private static Version capabilityVersion(CapabilityIndex.Offer offer) {
        Map<String, Object> attributes = offer.cap().attributes();
        Object version = attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
        if (version == null) {
            version = attributes.get(BundleNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE);
        }
        if (version instanceof Version v) {
            return v;
        }
        try {
            return Version.parseVersion(version == null ? "0" : version.toString());
        } catch (IllegalArgumentException e) {
            return Version.emptyVersion;
        }
    }

    /** The bundle that runs what {@code bundle} offers: a fragment's managed host, else the bundle itself. */
    private static Bundle runner(Bundle bundle) {
        if (Fragments.is(bundle)) {
            return Fragments.attachedHosts(bundle).stream().filter(FrameworkAccess::managed).findFirst().orElse(null);
        }
        return bundle;
    }
}
