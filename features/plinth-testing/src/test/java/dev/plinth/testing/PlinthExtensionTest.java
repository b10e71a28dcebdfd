package dev.plinth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWiring;

import dev.plinth.api.PluginManager;
import dev.plinth.api.PluginState;
import dev.plinth.testing.fixture.Counter;
import dev.plinth.testing.fixture.Tally;

@PlinthTest(plugin = "dev.plinth.testing.fixture")
class PlinthExtensionTest {

    @InjectService
    PluginManager manager;

    @InjectService
    Counter counter;

    @Test
    void theManagerIsTheRuntimesAndTheTestsClass(PlinthRuntime plinth, BundleContext context) throws Exception {
        assertTrue(manager instanceof PluginManager);
        assertSame(PluginManager.class, managerClassOfTheBundle(context));
        Bundle managerBundle = context.getServiceReference(PluginManager.class).getBundle();
        assertEquals("dev.plinth.manager", managerBundle.getSymbolicName());
        assertEquals(PluginState.ENABLED, manager.get("dev.plinth.testing.fixture").state());
        assertEquals("dev.plinth.testing.fixture", plinth.pluginId());
        for (Bundle bundle : context.getBundles()) {
            assertTrue((bundle.getState() & (Bundle.ACTIVE | Bundle.RESOLVED)) != 0,
                    () -> bundle.getSymbolicName() + " is not resolved: state " + bundle.getState());
        }
    }

    private static Class<?> managerClassOfTheBundle(BundleContext context) throws Exception {
        Bundle managerBundle = context.getServiceReference(PluginManager.class).getBundle();
        return managerBundle.loadClass(PluginManager.class.getName());
    }

    @Test
    void aServiceOfThePluginsOwnInterfaceIsBridged(BundleContext context) throws Exception {
        assertNotSame(Counter.class.getClassLoader(), context.getAllServiceReferences(Counter.class.getName(), null)[0]
                .getBundle().adapt(BundleWiring.class).getClassLoader());
        assertEquals(1, counter.increment("a"));
        assertEquals(2, counter.increment("a"));
        assertEquals("counter of dev.plinth.testing.fixture", counter.describe());
    }

    @Test
    void aServiceThatCannotBeBridgedFailsSayingWhy(PlinthRuntime plinth) {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> plinth.service(Tally.class));
        assertTrue(failure.getMessage().contains("counter(): its return type dev.plinth.testing.fixture.Counter is the"
                + " test's class"), failure.getMessage());
    }

    @Test
    void executeReturnsWhatTheConsolePrints(PlinthRuntime plinth) {
        String listed = plinth.execute("plugin:list");
        assertTrue(listed.contains("dev.plinth.testing.fixture"), listed);
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> plinth.execute("plugin:enable no.such.plugin"));
        assertTrue(failure.getMessage().startsWith("command failed: plugin:enable no.such.plugin: "),
                failure.getMessage());
    }

    @Test
    void theRestApiAnswersOnItsOwnPort(PlinthRuntime plinth) {
        var response = plinth.get("/api/plugins");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("dev.plinth.testing.fixture"), response.body());
        assertTrue(plinth.uri("/").getPort() != 8181);
    }
}
