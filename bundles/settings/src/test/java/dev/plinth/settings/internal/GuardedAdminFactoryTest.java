package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.plinth.common.testing.FakeConfigurationAdmin;

class GuardedAdminFactoryTest {

    final FakeConfigurationAdmin runtime = new FakeConfigurationAdmin();
    @SuppressWarnings("unchecked")
    final ServiceReference<ConfigurationAdmin> runtimeReference = (ServiceReference<ConfigurationAdmin>) Proxy
            .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceReference.class},
                    (proxy, method, args) -> method.getName().equals("toString") ? "runtime" : null);
    final List<String> calls = new ArrayList<>();
    final Bundle settings = bundle(2, "plinth:system/dev.plinth.settings");

    /** A bundle whose context gets and ungets the runtime's Configuration Admin, recording who asked. */
    Bundle bundle(long id, String location) {
        Bundle plain = Fixtures.bundle(id, location, location);
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getService" -> {
                        calls.add("get " + id + " " + args[0]);
                        yield runtime.admin;
                    }
                    case "ungetService" -> {
                        calls.add("unget " + id + " " + args[0]);
                        yield true;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> method.getName().equals("getBundleContext") ? context
                        : method.invoke(plain, args));
    }

    GuardedAdminFactory factory(ServiceReference<ConfigurationAdmin> reference) {
        Fixtures.Bundles bundles = new Fixtures.Bundles();
        return new GuardedAdminFactory(() -> reference, settings.getBundleContext(), bundles,
                new PidGuard(new Ownership(bundles,
                new Fixtures.Schemas())));
    }

    @Test
    void aPluginGetsTheRuntimesServiceThroughTheSettingsBundlesContextGuardedAndReleasesItTheSameWay() {
        Bundle plugin = bundle(10, PluginBundles.LOCATION_PREFIX + "x.y");
        GuardedAdminFactory factory = factory(runtimeReference);

        ConfigurationAdmin admin = factory.getService(plugin, null);
        factory.ungetService(plugin, null, admin);

        assertInstanceOf(GuardedConfigurationAdmin.class, admin);
        assertEquals(List.of("get 2 runtime", "unget 2 runtime"), calls);
    }

    @Test
    void anotherBundleGetsTheRuntimesServiceAsItIs() {
        Bundle core = bundle(3, "plinth:system/dev.plinth.rest");

        assertSame(runtime.admin, factory(runtimeReference).getService(core, null));
    }

    @Test
    void withoutTheRuntimesServiceThereIsNone() {
        assertNull(factory(null).getService(bundle(10, PluginBundles.LOCATION_PREFIX + "x.y"), null));
        assertEquals(List.of(), calls);
    }
}
