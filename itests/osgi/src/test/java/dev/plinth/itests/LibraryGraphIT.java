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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import dev.plinth.api.extension.LibrarySource;
import dev.plinth.api.Operation;
import dev.plinth.api.Plan;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;
import dev.plinth.common.testing.BundleJar;

/**
 * How the manager counts, adds, replaces and drops libraries, and which providers it starts: libraries of libraries,
 * plugins that do not resolve, a new version that needs another version of a library, plugins that must move
 * together. The libraries come from a source the test registers, offering every jar of its folder.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LibraryGraphIT extends PluginsFixture {

    private Path libraries;
    private ServiceRegistration<LibrarySource> source;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(LibraryGraphIT.class);
    }

    @Before
    public void setUp() throws IOException {
        libraries = Files.createTempDirectory(plugins.data(), "libraries");
        source = context.registerService(LibrarySource.class, requirement -> jarsIn(libraries),
                FrameworkUtil.asDictionary(Map.of()));
    }

    @After
    public void unregisterTheLibrarySource() {
        source.unregister();
    }

    @Test
    public void anUpgradeKeepsTheLibrariesTheLibrariesItKeepsNeed() throws Exception {
        BundleJar.bundle("t.l1", "1.0.0").exports("t.l1;version=1.0").imports("t.l2;version=\"[1,2)\"")
                .writeInto(libraries);
        BundleJar.bundle("t.l2", "1.0.0").exports("t.l2;version=1.0").writeInto(libraries);
        manager.install(plugin("t.p", "1.0.0", "t.l1;version=\"[1,2)\"").toUri(), OPTIONS.withEnable(true));

        Plan plan = manager.upgrade("t.p", plugin("t.p", "2.0.0", "t.l1;version=\"[1,2)\"").toUri(), OPTIONS);

        assertFalse(plan.toString(), actions(plan).contains(Action.DROP_LIBRARY));
        assertEquals(Bundle.ACTIVE, plugins.state("t.p"));
        assertEquals(Bundle.ACTIVE, plugins.state("t.l1"));
        assertEquals(Bundle.ACTIVE, plugins.state("t.l2"));
        assertEquals("2.0.0", manager.get("t.p").version());
    }

    @Test
    public void aLibraryAPluginThatDoesNotResolveNeedsIsKeptWhenAnotherPluginGoes() throws Exception {
        BundleJar.bundle("t.lib", "1.0.0").exports("t.lib;version=1.0").writeInto(libraries);
        Bundle outside = context.installBundle("test:outside",
                Files.newInputStream(BundleJar.bundle("t.outside", "1.0.0").exports("t.ext").writeInto(jars)));
        manager.install(plugin("t.u", "1.0.0", "t.lib;version=\"[1,2)\",t.ext").toUri(), OPTIONS.withEnable(true));
        manager.install(plugin("t.z", "1.0.0", null).toUri(), OPTIONS.withEnable(true));
        outside.uninstall();
        refresh(outside);
        assertEquals("t.u lost its provider", Bundle.INSTALLED, plugins.state("t.u"));

        Plan plan = manager.remove("t.z", OPTIONS);

        assertEquals(List.of(Action.STOP, Action.UNINSTALL), actions(plan));
        assertNotNull(plugins.bundle("t.lib"));
        assertEquals(PluginKind.LIBRARY, manager.get("t.lib").kind());
    }

    @Test
    public void enableAddsTheLibrariesAPluginThatDoesNotResolveLacks() throws Exception {
        Bundle outside = context.installBundle("test:outside-2",
                Files.newInputStream(BundleJar.bundle("t.outside", "1.0.0").exports("t.ext").writeInto(jars)));
        manager.install(plugin("t.u", "1.0.0", "t.ext").toUri(), OPTIONS.withEnable(true));
        outside.uninstall();
        refresh(outside);
        assertEquals(Bundle.INSTALLED, plugins.state("t.u"));
        BundleJar.bundle("t.ext.lib", "1.0.0").exports("t.ext").writeInto(libraries);

        Plan plan = manager.enable("t.u", OPTIONS);

        assertEquals(List.of(Action.ADD_LIBRARY, Action.START, Action.START), actions(plan));
        assertEquals("t.ext.lib", plan.steps().get(0).id());
        assertEquals(Bundle.ACTIVE, plugins.state("t.u"));
        assertEquals(PluginKind.LIBRARY, manager.get("t.ext.lib").kind());
        assertEquals(List.of("t.ext.lib"), manager.get("t.u").requires());
    }

    @Test
    public void anUpgradeReplacesALibraryOnlyItUsesByTheVersionItNeeds() throws Exception {
        BundleJar.bundle("t.lib", "1.0.0").exports("t.lib;version=1.0").writeInto(libraries);
        BundleJar.bundle("t.lib", "2.0.0").exports("t.lib;version=2.0").writeInto(libraries);
        manager.install(plugin("t.app", "1.0.0", "t.lib;version=\"[1,2)\"").toUri(), OPTIONS.withEnable(true));
        assertEquals("1.0.0", manager.get("t.lib").version());

        Plan plan = manager.upgrade("t.app", plugin("t.app", "2.0.0", "t.lib;version=\"[2,3)\"").toUri(), OPTIONS);

        assertTrue(plan.toString(), plan.steps().contains(new Plan.Step(Action.UPDATE, "t.lib", "2.0.0",
                "from 1.0.0, needed by t.app")));
        assertFalse(actions(plan).contains(Action.DROP_LIBRARY));
        assertEquals(Bundle.ACTIVE, plugins.state("t.app"));
        assertEquals(Bundle.ACTIVE, plugins.state("t.lib"));
        assertEquals("2.0.0", manager.get("t.lib").version());
        assertEquals(PluginKind.LIBRARY, manager.get("t.lib").kind());
        assertEquals(List.of("t.lib"), manager.get("t.app").requires());

        manager.rollback("t.app", OPTIONS);

        assertEquals("1.0.0", manager.get("t.app").version());
        assertEquals(Bundle.ACTIVE, plugins.state("t.app"));
        assertEquals("1.0.0", manager.get("t.lib").version());
    }

    @Test
    public void aLibraryIsNotReplacedUnderAPluginThatNeedsItsVersion() throws Exception {
        BundleJar.bundle("t.lib", "1.0.0").exports("t.lib;version=1.0").writeInto(libraries);
        Path lib2 = BundleJar.bundle("t.lib", "2.0.0").exports("t.lib;version=2.0").writeInto(libraries);
        manager.install(plugin("t.app", "1.0.0", "t.lib;version=\"[1,2)\"").toUri(), OPTIONS.withEnable(true));
        manager.install(plugin("t.other", "1.0.0", "t.lib;version=\"[1,2)\"").toUri(), OPTIONS.withEnable(true));

        PluginException refused = assertThrows(PluginException.class, () -> manager.upgrade("t.app",
                plugin("t.app", "2.0.0", "t.lib;version=\"[2,3)\"").toUri(), OPTIONS));
        PluginException direct = assertThrows(PluginException.class,
                () -> manager.upgrade("t.lib", lib2.toUri(), OPTIONS));

        assertEquals(Code.HAS_DEPENDENTS, refused.code());
        assertEquals("plugin t.other 1.0.0 needs package t.lib [1.0.0,2.0.0), which library t.lib 2.0.0 does not offer "
                + "(t.app needs library t.lib 2.0.0, and two versions of one library are not installed side by side)",
                refused.getMessage());
        assertEquals(Code.HAS_DEPENDENTS, direct.code());
        assertTrue(direct.getMessage(), direct.getMessage().contains("which library t.lib 2.0.0 does not offer"));
        assertEquals("1.0.0", manager.get("t.app").version());
        assertEquals("1.0.0", manager.get("t.lib").version());
        assertEquals(Bundle.ACTIVE, plugins.state("t.app"));
        assertEquals(Bundle.ACTIVE, plugins.state("t.other"));
    }

    @Test
    public void aProviderUsedThroughALibraryIsDisabledAndRemovedOnceItsPluginsAre() throws Exception {
        BundleJar.bundle("t.gl", "1.0.0").exports("t.gl").imports("t.gp").writeInto(libraries);
        manager.install(BundleJar.bundle("t.gp", "1.0.0").exports("t.gp").writeInto(jars).toUri(),
                OPTIONS.withEnable(true));
        manager.install(plugin("t.gc", "1.0.0", "t.gl").toUri(), OPTIONS.withEnable(true));

        PluginException refused = assertThrows(PluginException.class, () -> manager.disable("t.gp", OPTIONS));
        assertEquals("cannot disable t.gp: enabled plugins depend on it: t.gc (disable them first, or use --cascade)",
                refused.getMessage());
        manager.disable("t.gc", OPTIONS);
        manager.disable("t.gp", OPTIONS);

        assertEquals(PluginState.INSTALLED, manager.get("t.gp").state());
        List<dev.plinth.api.BatchResult> removed = manager.removeAll(List.of("t.gc", "t.gp"), OPTIONS);
        assertTrue(removed.toString(), removed.stream().allMatch(dev.plinth.api.BatchResult::succeeded));
        assertNull(plugins.bundle("t.gl"));
        assertTrue(manager.plugins().isEmpty());
    }

    @Test
    public void installWithEnableStartsTheProviderTheResolverWires() throws Exception {
        manager.install(BundleJar.bundle("e.api.one", "1.0.0").exports("e.api;version=1.0").writeInto(jars).toUri(),
                OPTIONS);
        manager.install(BundleJar.bundle("e.api.two", "1.1.0").exports("e.api;version=1.1").writeInto(jars).toUri(),
                OPTIONS);

        Plan plan = manager.install(plugin("e.consumer", "1.0.0", "e.api;version=\"[1,2)\"").toUri(),
                OPTIONS.withEnable(true));

        assertEquals(new Plan.Step(Action.START, "e.api.two", "1.1.0", "needed by e.consumer"), plan.steps().get(1));
        assertEquals(List.of("e.api.two"), manager.get("e.consumer").requires());
        assertEquals(Bundle.ACTIVE, plugins.state("e.api.two"));
        assertEquals(Bundle.RESOLVED, plugins.state("e.api.one"));
        assertEquals(PluginState.ENABLED, manager.get("e.api.two").state());
    }

    @Test
    public void anUpgradeThatNewlyNeedsADisabledProviderStartsIt() throws Exception {
        manager.install(BundleJar.bundle("t.prov", "1.0.0").exports("t.prov").writeInto(jars).toUri(), OPTIONS);
        manager.install(plugin("t.app", "1.0.0", null).toUri(), OPTIONS.withEnable(true));

        Plan plan = manager.upgrade("t.app", plugin("t.app", "2.0.0", "t.prov").toUri(), OPTIONS);

        assertTrue(plan.toString(), plan.steps().contains(new Plan.Step(Action.START, "t.prov", "1.0.0",
                "needed by t.app")));
        assertEquals(Bundle.ACTIVE, plugins.state("t.prov"));
        assertEquals(Bundle.ACTIVE, plugins.state("t.app"));
        assertEquals(PluginState.ENABLED, manager.get("t.prov").state());
    }

    @Test
    public void pluginsThatMustMoveTogetherAreUpgradedTogether() throws Exception {
        manager.install(BundleJar.bundle("t.pb", "1.0.0").exports("t.pb;version=1.0").writeInto(jars).toUri(),
                OPTIONS.withEnable(true));
        manager.install(plugin("t.pa", "1.0.0", "t.pb;version=\"[1,2)\"").toUri(), OPTIONS.withEnable(true));
        URI pb2 = BundleJar.bundle("t.pb", "2.0.0").exports("t.pb;version=2.0").writeInto(jars).toUri();
        URI pa2 = plugin("t.pa", "2.0.0", "t.pb;version=\"[2,3)\"").toUri();

        PluginException alone = assertThrows(PluginException.class, () -> manager.upgrade("t.pb", pb2, OPTIONS));
        PluginException other = assertThrows(PluginException.class, () -> manager.upgrade("t.pa", pa2, OPTIONS));

        assertEquals(Code.HAS_DEPENDENTS, alone.code());
        assertEquals("plugin t.pa 1.0.0 needs package t.pb [1.0.0,2.0.0), which plugin t.pb 2.0.0 does not offer "
                + "(t.pa would have to change to a version that suits it in the same operation, as plugin:update and "
                + "plugin:apply do from a catalogue)", alone.getMessage());
        assertEquals(Code.UNRESOLVED, other.code());
        assertEquals("1.0.0", manager.get("t.pb").version());

        Map<String, URI> together = new LinkedHashMap<>();
        together.put("t.pa", pa2);
        together.put("t.pb", pb2);
        Plan simulated = manager.upgradeTogether(together, OPTIONS.withSimulate(true));
        assertEquals("1.0.0", manager.get("t.pa").version());
        Plan plan = manager.upgradeTogether(together, OPTIONS);

        assertEquals(actions(simulated), actions(plan));
        assertEquals(List.of(Action.STOP, Action.STOP, Action.UPDATE, Action.UPDATE, Action.START, Action.START),
                actions(plan));
        assertEquals("2.0.0", manager.get("t.pa").version());
        assertEquals("2.0.0", manager.get("t.pb").version());
        assertEquals(Bundle.ACTIVE, plugins.state("t.pa"));
        assertEquals(Bundle.ACTIVE, plugins.state("t.pb"));
        List<Operation> history = manager.history(2);
        assertEquals(List.of("t.pa", "t.pb"), history.stream().map(Operation::target).sorted().toList());
        assertTrue(history.stream().allMatch(entry -> entry.outcome() == Operation.Outcome.SUCCEEDED
                && "1.0.0".equals(entry.fromVersion()) && "2.0.0".equals(entry.toVersion())));
    }

    private Path plugin(String id, String version, String imports) {
        BundleJar jar = BundleJar.bundle(id, version);
        return (imports == null ? jar : jar.imports(imports)).writeInto(jars);
    }

    private static List<URI> jarsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().map(Path::toUri).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
