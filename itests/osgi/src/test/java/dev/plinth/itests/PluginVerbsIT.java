package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.FrameworkWiring;

import dev.plinth.api.Plan;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;
import dev.plinth.common.testing.BundleJar;

/** Every row of the verb table, its failure column included, against the real manager in a real Felix. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginVerbsIT extends PluginsFixture {

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(PluginVerbsIT.class,
                Map.of(PlinthRuntime.MANAGER_SETTINGS, PlinthRuntime.QUICK_START + "hook.timeout.ms = 1000\n"));
    }

    @Test
    public void installAddsThePluginAndTheLibraryItNeeds() throws Exception {
        Plan plan = manager.install(Samples.uri(Samples.GREETER_EN), OPTIONS.withEnable(true));

        assertEquals(List.of(Action.ADD_LIBRARY, Action.INSTALL, Action.START, Action.START), actions(plan));
        assertEquals(Samples.GREETING, plan.steps().get(0).id());
        assertEquals("needed by " + Samples.GREETER_EN, plan.steps().get(0).reason());
        assertFalse(plan.simulated());
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETER_EN));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETING));
        assertEquals("Hello, Ada!", plugins.command("english:greet Ada"));
        PluginInfo library = manager.get(Samples.GREETING);
        assertEquals(PluginKind.LIBRARY, library.kind());
        assertEquals(List.of(Samples.GREETER_EN), library.requiredBy());
        PluginInfo plugin = manager.get(Samples.GREETER_EN);
        assertEquals(PluginState.ENABLED, plugin.state());
        assertTrue(plugin.requires().contains(Samples.GREETING));
        assertTrue(Files.exists(plugins.store().resolve("artifacts").resolve(plugin.sha256() + ".jar")));
    }

    @Test
    public void aSimulatedInstallReturnsThePlanAndChangesNothing() throws Exception {
        int bundles = context.getBundles().length;
        long artifacts = artifacts();

        Plan plan = manager.install(Samples.uri(Samples.GREETER_EN), OPTIONS.withEnable(true).withSimulate(true));

        assertTrue(plan.simulated());
        assertEquals(4, plan.steps().size());
        assertEquals(bundles, context.getBundles().length);
        assertEquals(artifacts, artifacts());
        assertTrue(manager.find(Samples.GREETER_EN).isEmpty());
        assertNull(plugins.bundle(Samples.GREETING));
    }

    @Test
    public void anArchiveThatIsNotABundleIsRefusedAndChangesNothing() throws Exception {
        Path text = Files.writeString(jars.resolve("notes.jar"), "not a jar at all");
        Path plain = BundleJar.bundle("ignored", "1.0.0").header("Bundle-SymbolicName", "").writeInto(jars);
        int bundles = context.getBundles().length;

        PluginException notZip = assertThrows(PluginException.class, () -> manager.install(text.toUri(), OPTIONS));
        PluginException noName = assertThrows(PluginException.class, () -> manager.install(plain.toUri(), OPTIONS));
        PluginException missing = assertThrows(PluginException.class,
                () -> manager.install(jars.resolve("absent.jar").toUri(), OPTIONS));

        assertEquals(Code.INVALID_ARCHIVE, notZip.code());
        assertTrue(notZip.getMessage(), notZip.getMessage().contains("notes.jar is not a valid jar"));
        assertEquals(Code.INVALID_ARCHIVE, noName.code());
        assertTrue(noName.getMessage(), noName.getMessage().contains("no Bundle-SymbolicName"));
        assertEquals(Code.NOT_FOUND, missing.code());
        assertEquals(bundles, context.getBundles().length);
        try (Stream<Path> temp = Files.list(plugins.store().resolve("tmp"))) {
            assertEquals(0, temp.count());
        }
    }

    @Test
    public void anInstallWhoseLifecycleHookFailsIsUndone() throws Exception {
        Path broken = BundleJar.bundle("test.hooked", "1.0.0").imports("org.osgi.framework")
                .header("Plinth-Lifecycle", "dev.plinth.sample.throwing.ThrowingActivator")
                .classFrom(Samples.jar(Samples.THROWING), "dev.plinth.sample.throwing.ThrowingActivator")
                .writeInto(jars);
        int bundles = context.getBundles().length;

        PluginException failure = assertThrows(PluginException.class,
                () -> manager.install(broken.toUri(), OPTIONS.withEnable(true)));

        assertEquals(Code.HOOK_FAILED, failure.code());
        assertEquals("test.hooked: the installed hook failed: IllegalStateException: "
                + "dev.plinth.sample.throwing.ThrowingActivator does not implement dev.plinth.api.plugin.PluginLifecycle",
                failure.getMessage());
        assertEquals(bundles, context.getBundles().length);
        assertTrue(manager.find("test.hooked").isEmpty());
    }

    @Test
    public void theDataDirectoryExistsWhenTheFirstHookRuns() throws Exception {
        Path first = BundleJar.bundle("test.datahook", "1.0.0").imports("dev.plinth.api.plugin")
                .header("Plinth-Lifecycle", DataWritingHook.class.getName()).classOf(DataWritingHook.class)
                .writeInto(jars);
        Path second = BundleJar.bundle("test.datahook", "2.0.0").imports("dev.plinth.api.plugin")
                .header("Plinth-Lifecycle", DataWritingHook.class.getName()).classOf(DataWritingHook.class)
                .writeInto(jars);

        manager.install(first.toUri(), OPTIONS);
        Path data = plugins.data().resolve("plugins").resolve("test.datahook");
        assertEquals("1.0.0", Files.readString(data.resolve("installed.txt")));
        Files.delete(data.resolve("installed.txt"));
        Files.delete(data);
        manager.upgrade("test.datahook", second.toUri(), OPTIONS);

        assertEquals("1.0.0 -> 2.0.0", Files.readString(data.resolve("upgraded.txt")));
        manager.remove("test.datahook", OPTIONS);
        assertFalse(Files.exists(data));
    }

    @Test
    public void aHookThatDoesNotFinishWithinItsBoundFailsTheInstall() throws Exception {
        Path slow = BundleJar.bundle("test.slowhook", "1.0.0").imports("dev.plinth.api.plugin")
                .header("Plinth-Lifecycle", SlowHook.class.getName()).classOf(SlowHook.class).writeInto(jars);
        int bundles = context.getBundles().length;

        long started = System.nanoTime();
        PluginException failure = assertThrows(PluginException.class, () -> manager.install(slow.toUri(), OPTIONS));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(Code.HOOK_FAILED, failure.code());
        assertEquals("test.slowhook: the installed hook did not finish within 1000 ms (hook.timeout.ms)",
                failure.getMessage());
        assertTrue("took " + millis + " ms", millis < 10_000);
        assertEquals(bundles, context.getBundles().length);
        assertTrue(manager.find("test.slowhook").isEmpty());
    }

    @Test
    public void aSecondInstallOfTheSamePluginIsRefused() throws Exception {
        manager.install(Samples.uri(Samples.HELLO), OPTIONS);

        PluginException duplicate = assertThrows(PluginException.class,
                () -> manager.install(Samples.uri(Samples.HELLO), OPTIONS));

        assertEquals(Code.DUPLICATE, duplicate.code());
        assertEquals("plugin dev.plinth.sample.hello 1.0.0 is already installed; use upgrade to replace it",
                duplicate.getMessage());
    }

    @Test
    public void anUnresolvablePluginIsExplainedInNamesAndNothingStaysInstalled() throws Exception {
        int bundles = context.getBundles().length;

        PluginException failure = assertThrows(PluginException.class,
                () -> manager.install(Samples.uri(Samples.UNRESOLVABLE), OPTIONS));

        assertEquals(Code.UNRESOLVED, failure.code());
        assertEquals("plugin dev.plinth.sample.unresolvable needs package dev.plinth.sample.missing [1.2.0,2.0.0), "
                + "which no installed plugin or library provides", failure.getMessage());
        assertEquals(bundles, context.getBundles().length);
        assertTrue(manager.find(Samples.UNRESOLVABLE).isEmpty());
        dev.plinth.api.Operation refusal = manager.history(1).get(0);
        assertEquals(Samples.UNRESOLVABLE, refusal.target());
        assertEquals(dev.plinth.api.Operation.Outcome.FAILED, refusal.outcome());
    }

    @Test
    public void theClosestCandidateIsNamedWhenOnlyAnotherVersionIsThere() throws Exception {
        manager.install(Samples.uri(Samples.GREETER_EN), OPTIONS);
        Path tooNew = BundleJar.bundle("test.needs.greeting2", "1.0.0")
                .imports("dev.plinth.sample.greeting;version=\"[2.0,3)\"").writeInto(jars);

        PluginException failure = assertThrows(PluginException.class, () -> manager.install(tooNew.toUri(), OPTIONS));

        assertEquals(Code.UNRESOLVED, failure.code());
        assertEquals("plugin test.needs.greeting2 needs package dev.plinth.sample.greeting [2.0.0,3.0.0), which no "
                + "installed plugin or library provides (closest: library dev.plinth.sample.greeting 1.0.0 has "
                + "version 1.0.0)", failure.getMessage());
    }

    @Test
    public void enableStartsTheDisabledPluginsItNeedsFirst() throws Exception {
        installBaseAndApp(false);

        Plan plan = manager.enable("test.app", OPTIONS);

        assertEquals(List.of(Action.START, Action.START), actions(plan));
        assertEquals("test.base", plan.steps().get(0).id());
        assertEquals("needed by test.app", plan.steps().get(0).reason());
        assertEquals(Bundle.ACTIVE, plugins.state("test.base"));
        assertEquals(Bundle.ACTIVE, plugins.state("test.app"));
        assertEquals(PluginState.ENABLED, manager.get("test.base").state());
        assertTrue(manager.enable("test.app", OPTIONS).empty());
    }

    @Test
    public void aFailedEnableStopsWhatItStartedAndLeavesThePluginFailedWithTheCause() throws Exception {
        manager.install(BundleJar.bundle("test.base", "1.0.0").exports("test.base;version=1.0").writeInto(jars).toUri(),
                OPTIONS);
        Path failing = BundleJar.bundle("test.failing", "1.0.0").imports("test.base;version=\"[1,2)\",org.osgi.framework")
                .header("Bundle-Activator", "dev.plinth.sample.throwing.ThrowingActivator")
                .classFrom(Samples.jar(Samples.THROWING), "dev.plinth.sample.throwing.ThrowingActivator")
                .writeInto(jars);
        manager.install(failing.toUri(), OPTIONS);

        PluginException failure = assertThrows(PluginException.class, () -> manager.enable("test.failing", OPTIONS));

        assertEquals(Code.START_FAILED, failure.code());
        assertEquals("test.failing 1.0.0 failed to start: IllegalStateException: the sample activator fails on "
                + "purpose", failure.getMessage());
        assertEquals(Bundle.RESOLVED, plugins.state("test.base"));
        assertEquals(Bundle.RESOLVED, plugins.state("test.failing"));
        PluginInfo info = manager.get("test.failing");
        assertEquals(PluginState.FAILED, info.state());
        assertEquals(failure.getMessage(), info.lastError());
        assertEquals(PluginState.INSTALLED, manager.get("test.base").state());
    }

    @Test
    public void aHangingActivatorIsReportedFailedAfterTheBoundAndTheRuntimeStaysResponsive() throws Exception {
        manager.install(Samples.uri(Samples.BLOCKING), OPTIONS);

        long started = System.nanoTime();
        PluginException failure = assertThrows(PluginException.class, () -> manager.enable(Samples.BLOCKING, OPTIONS));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(Code.START_FAILED, failure.code());
        assertEquals("dev.plinth.sample.blocking 1.0.0 did not start within 2000 ms (start.timeout.ms) and was "
                + "interrupted", failure.getMessage());
        assertTrue("took " + millis + " ms", millis < 10_000);
        assertEquals(PluginState.FAILED, manager.get(Samples.BLOCKING).state());
        manager.install(Samples.uri(Samples.HELLO), OPTIONS.withEnable(true));
        assertEquals("Hello from Plinth!", plugins.command("sample:hello"));
    }

    @Test
    public void aPluginStartedOutsideTheManagerIsListedStartingWhileItsActivatorRuns() throws Exception {
        manager.install(Samples.uri(Samples.BLOCKING), OPTIONS);
        Bundle blocking = plugins.bundle(Samples.BLOCKING);
        assertTrue(context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(blocking)));
        manager.install(Samples.uri(Samples.HELLO), OPTIONS); // its picture is taken after the resolve's
        Thread starter = new Thread(() -> {
            try {
                blocking.start(Bundle.START_TRANSIENT);
            } catch (Exception e) {
                // interrupted below: the activator fails
            }
        });
        starter.start();
        try {
            Await.until("the plugin listed as starting", Plugins.BOUND,
                    () -> manager.find(Samples.BLOCKING).map(PluginInfo::state).orElse(null) == PluginState.STARTING);
        } finally {
            starter.interrupt();
            starter.join(Plugins.BOUND.toMillis());
        }
        Await.until("the plugin listed as installed once its activator failed", Plugins.BOUND,
                () -> manager.find(Samples.BLOCKING).map(PluginInfo::state).orElse(null) == PluginState.INSTALLED);
        assertEquals(Bundle.RESOLVED, blocking.getState());
    }

    @Test
    public void disableIsRefusedWithTheDependentsNamesOrCascades() throws Exception {
        installBaseAndApp(true);

        PluginException refused = assertThrows(PluginException.class, () -> manager.disable("test.base", OPTIONS));

        assertEquals(Code.HAS_DEPENDENTS, refused.code());
        assertEquals("cannot disable test.base: enabled plugins depend on it: test.app (disable them first, or use "
                + "--cascade)", refused.getMessage());
        assertEquals(Bundle.ACTIVE, plugins.state("test.base"));
        assertEquals(Bundle.ACTIVE, plugins.state("test.app"));

        Plan plan = manager.disable("test.base", OPTIONS.withCascade(true));

        assertEquals(List.of("test.app", "test.base"), plan.steps().stream().map(Plan.Step::id).toList());
        assertEquals(List.of(Action.STOP, Action.STOP), actions(plan));
        assertEquals(Bundle.RESOLVED, plugins.state("test.base"));
        assertEquals(Bundle.RESOLVED, plugins.state("test.app"));
        assertEquals(PluginState.INSTALLED, manager.get("test.app").state());
    }

    @Test
    public void removeIsRefusedWithNamesOrCascadesAndDropsLibrariesNoPluginNeeds() throws Exception {
        manager.install(Samples.uri(Samples.GREETER_EN), OPTIONS.withEnable(true));
        manager.install(Samples.uri(Samples.GREETER_FR), OPTIONS.withEnable(true));

        PluginException refused = assertThrows(PluginException.class, () -> manager.remove(Samples.GREETING, OPTIONS));
        assertEquals(Code.HAS_DEPENDENTS, refused.code());
        assertTrue(refused.getMessage(), refused.getMessage().endsWith("plugins depend on it: "
                + "dev.plinth.sample.greeter.en, dev.plinth.sample.greeter.fr (remove them first, or use --cascade)"));

        Plan first = manager.remove(Samples.GREETER_EN, OPTIONS);
        assertFalse(actions(first).contains(Action.DROP_LIBRARY));
        assertNotNull("still needed by the French greeter", plugins.bundle(Samples.GREETING));
        assertEquals(List.of(Samples.GREETER_FR), manager.get(Samples.GREETING).requiredBy());

        Plan last = manager.remove(Samples.GREETER_FR, OPTIONS);
        assertEquals(List.of(Action.STOP, Action.UNINSTALL, Action.DROP_LIBRARY), actions(last));
        assertNull(plugins.bundle(Samples.GREETER_FR));
        assertNull(plugins.bundle(Samples.GREETING));
        assertTrue(manager.libraries().isEmpty());
    }

    @Test
    public void removeWithCascadeTakesTheDependentsAlong() throws Exception {
        installBaseAndApp(true);

        Plan plan = manager.remove("test.base", OPTIONS.withCascade(true));

        assertEquals(List.of(Action.STOP, Action.STOP, Action.UNINSTALL, Action.UNINSTALL), actions(plan));
        assertNull(plugins.bundle("test.app"));
        assertNull(plugins.bundle("test.base"));
        assertTrue(manager.plugins().isEmpty());
    }

    @Test
    public void upgradeRefreshesOnlyTheDependencyClosureAndRestoresStates() throws Exception {
        installBaseAndApp(true);
        manager.install(Samples.uri(Samples.HELLO), OPTIONS.withEnable(true));
        long helloModified = plugins.bundle(Samples.HELLO).getLastModified();
        Path base2 = BundleJar.bundle("test.base", "2.0.0").exports("test.base;version=1.1").writeInto(jars);

        Plan plan = manager.upgrade("test.base", base2.toUri(), OPTIONS);

        assertEquals(java.util.Set.of("test.base 1.0.0", "test.app 1.0.0"), java.util.Set.copyOf(plan.refresh()));
        assertEquals(List.of(Action.STOP, Action.STOP, Action.UPDATE, Action.START, Action.START), actions(plan));
        assertEquals("2.0.0", plugins.bundle("test.base").getVersion().toString());
        assertEquals(Bundle.ACTIVE, plugins.state("test.base"));
        assertEquals(Bundle.ACTIVE, plugins.state("test.app"));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.HELLO));
        assertEquals(helloModified, plugins.bundle(Samples.HELLO).getLastModified());
        assertEquals("1.0.0", manager.get("test.base").previousVersion());
    }

    @Test
    public void anUpgradeThatNoLongerNeedsALibraryDropsIt() throws Exception {
        Path libraries = jars.resolve("libraries");
        BundleJar.bundle("test.lib", "1.0.0").exports("test.libpkg;version=1.0").writeInto(libraries);
        org.osgi.service.cm.Configuration folders = context.getService(context.getServiceReference(
                org.osgi.service.cm.ConfigurationAdmin.class)).getConfiguration("dev.plinth.manager.libraries", "?");
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put("directories", new String[] {libraries.toString()});
        folders.update(properties);
        try {
            URI user1 = BundleJar.bundle("test.user", "1.0.0").imports("test.libpkg").writeInto(jars).toUri();
            URI user2 = BundleJar.bundle("test.user", "2.0.0").writeInto(jars.resolve("v2")).toUri();
            Await.until("the library folder is used", Plugins.BOUND, () -> {
                try {
                    return manager.install(user1, OPTIONS.withSimulate(true)).steps().get(0).action() == Action.ADD_LIBRARY;
                } catch (PluginException e) {
                    return false;
                }
            });

            Plan install = manager.install(user1, OPTIONS.withEnable(true));
            assertEquals(Action.ADD_LIBRARY, install.steps().get(0).action());
            assertEquals(Bundle.ACTIVE, plugins.state("test.lib"));

            Plan upgrade = manager.upgrade("test.user", user2, OPTIONS);

            assertEquals(Action.DROP_LIBRARY, upgrade.steps().get(upgrade.steps().size() - 1).action());
            assertNull(plugins.bundle("test.lib"));
            assertTrue(manager.libraries().isEmpty());
            assertEquals(Bundle.ACTIVE, plugins.state("test.user"));
        } finally {
            folders.delete();
        }
    }

    @Test
    public void anUpgradeThatFailsPartWayRestoresTheOldVersionAndStates() throws Exception {
        installBaseAndApp(true);
        Path unresolvable = BundleJar.bundle("test.base", "2.0.0").exports("test.base;version=1.1")
                .imports("test.missing").writeInto(jars.resolve("unresolvable"));
        Path throwing = BundleJar.bundle("test.base", "3.0.0").exports("test.base;version=1.1")
                .imports("org.osgi.framework")
                .header("Bundle-Activator", "dev.plinth.sample.throwing.ThrowingActivator")
                .classFrom(Samples.jar(Samples.THROWING), "dev.plinth.sample.throwing.ThrowingActivator")
                .writeInto(jars);

        List<org.osgi.service.event.Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Hashtable<String, Object> topics = new java.util.Hashtable<>();
        topics.put(org.osgi.service.event.EventConstants.EVENT_TOPIC, "dev/plinth/plugin/UPGRADE");
        var registration = context.registerService(org.osgi.service.event.EventHandler.class, events::add, topics);
        PluginException unresolved;
        PluginException failedStart;
        try {
            unresolved = assertThrows(PluginException.class,
                    () -> manager.upgrade("test.base", unresolvable.toUri(), OPTIONS));
            failedStart = assertThrows(PluginException.class,
                    () -> manager.upgrade("test.base", throwing.toUri(), OPTIONS));
            Await.until("two events", Plugins.BOUND, () -> events.size() >= 2);
        } finally {
            registration.unregister();
        }
        for (org.osgi.service.event.Event event : events) {
            assertEquals("1.0.0", event.getProperty("plugin.version"));
            assertNull("nothing changed, so no previous version", event.getProperty("plugin.previous.version"));
        }

        assertEquals(Code.UNRESOLVED, unresolved.code());
        assertEquals("plugin test.base needs package test.missing, which no installed plugin or library provides",
                unresolved.getMessage());
        assertEquals(Code.START_FAILED, failedStart.code());
        assertEquals("1.0.0", plugins.bundle("test.base").getVersion().toString());
        assertEquals(Bundle.ACTIVE, plugins.state("test.base"));
        assertEquals(Bundle.ACTIVE, plugins.state("test.app"));
        PluginInfo base = manager.get("test.base");
        assertEquals("1.0.0", base.version());
        assertNull(base.previousVersion());
        List<dev.plinth.api.Operation> history = manager.history(2);
        assertEquals(List.of("1.0.0 -> 2.0.0 failed", "1.0.0 -> 3.0.0 failed"), history.stream()
                .map(o -> o.fromVersion() + " -> " + o.toVersion() + " " + o.outcome().label()).toList());
    }

    @Test
    public void rollbackReturnsToThePreviousVersionFromTheKeptArchive() throws Exception {
        PluginException none = assertThrows(PluginException.class, () -> {
            manager.install(Samples.uri("dev.plinth.sample.versioned-1"), OPTIONS.withEnable(true));
            manager.rollback(Samples.VERSIONED, OPTIONS);
        });
        assertEquals(Code.NO_PREVIOUS_VERSION, none.code());
        assertEquals("versioned 1.0.0: hello", plugins.command("versioned:show"));
        Path data = plugins.data().resolve("plugins").resolve(Samples.VERSIONED);
        assertEquals("1.0.0", Files.readString(data.resolve("installed.txt")));

        manager.upgrade(Samples.VERSIONED, Samples.uri("dev.plinth.sample.versioned-2"), OPTIONS);
        assertEquals("versioned 2.0.0: HELLO, UPGRADED", plugins.command("versioned:show"));
        assertEquals("1.0.0 -> 2.0.0", Files.readString(data.resolve("migrated.txt")));
        assertEquals("1.0.0", manager.get(Samples.VERSIONED).previousVersion());

        Plan plan = manager.rollback(Samples.VERSIONED, OPTIONS);

        assertTrue(actions(plan).contains(Action.UPDATE));
        assertEquals("versioned 1.0.0: hello", plugins.command("versioned:show"));
        assertEquals("2.0.0 -> 1.0.0", Files.readString(data.resolve("migrated.txt")));
        PluginInfo info = manager.get(Samples.VERSIONED);
        assertEquals("1.0.0", info.version());
        assertEquals("2.0.0", info.previousVersion());

        manager.remove(Samples.VERSIONED, OPTIONS);
        assertFalse("the plugin's data goes with it", Files.exists(data));
    }

    @Test
    public void anUnmanagedBundleUnderAPluginsNameIsNamedInTheWarningWithTheCommandThatRemovesIt() throws Exception {
        manager.install(Samples.uri(Samples.HELLO), OPTIONS);
        Bundle namesake = context.installBundle("test:namesake", Files.newInputStream(
                BundleJar.bundle(Samples.HELLO, "9.9.9").writeInto(jars)));
        try {
            Path log = Path.of(context.getProperty("plinth.log"), "plinth.log");
            String warning = Samples.HELLO + " 9.9.9 was installed by " + context.getBundle().getSymbolicName()
                    + ", not by the plugin manager, under the name of bundle " + plugins.bundle(Samples.HELLO)
                    .getBundleId() + " (" + Samples.HELLO + " 1.0.0): plugin:list shows only that one, and "
                    + "plugin:remove " + Samples.HELLO + " removes that one; remove this bundle from the Gogo shell "
                    + "with uninstall " + namesake.getBundleId();
            Await.until("the warning naming the listed bundle", Plugins.BOUND,
                    () -> FileText.orEmpty(log).contains(warning));
            assertEquals("1.0.0", manager.get(Samples.HELLO).version());
        } finally {
            namesake.uninstall();
        }
    }

    @Test
    public void anUnmanagedBundleIsRemovedWhenNamedAndNothingUnmanagedNeedsIt() throws Exception {
        Bundle foreign = context.installBundle("test:foreign.api", Files.newInputStream(
                BundleJar.bundle("test.foreign.api", "1.0.0").exports("test.foreign.api").writeInto(jars)));
        Bundle user = context.installBundle("test:foreign.user", Files.newInputStream(
                BundleJar.bundle("test.foreign.user", "1.0.0").imports("test.foreign.api").writeInto(jars)));
        try {
            user.start();
            PluginInfo shown = Await.until("the snapshot shows test.foreign.user", Plugins.BOUND,
                    () -> manager.find("test.foreign.user").orElse(null));
            assertEquals(PluginKind.UNMANAGED, shown.kind());
            assertEquals(context.getBundle().getSymbolicName(), shown.installedBy());

            PluginException needed = assertThrows(PluginException.class,
                    () -> manager.remove("test.foreign.api", OPTIONS));
            assertEquals(Code.PROTECTED, needed.code());
            assertTrue(needed.getMessage(), needed.getMessage().endsWith("need it: test.foreign.user"));
            assertEquals(Code.PROTECTED, assertThrows(PluginException.class,
                    () -> manager.remove("dev.plinth.manager", OPTIONS)).code());

            manager.remove("test.foreign.user", OPTIONS);
            assertEquals(Bundle.UNINSTALLED, user.getState());
            manager.remove("test.foreign.api", OPTIONS);
            assertEquals(Bundle.UNINSTALLED, foreign.getState());
            assertFalse(manager.find("test.foreign.api").isPresent());
        } finally {
            for (Bundle bundle : List.of(user, foreign)) {
                if (bundle.getState() != Bundle.UNINSTALLED) {
                    bundle.uninstall();
                }
            }
        }
    }

    @Test
    public void aBundleAtAManagedLocationThatTheManagerDidNotInstallIsNeverTakenForAPlugin() throws Exception {
        Bundle squatter = context.installBundle("plinth:managed/test.victim", Files.newInputStream(
                BundleJar.bundle("test.squatter", "6.6.6").writeInto(jars)));
        try {
            PluginInfo shown = Await.until("the snapshot shows the squatter", Plugins.BOUND,
                    () -> manager.find("test.victim").orElse(null));
            assertEquals(PluginKind.UNMANAGED, shown.kind());
            assertEquals(context.getBundle().getSymbolicName(), shown.installedBy());

            Path victim = BundleJar.bundle("test.victim", "1.0.0").writeInto(jars);
            PluginException refused = assertThrows(PluginException.class,
                    () -> manager.install(victim.toUri(), OPTIONS));
            assertTrue(refused.getMessage(), refused.getMessage().contains("is taken by test.squatter 6.6.6"));
            assertFalse(manager.plugins().stream().anyMatch(info -> info.id().equals("test.victim")));
            assertEquals("test.squatter", context.getBundle("plinth:managed/test.victim").getSymbolicName());
        } finally {
            squatter.uninstall();
        }
    }

    @Test
    public void systemAndUnmanagedBundlesAreShownButNeverTouched() throws Exception {
        Bundle foreign = context.installBundle("test:foreign",
                Files.newInputStream(BundleJar.bundle("test.foreign", "1.0.0").exports("test.foreign").writeInto(jars)));
        try {
            foreign.start();
            PluginInfo shown = Await.until("the snapshot shows test.foreign", Plugins.BOUND,
                    () -> manager.find("test.foreign").orElse(null));
            assertEquals(PluginKind.UNMANAGED, shown.kind());
            assertTrue(manager.unmanaged().stream().anyMatch(info -> info.id().equals("test.foreign")));
            assertFalse(manager.plugins().stream().anyMatch(info -> info.id().equals("test.foreign")));

            assertEquals(Code.PROTECTED, assertThrows(PluginException.class,
                    () -> manager.disable("test.foreign", OPTIONS)).code());
            assertEquals(Code.PROTECTED, assertThrows(PluginException.class,
                    () -> manager.remove("org.apache.felix.scr", OPTIONS)).code());
            Path sameName = BundleJar.bundle("test.foreign", "2.0.0").writeInto(jars.resolve("same"));
            assertEquals(Code.PROTECTED, assertThrows(PluginException.class,
                    () -> manager.install(sameName.toUri(), OPTIONS)).code());

            Path user = BundleJar.bundle("test.user", "1.0.0").imports("test.foreign").writeInto(jars);
            manager.install(user.toUri(), OPTIONS.withEnable(true));
            manager.remove("test.user", OPTIONS);
            assertEquals(Bundle.ACTIVE, foreign.getState());
            assertEquals("test:foreign", foreign.getLocation());
        } finally {
            foreign.uninstall();
        }
    }

    @Test
    public void infoShowsTheComponentsAndTheirUnsatisfiedReferences() throws Exception {
        Path withComponent = BundleJar.bundle("test.components", "1.0.0")
                .header("Service-Component", "OSGI-INF/waiting.xml")
                .entry("OSGI-INF/waiting.xml", "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" "
                        + "name=\"test.Waiting\" immediate=\"true\"><implementation class=\"test.Waiting\"/>"
                        + "<reference name=\"store\" interface=\"test.Store\" target=\"(kind=disk)\"/>"
                        + "</scr:component>")
                .writeInto(jars);
        manager.install(withComponent.toUri(), OPTIONS.withEnable(true));

        String info = Await.until("the component is known to SCR", Plugins.BOUND, () -> {
            try {
                String text = plugins.command("plugin:info test.components");
                return text.contains("test.Waiting") ? text : null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertTrue(info, info.contains("State:             enabled"));
        assertTrue(info, info.contains("test.Waiting  unsatisfied reference"));
        assertTrue(info, info.contains("missing reference store: test.Store (target (kind=disk))"));
    }

    @Test
    public void whyExplainsAnInstalledPluginThatLostItsProvider() throws Exception {
        Bundle foreign = context.installBundle("test:provider",
                Files.newInputStream(BundleJar.bundle("test.provider", "1.0.0").exports("test.provided;version=1.5")
                        .writeInto(jars)));
        manager.install(BundleJar.bundle("test.consumer", "1.0.0").imports("test.provided;version=\"[1.2,2)\"")
                .writeInto(jars).toUri(), OPTIONS);
        assertTrue(manager.diagnose("test.consumer").resolved());

        foreign.uninstall();
        refresh(foreign, plugins.bundle("test.consumer"));

        assertEquals(List.of("plugin test.consumer needs package test.provided [1.2.0,2.0.0), which no installed plugin "
                + "or library provides"), manager.diagnose("test.consumer").problems());
        assertTrue(plugins.command("plugin:why test.consumer").contains("cannot be resolved"));
    }

    @Test
    public void everyOperationIsPublishedOnEventAdminAndRecordedInTheHistory() throws Exception {
        List<org.osgi.service.event.Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Hashtable<String, Object> topics = new java.util.Hashtable<>();
        topics.put(org.osgi.service.event.EventConstants.EVENT_TOPIC, "dev/plinth/plugin/*");
        var registration = context.registerService(org.osgi.service.event.EventHandler.class, events::add, topics);
        try {
            manager.install(Samples.uri(Samples.THROWING), OPTIONS);
            assertThrows(PluginException.class, () -> manager.enable(Samples.THROWING, OPTIONS));

            Await.until("two events", Plugins.BOUND, () -> events.size() >= 2);
            org.osgi.service.event.Event installed = events.get(0);
            assertEquals("dev/plinth/plugin/INSTALL", installed.getTopic());
            assertEquals(Samples.THROWING, installed.getProperty("plugin.id"));
            assertEquals("1.0.0", installed.getProperty("plugin.version"));
            assertEquals(Boolean.TRUE, installed.getProperty("succeeded"));
            assertEquals("test", installed.getProperty("origin"));
            org.osgi.service.event.Event failed = events.get(1);
            assertEquals("dev/plinth/plugin/ENABLE", failed.getTopic());
            assertEquals(Boolean.FALSE, failed.getProperty("succeeded"));
            assertEquals("START_FAILED", failed.getProperty("error.code"));
            assertEquals("failed", failed.getProperty("plugin.state"));
        } finally {
            registration.unregister();
        }
        List<dev.plinth.api.Operation> history = manager.history(2);
        assertEquals(2, history.size());
        assertEquals(dev.plinth.api.Verb.INSTALL, history.get(0).verb());
        assertEquals(dev.plinth.api.Operation.Outcome.SUCCEEDED, history.get(0).outcome());
        assertEquals(dev.plinth.api.Verb.ENABLE, history.get(1).verb());
        assertEquals(dev.plinth.api.Operation.Outcome.FAILED, history.get(1).outcome());
        assertTrue(history.get(1).message().contains("the sample activator fails on purpose"));
        assertTrue(history.get(1).sequence() > history.get(0).sequence());
    }

    private void installBaseAndApp(boolean enable) throws Exception {
        manager.install(BundleJar.bundle("test.base", "1.0.0").exports("test.base;version=1.0").writeInto(jars).toUri(),
                OPTIONS.withEnable(enable));
        manager.install(BundleJar.bundle("test.app", "1.0.0").imports("test.base;version=\"[1,2)\"").writeInto(jars)
                .toUri(), OPTIONS.withEnable(enable));
    }

    private long artifacts() throws IOException {
        Path artifacts = plugins.store().resolve("artifacts");
        if (!Files.exists(artifacts)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(artifacts)) {
            return files.count();
        }
    }
}
