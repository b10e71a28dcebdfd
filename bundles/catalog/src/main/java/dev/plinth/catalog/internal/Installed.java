package dev.plinth.catalog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

import dev.plinth.api.plugin.Namespaces;

/** What the bundles installed in the framework provide, looked at when a catalogue's resource is chosen. */
final class Installed {

    private final List<BundleCapability> capabilities;

    private Installed(List<BundleCapability> capabilities) {
        this.capabilities = capabilities;
    }

    static Installed of(BundleContext context) {
        List<BundleCapability> capabilities = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision != null && bundle.getState() != Bundle.UNINSTALLED) {
                capabilities.addAll(revision.getDeclaredCapabilities(null));
            }
        }
        return new Installed(capabilities);
    }

    /** Whether an installed bundle offers what the requirement asks for. */
    boolean provides(IndexResource.Requirement requirement) {
        Filters.Matcher matcher = Filters.matcher(requirement.filter());
        return capabilities.stream().anyMatch(cap -> cap.getNamespace().equals(requirement.namespace())
                && matcher.matches(cap.getAttributes()));
    }

    /** The attributes of the runtime's capability ({@link Namespaces#RUNTIME}), or an empty map. */
    Map<String, Object> runtime() {
        return capabilities.stream().filter(cap -> cap.getNamespace().equals(Namespaces.RUNTIME)).findFirst()
                .map(BundleCapability::getAttributes).orElse(Map.of());
    }
}
