package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ConfigurationPlugin;

class ConfigurationVisibilityTest {

    final Bundle plugin = Fixtures.plugin(10, "x.y");
    final Bundle other = Fixtures.plugin(11, "o.p");
    final Bundle configAdmin = Fixtures.bundle(2, "plinth:system/org.apache.felix.configadmin",
            "org.apache.felix.configadmin");
    final Bundle settings = Fixtures.bundle(3, "plinth:system/dev.plinth.settings", "dev.plinth.settings");
    final Bundle rest = Fixtures.bundle(4, "plinth:system/dev.plinth.rest", "dev.plinth.rest");
    final List<Bundle> warned = new ArrayList<>();
    final ConfigurationVisibility visibility = new ConfigurationVisibility(
            new Fixtures.Bundles(plugin, other, configAdmin, settings, rest), settings, warned::add);

    final ServiceReference<?> runtimeAdmin = reference(configAdmin, ConfigurationAdmin.class, false);
    final ServiceReference<?> guardedAdmin = reference(settings, ConfigurationAdmin.class, true);

    static ServiceReference<?> reference(Bundle registrant, Class<?> type, boolean guarded) {
        return (ServiceReference<?>) Proxy.newProxyInstance(ConfigurationVisibilityTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBundle" -> registrant;
                    case "getProperty" -> Constants.OBJECTCLASS.equals(args[0]) ? new String[] {type.getName()}
                            : ConfigurationVisibility.GUARDED.equals(args[0]) && guarded ? Boolean.TRUE : null;
                    case "toString" -> type.getSimpleName() + " of " + registrant;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static BundleContext context(Bundle bundle) {
        return (BundleContext) Proxy.newProxyInstance(ConfigurationVisibilityTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBundle" -> bundle;
                    case "hashCode" -> (int) bundle.getBundleId();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aPluginSeesOnlyTheGuardedConfigurationAdmin() {
        assertTrue(visibility.hidden(plugin, runtimeAdmin));
        assertFalse(visibility.hidden(plugin, guardedAdmin));
        assertTrue(visibility.hidden(plugin, reference(other, ConfigurationAdmin.class, false)));
        assertTrue(visibility.hidden(plugin, reference(settings, ConfigurationAdmin.class, false)));
    }

    @Test
    void theRuntimesBundlesSeeTheRuntimesConfigurationAdminOnly() {
        for (Bundle bundle : List.of(rest, configAdmin, settings)) {
            assertFalse(visibility.hidden(bundle, runtimeAdmin), bundle.toString());
            assertTrue(visibility.hidden(bundle, guardedAdmin), bundle.toString());
            assertTrue(visibility.hidden(bundle, reference(plugin, ConfigurationAdmin.class, true)),
                    bundle.toString());
        }
    }

    @Test
    void aPluginsConfigurationPluginIsSeenByNoOtherBundleAndNamedOnce() {
        ServiceReference<?> hostile = reference(plugin, ConfigurationPlugin.class, false);

        assertTrue(visibility.hidden(configAdmin, hostile));
        assertTrue(visibility.hidden(rest, hostile));
        assertTrue(visibility.hidden(other, hostile));
        assertFalse(visibility.hidden(plugin, hostile));
        assertFalse(visibility.hidden(configAdmin, reference(settings, ConfigurationPlugin.class, false)));
        assertEquals(List.of(plugin), warned);
    }

    @Test
    void aPluginsConfigurationListenerIsSeenOnlyByTheRelay() {
        ServiceReference<?> listener = reference(plugin, ConfigurationListener.class, false);

        assertTrue(visibility.hidden(configAdmin, listener));
        assertFalse(visibility.hidden(settings, listener));
        assertFalse(visibility.hidden(configAdmin, reference(rest, ConfigurationListener.class, false)));
        assertEquals(List.of(), warned);
    }

    @Test
    void lookupsAndEventsAreFiltered() {
        List<ServiceReference<?>> found = new ArrayList<>(List.of(runtimeAdmin, guardedAdmin));
        visibility.find(context(plugin), ConfigurationAdmin.class.getName(), null, false, found);
        assertEquals(List.of(guardedAdmin), found);

        Map<BundleContext, java.util.Collection<org.osgi.framework.hooks.service.ListenerHook.ListenerInfo>> listeners =
                new HashMap<>();
        BundleContext pluginContext = context(plugin);
        BundleContext restContext = context(rest);
        listeners.put(pluginContext, List.of());
        listeners.put(restContext, List.of());
        visibility.event(new ServiceEvent(ServiceEvent.REGISTERED, runtimeAdmin), listeners);
        assertEquals(List.of(restContext), List.copyOf(listeners.keySet()));
    }
}
