package dev.plinth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** A test runtime boots without the console, the deploy directory and the catalogues unless asked for them. */
class BootSetTest {

    private static final Set<String> EXTRAS = Set.of("org.apache.felix.gogo.jline", "org.jline", "dev.plinth.deploy",
            "dev.plinth.catalog");

    private static Set<String> bootBundles(BundleContext context) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(context.getBundles()).filter(b -> b.getLocation().startsWith("plinth:system/"))
                .map(Bundle::getSymbolicName).forEach(names::add);
        return names;
    }

    @Nested
    @PlinthTest(plugin = "dev.plinth.testing.fixture")
    class ByDefault {

        @Test
        void leavesOutTheExtrasAndKeepsWhatPluginsUse(PlinthRuntime plinth, BundleContext context) {
            Set<String> boot = bootBundles(context);
            for (String extra : EXTRAS) {
                assertFalse(boot.contains(extra), () -> extra + " booted: " + boot);
            }
            for (String kept : Set.of("dev.plinth.manager", "dev.plinth.settings", "dev.plinth.storage",
                    "dev.plinth.rest", "org.apache.felix.gogo.runtime", "org.apache.felix.http.jetty12")) {
                assertTrue(boot.contains(kept), () -> kept + " did not boot: " + boot);
            }
            assertTrue(plinth.execute("plugin:list").contains("dev.plinth.testing.fixture"));
            assertEquals(200, plinth.get("/api/plugins").statusCode());
            AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> plinth.execute("echo hi"));
            assertEquals("command failed: echo hi: Command not found: echo", failure.getMessage());
        }
    }

    @Nested
    @PlinthTest(plugin = "dev.plinth.testing.fixture", with = {Extra.CONSOLE, Extra.DEPLOY, Extra.CATALOG})
    class WithTheExtras {

        @Test
        void bootsThemAndTheirCommands(PlinthRuntime plinth, BundleContext context) {
            Set<String> boot = bootBundles(context);
            assertTrue(boot.containsAll(EXTRAS), () -> "missing extras: " + boot);
            for (Bundle bundle : context.getBundles()) {
                if (EXTRAS.contains(bundle.getSymbolicName()) && !"org.jline".equals(bundle.getSymbolicName())) {
                    assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName());
                }
            }
            assertTrue(plinth.execute("echo hi").contains("hi"));
        }
    }
}
