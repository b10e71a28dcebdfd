package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;

class BundleInspectorTest {

    private static PluginInfo plugin(String id, String version, PluginKind kind, PluginState state, String name) {
        return new PluginInfo(id, version, name, "", "", "", "", kind, state, 7, List.of(), List.of(), null, null,
                null, null, null);
    }

    /** An implementation of {@code type} answering the named methods with fixed values. */
    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(BundleInspectorTest.class.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                    }
                    return answers.get(method.getName());
                });
    }

    private static Bundle bundle(String name, String version, BundleWiring wiring) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("getSymbolicName", name);
        answers.put("getVersion", Version.parseVersion(version));
        answers.put("adapt", wiring);
        return stub(Bundle.class, answers);
    }

    private static BundleWire wire(String namespace, Map<String, Object> attributes, Bundle provider) {
        BundleCapability capability = stub(BundleCapability.class,
                Map.of("getNamespace", namespace, "getAttributes", attributes));
        BundleRevision revision = stub(BundleRevision.class, Map.of("getBundle", provider));
        return stub(BundleWire.class, Map.of("getCapability", capability, "getProvider", revision));
    }

    private static ComponentDescriptionDTO description(String name, ReferenceDTO... references) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.name = name;
        description.references = references;
        return description;
    }

    private static ComponentConfigurationDTO configuration(long id, int state, UnsatisfiedReferenceDTO... missing) {
        ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
        configuration.id = id;
        configuration.state = state;
        configuration.unsatisfiedReferences = missing;
        return configuration;
    }

    private static ServiceComponentRuntime runtime(Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> all,
            boolean enabled) {
        return (ServiceComponentRuntime) Proxy.newProxyInstance(BundleInspectorTest.class.getClassLoader(),
                new Class<?>[] { ServiceComponentRuntime.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getComponentDescriptionDTOs":
                            return List.copyOf(all.keySet());
                        case "getComponentConfigurationDTOs":
                            return all.get(args[0]);
                        case "isComponentEnabled":
                            return enabled;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void readsWiresSortedWithTheirProviders() {
        Bundle scr = bundle("org.apache.felix.scr", "2.2.14", null);
        Bundle greeting = bundle("greeting", "1.0.0", null);
        BundleWiring wiring = stub(BundleWiring.class, Map.of("isCurrent", true, "getRequiredWires", List.of(
                wire("osgi.wiring.package", Map.of("osgi.wiring.package", "dev.plinth.greeting", "version",
                        Version.parseVersion("1.0.0")), greeting),
                wire("osgi.extender", Map.of("osgi.extender", "osgi.component", "version",
                        Version.parseVersion("1.5.0")), scr),
                wire("osgi.ee", Map.of("osgi.ee", "JavaSE", "version", List.of(Version.parseVersion("17"))),
                        bundle("org.apache.felix.framework", "7.0.5", null)))));
        BundleContext context = stub(BundleContext.class, Map.of("getBundle", bundle("greeter", "1.0.0", wiring)));
        PluginDetails details = new BundleInspector(context, runtime(Map.of(), true))
                .inspect(plugin("greeter", "1.0.0", PluginKind.PLUGIN, PluginState.ENABLED, "Greeter"));
        assertTrue(details.wired());
        assertEquals(List.of(
                new PluginDetails.Wire("osgi.ee", "JavaSE", "org.apache.felix.framework", "7.0.5"),
                new PluginDetails.Wire("osgi.extender", "osgi.component 1.5.0", "org.apache.felix.scr", "2.2.14"),
                new PluginDetails.Wire("osgi.wiring.package", "dev.plinth.greeting 1.0.0", "greeting", "1.0.0")),
                details.wiring());
        assertTrue(details.components().isEmpty());
    }

    @Test
    void readsComponentStatesAndMissingReferences() {
        ReferenceDTO volume = new ReferenceDTO();
        volume.name = "volume";
        volume.interfaceName = "dev.plinth.Volume";
        UnsatisfiedReferenceDTO missing = new UnsatisfiedReferenceDTO();
        missing.name = "volume";
        missing.target = "(level=high)";
        ComponentDescriptionDTO loud = description("b.Loud", volume);
        ComponentDescriptionDTO quiet = description("a.Quiet");
        ComponentConfigurationDTO failed = configuration(3, ComponentConfigurationDTO.FAILED_ACTIVATION);
        failed.failure = "java.lang.IllegalStateException: no voice";
        ServiceComponentRuntime runtime = runtime(Map.of(
                loud, List.of(configuration(1, ComponentConfigurationDTO.UNSATISFIED_REFERENCE, missing)),
                quiet, List.of(configuration(2, ComponentConfigurationDTO.ACTIVE), failed)), true);
        BundleContext context = stub(BundleContext.class, Map.of("getBundle", bundle("greeter", "1.0.0", null)));

        PluginDetails details = new BundleInspector(context, runtime)
                .inspect(plugin("greeter", "1.0.0", PluginKind.PLUGIN, PluginState.INSTALLED, "Greeter"));

        assertFalse(details.wired());
        assertEquals(List.of(
                new PluginDetails.Component("a.Quiet [2]", "active", null, List.of()),
                new PluginDetails.Component("a.Quiet [3]", "failed activation",
                        "java.lang.IllegalStateException: no voice", List.of()),
                new PluginDetails.Component("b.Loud", "unsatisfied reference", null,
                        List.of(new PluginDetails.UnsatisfiedReference("volume", "dev.plinth.Volume", "(level=high)")))),
                details.components());
    }

    @Test
    void componentsWithoutConfigurationAreDisabledOrWaiting() {
        ComponentDescriptionDTO factory = description("a.Factory");
        BundleContext context = stub(BundleContext.class, Map.of("getBundle", bundle("greeter", "1.0.0", null)));
        PluginDetails.Component disabled = new BundleInspector(context,
                runtime(Map.of(factory, List.of()), false))
                .inspect(plugin("greeter", "1.0.0", PluginKind.PLUGIN, PluginState.ENABLED, "G")).components().get(0);
        assertEquals("disabled", disabled.state());
        assertNull(disabled.failure());
    }

    @Test
    void aBundleOutsideTheFrameworkHasNoWiringNorComponents() {
        PluginDetails details = new BundleInspector(null, null).inspect(new dev.plinth.api.PluginInfo("gone", "1.0.0",
                "Gone", "", "", "", "", PluginKind.PLUGIN, PluginState.INSTALLED, -1, List.of(), List.of(), null,
                null, null, null, null));
        assertFalse(details.wired());
        assertTrue(details.wiring().isEmpty());
        assertTrue(details.components().isEmpty());
    }

    @Test
    void statesAreNamedInWords() {
        assertEquals("unsatisfied configuration",
                BundleInspector.state(ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION));
        assertEquals("satisfied", BundleInspector.state(ComponentConfigurationDTO.SATISFIED));
        assertEquals("state 99", BundleInspector.state(99));
    }
}
