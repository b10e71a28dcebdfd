package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;

import dev.plinth.common.testing.FakeConfigurationAdmin;

class CarriersTest {

    @TempDir
    Path directory;

    final FakeConfigurationAdmin admin = new FakeConfigurationAdmin();
    final Fixtures.Lines log = new Fixtures.Lines();
    final Bundle plugin = Fixtures.plugin(10, "x.y");

    Carriers carriers(Bundle... installed) throws Exception {
        SettingsStore store = new SettingsStore(directory);
        store.update("x.y", current -> current.with("x.y", current.configuration("x.y")
                .withValues(Map.of("greeting", List.of("operator"))))
                .with("x.y.conn~main", current.configuration("x.y.conn~main")
                        .withValues(Map.of("url", List.of("http://b")))));
        store.update("gone", current -> current.with("gone", current.configuration("gone")
                .withValues(Map.of("a", List.of("1")))));
        return new Carriers(new Fixtures.Bundles(installed), store, new Configurations(admin.admin), log.logger);
    }

    @Test
    void theConfigurationsOfStoredValuesAreCreatedWhenMissingForInstalledPluginsOnly() throws Exception {
        carriers(plugin).restoreAll();

        assertNotNull(admin.get("x.y"));
        assertEquals("x.y.conn", admin.configurations.get("x.y.conn~main").get(ConfigurationAdmin.SERVICE_FACTORYPID));
        assertNull(admin.get("gone"), "no configuration for a plugin that is not installed");
    }

    @Test
    void aDeletedConfigurationOfStoredValuesIsCreatedAgain() throws Exception {
        Carriers carriers = carriers(plugin);
        carriers.restoreAll();
        admin.configurations.remove("x.y");

        carriers.configurationEvent(deleted("x.y"));

        assertNotNull(admin.get("x.y"));
    }

    @SuppressWarnings("unchecked")
    private static ConfigurationEvent deleted(String pid) {
        ServiceReference<ConfigurationAdmin> reference = (ServiceReference<ConfigurationAdmin>) Proxy.newProxyInstance(
                CarriersTest.class.getClassLoader(), new Class<?>[] {ServiceReference.class}, (p, m, a) -> null);
        return new ConfigurationEvent(reference, ConfigurationEvent.CM_DELETED, null, pid);
    }
}
