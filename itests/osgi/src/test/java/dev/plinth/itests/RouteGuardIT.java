package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import dev.plinth.api.plugin.PluginRoutes;

/**
 * The REST bundle's route guard in a real Felix: a plugin's whiteboard registration outside its namespace is
 * hidden from every other bundle and reported; a bundle the manager did not install is left alone.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RouteGuardIT extends PluginsFixture {

    private static final String FILTER = "(osgi.http.whiteboard.servlet.name=" + RouteClaimActivator.NAME + ")";

    @Inject
    private PluginRoutes routes;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(RouteGuardIT.class);
    }

    @Test
    public void aPluginsClaimOnTheManagementApiIsHiddenAndReported() throws Exception {
        Path jar = claim("it.route.plugin");

        plugins.manager().install(jar.toUri(), OPTIONS.withEnable(true));

        assertEquals(Bundle.ACTIVE, plugins.state("it.route.plugin"));
        assertNull("the whiteboard (any other bundle) does not see it", context.getServiceReferences((String) null,
                FILTER));
        List<String> refused = routes.refused("it.route.plugin");
        assertEquals(refused.toString(), 1, refused.size());
        assertTrue(refused.get(0), refused.get(0).contains(
                "/api/plugins is outside the plugin's namespace /api/plugin/it.route.plugin/"));

        plugins.manager().remove("it.route.plugin", OPTIONS);
        assertEquals(List.of(), routes.refused("it.route.plugin"));
    }

    @Test
    public void aBundleTheManagerDidNotInstallIsLeftAlone() throws Exception {
        Path jar = claim("it.route.unmanaged");
        Bundle bundle = context.installBundle(jar.toUri().toString());
        try {
            bundle.start();

            ServiceReference<?>[] seen = context.getServiceReferences((String) null, FILTER);
            assertNotNull("an unmanaged bundle's registration is visible", seen);
            assertEquals(bundle, seen[0].getBundle());
            assertEquals(List.of(), routes.refused("it.route.unmanaged"));
        } finally {
            bundle.uninstall();
        }
    }

    private Path claim(String symbolicName) {
        return withActivator(symbolicName, RouteClaimActivator.class);
    }
}
