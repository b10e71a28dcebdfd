package dev.plinth.api;

import java.util.List;

/**
 * One plugin in full, as {@link PluginManager#details(String)} tells it: the manager's view of its bundle, what the
 * framework wired it to, its Declarative Services components with the references they wait for, and the web
 * routes refused to it. The one document the shell's {@code plugin:info}, the REST API's
 * {@code GET /api/plugins/{id}} and the command line show of a plugin.
 *
 * @param plugin the manager's view (state, last error, versions, source, ...)
 * @param wired true when the bundle is in the framework and resolved, so that {@code wiring} is meaningful
 * @param wiring what the bundle is wired to, sorted by namespace and name
 * @param components its DS components, one entry per configuration, sorted by name; empty without DS
 * @param refusedRoutes why its web registrations outside its namespace were refused (see
 *        {@link dev.plinth.api.plugin.PluginRoutes}),
 *        empty when none was or there is no REST API
 * @param settingsProblems why the plugin runs misconfigured, on its last good settings (a stored or file value its
 *        metatype refuses; see {@link dev.plinth.api.settings.PluginSettings}), one line each naming PID and key;
 *        empty when its settings are as stored, or there is no settings service
 */
public record PluginDetails(PluginInfo plugin, boolean wired, List<Wire> wiring, List<Component> components,
        List<String> refusedRoutes, List<String> settingsProblems) {

    public PluginDetails {
        wiring = List.copyOf(wiring);
        components = List.copyOf(components);
        refusedRoutes = List.copyOf(refusedRoutes);
        settingsProblems = List.copyOf(settingsProblems);
    }

    /** Details with no settings problem. */
    public PluginDetails(PluginInfo plugin, boolean wired, List<Wire> wiring, List<Component> components,
            List<String> refusedRoutes) {
        this(plugin, wired, wiring, components, refusedRoutes, List.of());
    }

    /** Details with no refused route. */
    public PluginDetails(PluginInfo plugin, boolean wired, List<Wire> wiring, List<Component> components) {
        this(plugin, wired, wiring, components, List.of());
    }

    /** A copy with these refused routes. */
    public PluginDetails withRefusedRoutes(List<String> routes) {
        return new PluginDetails(plugin, wired, wiring, components, routes, settingsProblems);
    }

    /** A copy with these settings problems. */
    public PluginDetails withSettingsProblems(List<String> problems) {
        return new PluginDetails(plugin, wired, wiring, components, refusedRoutes, problems);
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
     * @param unsatisfiedReferences the references that are not satisfied
     */
    public record Component(String name, String state, String failure,
            List<UnsatisfiedReference> unsatisfiedReferences) {

        public Component {
            unsatisfiedReferences = List.copyOf(unsatisfiedReferences);
        }
    }

    /**
     * A reference that is not satisfied.
     *
     * @param name the reference name
     * @param service the referenced service interface
     * @param target the target filter, or {@code null}
     */
    public record UnsatisfiedReference(String name, String service, String target) {
    }
}
