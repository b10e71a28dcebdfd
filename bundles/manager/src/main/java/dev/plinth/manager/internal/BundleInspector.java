package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;

/** Reads, without changing anything, a bundle's wiring from the framework and its components from DS. */
final class BundleInspector {

    private static final Comparator<PluginDetails.Wire> WIRE_ORDER = Comparator
            .comparing(PluginDetails.Wire::namespace).thenComparing(PluginDetails.Wire::name);

    private final BundleContext context;
    private final ServiceComponentRuntime components;

    BundleInspector(BundleContext context, ServiceComponentRuntime components) {
        this.context = context;
        this.components = components;
    }

    /**
     * The plugin with its wiring and components, as far as the framework knows its bundle ({@code components}
     * {@code null}: no DS runtime, no components).
     */
    PluginDetails inspect(PluginInfo plugin) {
        Bundle bundle = plugin.bundleId() < 0 ? null : context.getBundle(plugin.bundleId());
        if (bundle == null) {
            return new PluginDetails(plugin, false, List.of(), List.of());
        }
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        boolean wired = wiring != null && wiring.isCurrent();
        return new PluginDetails(plugin, wired, wired ? wires(wiring) : List.of(), components(bundle));
    }

    private static List<PluginDetails.Wire> wires(BundleWiring wiring) {
        Set<PluginDetails.Wire> wires = new LinkedHashSet<>();
        for (BundleWire wire : wiring.getRequiredWires(null)) {
            Bundle provider = wire.getProvider().getBundle();
            String namespace = wire.getCapability().getNamespace();
            wires.add(new PluginDetails.Wire(namespace, name(namespace, wire.getCapability().getAttributes()),
                    provider.getSymbolicName(), provider.getVersion().toString()));
        }
        List<PluginDetails.Wire> sorted = new ArrayList<>(wires);
        sorted.sort(WIRE_ORDER);
        return sorted;
    }

    /** The capability's name (the attribute named after its namespace) and version, when it has them. */
    private static String name(String namespace, Map<String, Object> attributes) {
        Object name = attributes.get(namespace);
        String text = name == null ? "" : String.valueOf(name);
        Object version = attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
        if (version == null) {
            version = attributes.get(BundleNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE);
        }
        if (version instanceof Version) {
            text = text.isEmpty() ? version.toString() : text + " " + version;
        }
        return text;
    }

    private List<PluginDetails.Component> components(Bundle bundle) {
        List<PluginDetails.Component> result = new ArrayList<>();
        if (components == null) {
            return result;
        }
        List<ComponentDescriptionDTO> descriptions = new ArrayList<>(components.getComponentDescriptionDTOs(bundle));
        descriptions.sort(Comparator.comparing(description -> description.name));
        for (ComponentDescriptionDTO description : descriptions) {
            Collection<ComponentConfigurationDTO> configurations = components
                    .getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                String state = components.isComponentEnabled(description) ? "no configuration" : "disabled";
                result.add(new PluginDetails.Component(description.name, state, null, List.of()));
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                String name = configurations.size() > 1 ? description.name + " [" + configuration.id + "]"
                        : description.name;
                result.add(new PluginDetails.Component(name, state(configuration.state),
                        configuration.failure, missing(description, configuration)));
            }
        }
        return result;
    }

    private static List<PluginDetails.UnsatisfiedReference> missing(ComponentDescriptionDTO description,
            ComponentConfigurationDTO configuration) {
        List<PluginDetails.UnsatisfiedReference> missing = new ArrayList<>();
        if (configuration.unsatisfiedReferences == null) {
            return missing;
        }
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            missing.add(new PluginDetails.UnsatisfiedReference(reference.name, service(description, reference.name),
                    reference.target));
        }
        return missing;
    }

    private static String service(ComponentDescriptionDTO description, String reference) {
        if (description.references != null) {
            for (ReferenceDTO candidate : description.references) {
                if (candidate.name.equals(reference)) {
                    return candidate.interfaceName;
                }
            }
        }
        return "?";
    }

    /** The DS state in words. */
    static String state(int state) {
        switch (state) {
            case ComponentConfigurationDTO.ACTIVE:
                return "active";
            case ComponentConfigurationDTO.SATISFIED:
                return "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                return "unsatisfied reference";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "unsatisfied configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return "failed activation";
            default:
                return "state " + state;
        }
    }
}
