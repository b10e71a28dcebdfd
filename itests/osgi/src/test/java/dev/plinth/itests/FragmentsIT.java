package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Plan;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginState;
import dev.plinth.common.testing.BundleJar;

/**
 * Fragments (bundles with a {@code Fragment-Host} header) under the manager: they attach to their host (which is
 * refreshed, in the plan), are never started, and are shown as fragments of their host.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FragmentsIT extends PluginsFixture {

    private static final String HOST = "it.frag.host";
    private static final String FRAGMENT = "it.frag.fragment";
    private static final String MARKER = "it/frag/marker.txt";

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(FragmentsIT.class, PlinthRuntime.QUICK_START_ETC);
    }

    @Test
    public void aFragmentInstalledAfterItsRunningHostAttachesByARefreshOfTheHostThatThePlanShows() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));

        Plan plan = manager.install(fragment("1.0.0").toUri(), OPTIONS.withEnable(true));

        assertEquals(List.of(Action.STOP, Action.INSTALL, Action.START), actions(plan));
        assertEquals(List.of(HOST, FRAGMENT, HOST), plan.steps().stream().map(Plan.Step::id).toList());
        assertEquals("refreshed to attach " + FRAGMENT, plan.steps().get(0).reason());
        assertEquals("fragment of " + HOST, plan.steps().get(1).reason());
        assertEquals(List.of(HOST + " 1.0.0"), plan.refresh());
        assertEquals(Bundle.ACTIVE, plugins.state(HOST));
        assertEquals(Bundle.RESOLVED, plugins.state(FRAGMENT));
        assertEquals("the host sees the fragment's content", "fragment 1.0.0", marker());
        PluginInfo fragment = manager.get(FRAGMENT);
        assertEquals(HOST, fragment.fragmentHost());
        assertEquals(PluginState.ENABLED, fragment.state());
        assertEquals(List.of(HOST), fragment.requires());
        assertNull(manager.get(HOST).fragmentHost());
        assertTrue(manager.get(HOST).requiredBy().contains(FRAGMENT));
        String list = plugins.command("plugin:list");
        assertTrue(list, list.matches("(?s).*" + FRAGMENT + "\\s+1\\.0\\.0\\s+enabled\\s+plugin\\s+.*\\(fragment of "
                + HOST + "\\).*"));
        String info = plugins.command("plugin:info " + FRAGMENT);
        assertTrue(info, info.matches("(?s).*Fragment of:\\s+" + HOST + " .*"));
        assertTrue(plugins.command("plugin:list --json").contains("\"fragmentHost\": \"" + HOST + "\""));
    }

    @Test
    public void aFragmentIsNeverStartedEnableOnlyRecordsAndDisableIsRefused() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));
        manager.install(fragment("1.0.0").toUri(), OPTIONS);

        Plan enable = manager.enable(FRAGMENT, OPTIONS);
        PluginException disable = assertThrows(PluginException.class, () -> manager.disable(FRAGMENT, OPTIONS));

        assertTrue(enable.steps().isEmpty());
        assertEquals(Code.INVALID_INPUT, disable.code());
        assertTrue(disable.getMessage(), disable.getMessage().startsWith(FRAGMENT + " is a fragment of " + HOST
                + ": "));
        assertEquals(Bundle.RESOLVED, plugins.state(FRAGMENT));
        assertEquals(Bundle.ACTIVE, plugins.state(HOST));
        assertEquals(PluginState.ENABLED, manager.get(FRAGMENT).state());
        assertNull(manager.get(FRAGMENT).lastError());
    }

    @Test
    public void enablingAPluginThatNeedsAFragmentsPackageStartsTheHostNotTheFragment() throws Exception {
        manager.install(host().toUri(), OPTIONS);
        manager.install(BundleJar.bundle(FRAGMENT, "1.0.0").header("Fragment-Host", HOST)
                .exports("it.frag.api;version=1.0.0").entry("it/frag/api/marker.txt", "api").writeInto(jars).toUri(),
                OPTIONS);
        Path consumer = BundleJar.bundle("it.frag.consumer", "1.0.0").imports("it.frag.api;version=\"[1.0,2)\"")
                .writeInto(jars);

        Plan plan = manager.install(consumer.toUri(), OPTIONS.withEnable(true));

        assertEquals(List.of(Action.INSTALL, Action.START, Action.START), actions(plan));
        assertEquals(List.of("it.frag.consumer", HOST, "it.frag.consumer"),
                plan.steps().stream().map(Plan.Step::id).toList());
        assertEquals(Bundle.ACTIVE, plugins.state("it.frag.consumer"));
        assertEquals(Bundle.ACTIVE, plugins.state(HOST));
        assertEquals(Bundle.RESOLVED, plugins.state(FRAGMENT));
    }

    @Test
    public void aFragmentWhosePackageAPluginUsesIsNeitherRemovedNorUpgradedAwayFromUnderIt() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));
        manager.install(BundleJar.bundle(FRAGMENT, "1.0.0").header("Fragment-Host", HOST)
                .exports("it.frag.api;version=1.0.0").entry("it/frag/api/marker.txt", "api").writeInto(jars).toUri(),
                OPTIONS);
        manager.install(BundleJar.bundle("it.frag.consumer", "1.0.0").imports("it.frag.api").writeInto(jars).toUri(),
                OPTIONS.withEnable(true));
        Path withoutApi = BundleJar.bundle(FRAGMENT, "2.0.0").header("Fragment-Host", HOST)
                .writeInto(jars.resolve("2.0.0"));

        PluginException removal = assertThrows(PluginException.class, () -> manager.remove(FRAGMENT, OPTIONS));
        PluginException dryUpgrade = assertThrows(PluginException.class,
                () -> manager.upgrade(FRAGMENT, withoutApi.toUri(), OPTIONS.withSimulate(true)));
        PluginException upgrade = assertThrows(PluginException.class,
                () -> manager.upgrade(FRAGMENT, withoutApi.toUri(), OPTIONS));

        assertEquals(Code.HAS_DEPENDENTS, removal.code());
        assertTrue(removal.getMessage(), removal.getMessage().contains("it.frag.consumer"));
        assertEquals(Code.HAS_DEPENDENTS, dryUpgrade.code());
        assertTrue(dryUpgrade.getMessage(), dryUpgrade.getMessage().contains("it.frag.consumer"));
        assertEquals(Code.HAS_DEPENDENTS, upgrade.code());
        assertEquals("1.0.0", manager.get(FRAGMENT).version());
        assertEquals(Bundle.ACTIVE, plugins.state("it.frag.consumer"));
        assertEquals(List.of("it.frag.consumer"), manager.find(FRAGMENT).orElseThrow().requiredBy());
    }

    @Test
    public void aFragmentWithoutItsHostIsRefusedWithTheReasonAndNothingStays() throws Exception {
        int bundles = context.getBundles().length;

        PluginException refused = assertThrows(PluginException.class,
                () -> manager.install(fragment("1.0.0").toUri(), OPTIONS.withEnable(true)));

        assertEquals(Code.UNRESOLVED, refused.code());
        assertEquals("fragment " + FRAGMENT + " 1.0.0 attaches to " + HOST + ", which is not installed: install "
                + HOST + " first, or both in one batch", refused.getMessage());
        assertEquals(bundles, context.getBundles().length);
    }

    @Test
    public void removingAFragmentRefreshesItsHostWhichRunsOnWithoutIt() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));
        manager.install(fragment("1.0.0").toUri(), OPTIONS.withEnable(true));

        Plan plan = manager.remove(FRAGMENT, OPTIONS);

        assertEquals(List.of(Action.UNINSTALL), actions(plan));
        assertEquals(List.of(HOST + " 1.0.0"), plan.refresh());
        assertEquals(Bundle.UNINSTALLED, plugins.state(FRAGMENT));
        Await.until("the host runs again", Plugins.BOUND, () -> plugins.state(HOST) == Bundle.ACTIVE ? true : null);
        assertNull("the host no longer sees the fragment's content", plugins.bundle(HOST).getResource(MARKER));
    }

    @Test
    public void removingAHostIsRefusedWhileItsFragmentIsInstalledUnlessCascaded() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));
        manager.install(fragment("1.0.0").toUri(), OPTIONS.withEnable(true));

        PluginException refused = assertThrows(PluginException.class, () -> manager.remove(HOST, OPTIONS));
        Plan cascade = manager.remove(HOST, OPTIONS.withCascade(true));

        assertEquals(Code.HAS_DEPENDENTS, refused.code());
        assertTrue(refused.getMessage(), refused.getMessage().contains("plugins depend on it: " + FRAGMENT));
        assertEquals(List.of(Action.STOP, Action.UNINSTALL, Action.UNINSTALL), actions(cascade));
        assertEquals(Bundle.UNINSTALLED, plugins.state(HOST));
        assertEquals(Bundle.UNINSTALLED, plugins.state(FRAGMENT));
    }

    @Test
    public void upgradingAFragmentRefreshesItsHostAroundTheUpdate() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));
        manager.install(fragment("1.0.0").toUri(), OPTIONS.withEnable(true));

        Plan plan = manager.upgrade(FRAGMENT, fragment("2.0.0").toUri(), OPTIONS);

        assertEquals(List.of(Action.STOP, Action.UPDATE, Action.START), actions(plan));
        assertEquals(List.of(HOST, FRAGMENT, HOST), plan.steps().stream().map(Plan.Step::id).toList());
        assertTrue(plan.refresh().toString(), plan.refresh().contains(HOST + " 1.0.0"));
        assertEquals(Bundle.ACTIVE, plugins.state(HOST));
        assertEquals(Bundle.RESOLVED, plugins.state(FRAGMENT));
        assertEquals("fragment 2.0.0", marker());
        assertEquals("2.0.0", manager.get(FRAGMENT).version());
        assertEquals(PluginState.ENABLED, manager.get(FRAGMENT).state());
    }

    @Test
    public void aBatchWithHostAndFragmentInstallsInEitherOrder() throws Exception {
        for (boolean fragmentFirst : new boolean[] {true, false}) {
            List<java.net.URI> batch = fragmentFirst ? List.of(fragment("1.0.0").toUri(), host().toUri())
                    : List.of(host().toUri(), fragment("1.0.0").toUri());

            List<BatchResult> results = manager.installAll(batch, OPTIONS.withEnable(true));

            for (BatchResult result : results) {
                assertTrue(fragmentFirst + ": " + result.failure(), result.succeeded());
            }
            assertEquals(Bundle.ACTIVE, plugins.state(HOST));
            assertEquals(Bundle.RESOLVED, plugins.state(FRAGMENT));
            assertEquals("fragment 1.0.0", marker());
            assertEquals(PluginState.ENABLED, manager.get(FRAGMENT).state());
            plugins.removeAll();
        }
    }

    @Test
    public void aBatchWithAFragmentWhoseHostIsMissingSaysSo() throws Exception {
        List<BatchResult> results = manager.installAll(List.of(fragment("1.0.0").toUri()), OPTIONS.withEnable(true));

        assertEquals(Code.UNRESOLVED, results.get(0).failure().code());
        assertEquals("fragment " + FRAGMENT + " 1.0.0 attaches to " + HOST + ", which is not installed",
                results.get(0).failure().getMessage());
        assertEquals(Bundle.UNINSTALLED, plugins.state(FRAGMENT));
    }

    @Test
    public void aBatchWithOnlyTheFragmentAttachesItToTheRunningHost() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));

        List<BatchResult> results = manager.installAll(List.of(fragment("1.0.0").toUri()), OPTIONS.withEnable(true));

        assertTrue(String.valueOf(results.get(0).failure()), results.get(0).succeeded());
        assertEquals(Bundle.ACTIVE, plugins.state(HOST));
        assertEquals(Bundle.RESOLVED, plugins.state(FRAGMENT));
        assertEquals("fragment 1.0.0", marker());
    }

    @Test
    public void aHostUpgradeTheFragmentCouldNotFollowIsRefusedAndChangesNothing() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));
        manager.install(fragment("1.0.0").toUri(), OPTIONS);
        Path host2 = BundleJar.bundle(HOST, "2.0.0").writeInto(Files.createDirectories(jars.resolve("host2")));

        PluginException dryRun = assertThrows(PluginException.class,
                () -> manager.upgrade(HOST, host2.toUri(), OPTIONS.withSimulate(true)));
        PluginException refused = assertThrows(PluginException.class,
                () -> manager.upgrade(HOST, host2.toUri(), OPTIONS));

        assertEquals(Code.HAS_DEPENDENTS, refused.code());
        assertEquals(dryRun.getMessage(), refused.getMessage());
        assertTrue(refused.getMessage(), refused.getMessage().startsWith("plugin " + FRAGMENT + " 1.0.0 needs host "
                + HOST + " [1.0.0,2.0.0), which plugin " + HOST + " 2.0.0 does not offer"));
        assertEquals("fragment 1.0.0", marker());
        assertEquals("1.0.0", manager.get(HOST).version());
    }

    @Test
    public void aFragmentUpgradeNoInstalledHostTakesAndAKindChangeAreRefusedInTheDryRunToo() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));
        manager.install(fragment("1.0.0").toUri(), OPTIONS);
        Path forHost2 = BundleJar.bundle(FRAGMENT, "2.0.0").header("Fragment-Host", HOST + ";bundle-version=\"[2.0,3)\"")
                .writeInto(Files.createDirectories(jars.resolve("for-host2")));
        Path plain = BundleJar.bundle(FRAGMENT, "3.0.0").writeInto(Files.createDirectories(jars.resolve("plain")));

        PluginException dryRun = assertThrows(PluginException.class,
                () -> manager.upgrade(FRAGMENT, forHost2.toUri(), OPTIONS.withSimulate(true)));
        PluginException kind = assertThrows(PluginException.class,
                () -> manager.upgrade(FRAGMENT, plain.toUri(), OPTIONS));

        assertEquals(Code.UNRESOLVED, dryRun.code());
        assertEquals("fragment " + FRAGMENT + " 2.0.0 attaches to " + HOST + " [2.0.0,3.0.0), but " + HOST
                + " 1.0.0 is installed", dryRun.getMessage());
        assertEquals(Code.INVALID_ARCHIVE, kind.code());
        assertTrue(kind.getMessage(), kind.getMessage().startsWith(FRAGMENT + " 3.0.0 is not a fragment and 1.0.0 is "
                + "one (of " + HOST + "): an upgrade does not change what a bundle is"));
        assertEquals("fragment 1.0.0", marker());
    }

    @Test
    public void aFragmentWithALifecycleHookIsRefused() throws Exception {
        manager.install(host().toUri(), OPTIONS.withEnable(true));
        Path hooked = BundleJar.bundle(FRAGMENT, "1.0.0").header("Fragment-Host", HOST)
                .header("Plinth-Lifecycle", "it.frag.Hook").writeInto(Files.createDirectories(jars.resolve("hooked")));

        PluginException refused = assertThrows(PluginException.class, () -> manager.install(hooked.toUri(), OPTIONS));

        assertEquals(Code.INVALID_ARCHIVE, refused.code());
        assertTrue(refused.getMessage(), refused.getMessage().contains("names a lifecycle hook (Plinth-Lifecycle), "
                + "which a fragment cannot have"));
        assertTrue(manager.find(FRAGMENT).isEmpty());
    }

    private Path host() {
        return BundleJar.bundle(HOST, "1.0.0").writeInto(jars);
    }

    private Path fragment(String version) {
        return BundleJar.bundle(FRAGMENT, version).header("Fragment-Host", HOST + ";bundle-version=\"[1.0,2)\"")
                .entry(MARKER, "fragment " + version).writeInto(jars.resolve(version));
    }

    /** The marker as the host's class path has it: the fragment's when attached. */
    private String marker() throws IOException {
        URL url = plugins.bundle(HOST).getResource(MARKER);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
