package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.PluginInfo;

/**
 * What {@code plugin:info} returns: the manager's view of a bundle, its wiring, its DS components and its refused
 * web routes.
 *
 * @param plugin the manager's view
 * @param wired true when the bundle is in the framework and resolved, so that {@code wiring} is meaningful
 * @param wiring what the bundle is wired to, sorted
 * @param components its DS components, one entry per configuration
 * @param refusedRoutes why its web registrations outside its namespace were refused (see
 *        {@link dev.plinth.api.plugin.PluginRoutes}), empty when none was or there is no REST API
 */
record PluginDetails(PluginInfo plugin, boolean wired, List<Wire> wiring, List<ComponentStatus> components,
        List<String> refusedRoutes) {

    PluginDetails {
        wiring = List.copyOf(wiring);
        components = List.copyOf(components);
        refusedRoutes = List.copyOf(refusedRoutes);
    }

    PluginDetails(PluginInfo plugin, boolean wired, List<Wire> wiring, List<ComponentStatus> components) {
        this(plugin, wired, wiring, components, List.of());
    }

    /** A copy with these refused routes. */
    PluginDetails withRefusedRoutes(List<String> routes) {
        return new PluginDetails(plugin, wired, wiring, components, routes);
    }

    /**
     * One required wire.
     *
     * @param namespace the requirement's namespace ({@code osgi.wiring.package}, {@code osgi.extender}, ...)
     * @param name what is required, in words: a package name and version, an extender name, ...
     * @param provider the providing bundle's symbolic name
     * @param providerVersion the providing bundle's version
     */
    record Wire(String namespace, String name, String provider, String providerVersion) {
    }

    /**
     * One component configuration.
     *
     * @param name the component name (with the configuration id when the component has several)
     * @param state the DS state in words: active, satisfied, unsatisfied reference, ...
     * @param failure why activation failed, or {@code null}
     * @param missing the references that are not satisfied
     */
    record ComponentStatus(String name, String state, String failure, List<MissingReference> missing) {

        ComponentStatus {
            missing = List.copyOf(missing);
        }
    }

    /**
     * A reference that is not satisfied.
     *
     * @param name the reference name
     * @param service the referenced service interface
     * @param target the target filter, or {@code null}
     */
    record MissingReference(String name, String service, String target) {
    }
}
