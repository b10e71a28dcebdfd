package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;

/**
 * Plugins in every state before a restart of the framework, the same states and versions after it. Run by
 * subclasses that restart with the framework cache kept and with it wiped. Pax Exam starts a new framework for
 * each test method, on the same Plinth home, in an order of its own: so both methods do the same, and the
 * first start (on the empty store) installs while the second (after the restart) checks.
 */
public abstract class RestartScenario {

    private static final Map<Class<?>, Path> HOMES = new java.util.HashMap<>();

    @Inject
    private BundleContext context;

    /** The home of the scenario, made empty once per class (the framework restarts on it). */
    private static synchronized Path home(Class<?> test) throws IOException {
        Path home = HOMES.get(test);
        if (home == null) {
            home = PlinthRuntime.testHome(test, PlinthRuntime.QUICK_START_ETC);
            HOMES.put(test, home);
        }
        return home;
    }

    /**
     * What the framework does with its cache at each start ({@code org.osgi.framework.storage.clean}): {@code none}
     * keeps it, {@code onFirstInit} wipes it.
     */
    protected abstract String storageClean();

    @Configuration
    public Option[] configuration() throws IOException {
        Path home = home(getClass());
        Option[] base = PlinthRuntime.options(home);
        Option[] all = java.util.Arrays.copyOf(base, base.length + 2);
        all[base.length] = frameworkProperty("org.osgi.framework.storage").value(home.resolve("cache").toString());
        all[base.length + 1] = frameworkProperty("org.osgi.framework.storage.clean").value(storageClean());
        return all;
    }

    @Test
    public void oneStart() throws Exception {
        installOrVerify();
    }

    @Test
    public void anotherStart() throws Exception {
        installOrVerify();
    }

    private void installOrVerify() throws Exception {
        Plugins plugins = new Plugins(context);
        PluginManager manager = plugins.manager();
        Path firstStartDone = plugins.data().resolveSibling("first-start-done");
        if (Files.exists(firstStartDone)) {
            verifyAfterRestart();
        } else {
            assertEquals(List.of(), manager.plugins());
            install(manager);
            Files.createFile(firstStartDone);
        }
    }

    private void install(PluginManager manager) throws Exception {
        manager.install(Samples.uri(Samples.HELLO), OPTIONS.withEnable(true));
        manager.install(Samples.uri(Samples.GREETER_EN), OPTIONS.withEnable(true));
        manager.install(Samples.uri(Samples.GREETER_FR), OPTIONS);
        manager.install(Samples.uri("dev.plinth.sample.versioned-1"), OPTIONS.withEnable(true));
        manager.upgrade(Samples.VERSIONED, Samples.uri("dev.plinth.sample.versioned-2"), OPTIONS);
        manager.install(Samples.uri(Samples.THROWING), OPTIONS);
        assertThrows(PluginException.class, () -> manager.enable(Samples.THROWING, OPTIONS));

        assertEquals(expected(), states(manager));
    }

    private void verifyAfterRestart() throws Exception {
        Plugins plugins = new Plugins(context);
        PluginManager manager = plugins.manager();

        assertEquals(expected(), states(manager));
        assertEquals("Hello from Plinth!", plugins.command("sample:hello"));
        assertEquals("Hello, world!", plugins.command("english:greet"));
        assertEquals("versioned 2.0.0: HELLO, UPGRADED", plugins.command("versioned:show"));
        assertEquals(Bundle.RESOLVED, plugins.state(Samples.GREETER_FR));
        PluginInfo throwing = manager.get(Samples.THROWING);
        assertEquals("dev.plinth.sample.throwing 1.0.0 failed to start: IllegalStateException: the sample activator "
                + "fails on purpose", throwing.lastError());
        long managed = java.util.Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getLocation().startsWith("plinth:managed/")).count();
        assertEquals(6, managed);

        manager.rollback(Samples.VERSIONED, OPTIONS);
        assertEquals("versioned 1.0.0: hello", plugins.command("versioned:show"));
        manager.remove(Samples.GREETER_EN, OPTIONS);
        manager.remove(Samples.GREETER_FR, OPTIONS);
        assertNull("the orphaned library went with the last greeter", plugins.bundle(Samples.GREETING));
    }

    private static Map<String, String> expected() {
        Map<String, String> expected = new TreeMap<>();
        expected.put(Samples.HELLO, "plugin 1.0.0 enabled");
        expected.put(Samples.GREETER_EN, "plugin 1.0.0 enabled");
        expected.put(Samples.GREETER_FR, "plugin 1.0.0 installed");
        expected.put(Samples.GREETING, "library 1.0.0 enabled");
        expected.put(Samples.VERSIONED, "plugin 2.0.0 enabled (rollback to 1.0.0)");
        expected.put(Samples.THROWING, "plugin 1.0.0 failed");
        return expected;
    }

    private static Map<String, String> states(PluginManager manager) {
        Map<String, String> states = new TreeMap<>();
        java.util.List<PluginInfo> all = new java.util.ArrayList<>(manager.plugins());
        all.addAll(manager.libraries());
        for (PluginInfo info : all) {
            String state = info.kind().label() + " " + info.version() + " " + info.state().label()
                    + (info.previousVersion() == null ? "" : " (rollback to " + info.previousVersion() + ")");
            states.put(info.id(), state);
        }
        return states;
    }
}
