package dev.plinth.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;

import dev.plinth.api.Plan;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginManager;
import dev.plinth.common.testing.BundleJar;

/**
 * What each test of the manager's verbs starts from, in the runtime of its class: the plugin manager, a folder of
 * its own for the jars it makes, and no plugin or library left by the test before. A subclass states its Pax Exam
 * {@code @Configuration} ({@link PlinthRuntime#options(Class, java.util.Map)}); its own {@code @After} methods run
 * before the plugins are removed.
 */
public abstract class PluginsFixture {

    @Inject
    protected BundleContext context;

    protected Plugins plugins;
    protected PluginManager manager;
    /** A folder of this test's own for the jars it makes. */
    protected Path jars;

    @Before
    public void startFromNoPlugins() throws IOException {
        plugins = new Plugins(context);
        manager = plugins.manager();
        jars = Files.createTempDirectory(plugins.data(), "jars");
    }

    @After
    public void removeAllPlugins() throws PluginException {
        plugins.removeAll();
    }

    /** A bundle {@code id} 1.0.0 in {@link #jars} whose activator is {@code activator}, a class of the tests. */
    protected Path withActivator(String id, Class<?> activator) {
        return BundleJar.bundle(id, "1.0.0").activator(activator).imports("org.osgi.framework").writeInto(jars);
    }

    /** Refreshes {@code bundles} and waits (within {@link Plugins#BOUND}) for the refresh to end. */
    protected void refresh(Bundle... bundles) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundles), event -> done.countDown());
        assertTrue("refreshed", done.await(Plugins.BOUND.toSeconds(), TimeUnit.SECONDS));
    }

    /** The actions of a plan's steps, in order. */
    protected static List<Action> actions(Plan plan) {
        return plan.steps().stream().map(Plan.Step::action).toList();
    }
}
