package dev.plinth.api;

import java.util.List;

/**
 * Everything about one bundle in one document ({@link PluginManager#details}): the manager's view, what the bundle is
 * wired to, its Declarative Services components with the references they miss, and the web routes of it that the
 * REST API refused. The shell's {@code plugin:info}, {@code GET /api/plugins/{id}} and the CLI all show this.
 *
 * @param plugin the manager's view (state, last error, versions, ...)
 * @param wired true when the bundle is in the framework and resolved, so that {@code wiring} is meaningful
 * @param wiring what the bundle is wired to, sorted by namespace and name
 * @param components its DS components, one entry per configuration, sorted by name; empty without DS
 * @param refusedRoutes why its web registrations outside its namespace were refused (see
 *     {@link dev.plinth.api.plugin.PluginRoutes}), empty when none was or there is no REST API
 */
public record PluginDetails(PluginInfo plugin, boolean wired, List<Wire> wiring, List<Component> components,
        List<String> refusedRoutes) {

    public PluginDetails {
        wiring = List.copyOf(wiring);
        components = List.copyOf(components);
        refusedRoutes = List.copyOf(refusedRoutes);
    }

    /**
     * One required wire.
     *
     * @param namespace the requirement's namespace ({@code osgi.wiring.package}, {@code osgi.extender}, ...)
     * @param name what is required, in words: a package name and version, an extender name, ...
     * @param provider the providing bundle's symbolic name
     * @param providerVersion the providing bundle's version
     */
    public record Wire(String namespace, String name, String provider, String providerVersion) {
    }

    /**
     * One component configuration.
     *
     * @param name the component name (with the configuration id when the component has several)
     * @param state the DS state in words: active, satisfied, unsatisfied reference, ...
     * @param failure why activation failed, or {@code null}
     * @param missing the references that are not satisfied
     */
    public record Component(String name, String state, String failure, List<MissingReference> missing) {

        public Component {
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
    public record MissingReference(String name, String service, String target) {
    }
}
