package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;

import dev.plinth.api.Operation;
import dev.plinth.api.Plan;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;
import dev.plinth.api.Verb;
import dev.plinth.common.testing.BundleJar;

/**
 * The store holds the operator's intent and wins: disable and enable record it even when the framework already
 * matches, a restart undoes what was done behind the manager's back, a failed upgrade does not turn a disabled plugin
 * into a failed one, a rebuilt store keeps plugins plugins, a rollback keeps the source of the version it goes back to.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperatorIntentIT extends PluginsFixture {

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(OperatorIntentIT.class, PlinthRuntime.QUICK_START_ETC);
    }

    @After
    public void stopFailingOnDemand() {
        System.clearProperty(FailOnDemandActivator.FAIL);
    }

    @Test
    public void aPluginTheStoreWantsEnabledButThatCannotStartCanBeDisabled() throws Exception {
        manager.install(failOnDemand("t.cannot.start").toUri(), OPTIONS.withEnable(true));
        System.setProperty(FailOnDemandActivator.FAIL, "true");
        restartManager(() -> plugins.bundle("t.cannot.start").stop(Bundle.STOP_TRANSIENT));
        PluginInfo failed = manager.get("t.cannot.start");
        assertEquals(PluginState.FAILED, failed.state());

        Plan plan = manager.disable("t.cannot.start", OPTIONS);

        assertEquals(List.of(Action.RECORD), actions(plan));
        assertEquals("not running; recorded as disabled", plan.steps().get(0).reason());
        PluginInfo disabled = manager.get("t.cannot.start");
        assertEquals(PluginState.INSTALLED, disabled.state());
        assertNull(disabled.lastError());
        Operation recorded = manager.history(1).get(0);
        assertEquals(Verb.DISABLE, recorded.verb());
        assertEquals(Operation.Outcome.SUCCEEDED, recorded.outcome());
        List<String> changes = Files.readAllLines(plugins.store().resolve("state.changes.jsonl"));
        String committed = changes.get(changes.size() - 1);
        assertTrue(committed, committed.contains("{\"id\":\"t.cannot.start\",")
                && committed.contains("\"enabled\":false"));

        restartManager(() -> { });
        assertEquals("no start is tried at a restart", PluginState.INSTALLED, manager.get("t.cannot.start").state());
        assertNull(manager.get("t.cannot.start").lastError());

        System.clearProperty(FailOnDemandActivator.FAIL);
        Plan enable = manager.enable("t.cannot.start", OPTIONS);
        assertEquals(List.of(Action.START), actions(enable));
        assertEquals(Bundle.ACTIVE, plugins.state("t.cannot.start"));
    }

    @Test
    public void enablingAPluginThatRunsAlreadyRecordsTheWishAndARestartKeepsItRunning() throws Exception {
        manager.install(BundleJar.bundle("t.runs", "1.0.0").writeInto(jars).toUri(), OPTIONS);
        plugins.bundle("t.runs").start(Bundle.START_TRANSIENT);

        Plan plan = manager.enable("t.runs", OPTIONS);

        assertEquals(List.of(Action.RECORD), actions(plan));
        assertEquals("running already; recorded as enabled", plan.steps().get(0).reason());
        assertEquals(Verb.ENABLE, manager.history(1).get(0).verb());
        assertTrue(manager.enable("t.runs", OPTIONS).empty());
        restartManager(() -> plugins.bundle("t.runs").stop(Bundle.STOP_TRANSIENT));
        assertEquals(Bundle.ACTIVE, plugins.state("t.runs"));
    }

    @Test
    public void aRestartStopsForGoodADisabledPluginStartedBehindTheManagersBack() throws Exception {
        manager.install(BundleJar.bundle("t.autostarted", "1.0.0").writeInto(jars).toUri(), OPTIONS);
        plugins.bundle("t.autostarted").start();

        restartManager(() -> { });

        Bundle bundle = plugins.bundle("t.autostarted");
        assertEquals(Bundle.RESOLVED, bundle.getState());
        assertFalse("the framework would start it again at its next start",
                bundle.adapt(BundleStartLevel.class).isPersistentlyStarted());
    }

    @Test
    public void disablingClearsAnAutoStartSetBehindTheManagersBack() throws Exception {
        manager.install(BundleJar.bundle("t.gogo.started", "1.0.0").writeInto(jars).toUri(), OPTIONS);
        plugins.bundle("t.gogo.started").start();

        manager.disable("t.gogo.started", OPTIONS);

        assertFalse(plugins.bundle("t.gogo.started").adapt(BundleStartLevel.class).isPersistentlyStarted());
    }

    @Test
    public void aRestartRestoresAPluginUpdatedBehindTheManagersBackToTheSameVersion() throws Exception {
        Path original = BundleJar.bundle("t.updated", "1.0.0").header("X-Mark", "original")
                .writeInto(jars.resolve("original"));
        Path changed = BundleJar.bundle("t.updated", "1.0.0").header("X-Mark", "changed")
                .writeInto(jars.resolve("changed"));
        manager.install(original.toUri(), OPTIONS.withEnable(true));
        Bundle bundle = plugins.bundle("t.updated");
        long installed = bundle.getLastModified();
        Await.until("the clock to move on", Plugins.BOUND, () -> System.currentTimeMillis() > installed);

        restartManager(() -> {
            try (InputStream in = Files.newInputStream(changed)) {
                bundle.update(in);
            }
        });

        assertEquals("original", plugins.bundle("t.updated").getHeaders().get("X-Mark"));
        assertEquals(Bundle.ACTIVE, plugins.state("t.updated"));
        assertEquals(PluginState.ENABLED, manager.get("t.updated").state());
    }

    @Test
    public void aPluginWhoseBundleIsGoneCanBeRemovedByItsRecord() throws Exception {
        manager.install(BundleJar.bundle("t.gone", "1.0.0").writeInto(jars).toUri(), OPTIONS);
        plugins.bundle("t.gone").uninstall();

        PluginException stuck = assertThrows(PluginException.class, () -> manager.enable("t.gone", OPTIONS));
        assertEquals("t.gone is in the store but not in the framework; restart Plinth to reconcile, or plugin:remove "
                + "t.gone to drop its record", stuck.getMessage());
        manager.remove("t.gone", OPTIONS);

        assertTrue(manager.find("t.gone").isEmpty());
        assertEquals(Operation.Outcome.SUCCEEDED, manager.history(1).get(0).outcome());
    }

    @Test
    public void aFailedUpgradeOfADisabledPluginLeavesItDisabled() throws Exception {
        manager.install(BundleJar.bundle("t.provider", "1.0.0").exports("t.provider.api").writeInto(jars).toUri(),
                OPTIONS);
        manager.install(BundleJar.bundle("t.consumer", "1.0.0").exports("t.consumer.api").imports("t.provider.api")
                .writeInto(jars).toUri(), OPTIONS);
        manager.install(BundleJar.bundle("t.mandatory", "1.0.0")
                .exports("t.mandatory.api;vendor=acme;mandatory:=vendor").writeInto(jars).toUri(), OPTIONS);
        Path resolvesOnlyOnPaper = BundleJar.bundle("t.provider", "2.0.0").exports("t.provider.api")
                .imports("t.mandatory.api").writeInto(jars);

        PluginException failure = assertThrows(PluginException.class,
                () -> manager.upgrade("t.provider", resolvesOnlyOnPaper.toUri(), OPTIONS));

        assertEquals(Code.UNRESOLVED, failure.code());
        PluginInfo provider = manager.get("t.provider");
        assertEquals("1.0.0", provider.version());
        assertEquals(PluginState.INSTALLED, provider.state());
        assertNull(provider.lastError());
        Operation recorded = manager.history(1).get(0);
        assertEquals(Verb.UPGRADE, recorded.verb());
        assertEquals(Operation.Outcome.FAILED, recorded.outcome());
    }

    @Test
    public void aRebuiltStoreKeepsAPluginOthersAreWiredToAPlugin() throws Exception {
        manager.install(BundleJar.bundle("t.shared", "1.0.0").exports("t.shared.api").writeInto(jars).toUri(), OPTIONS);
        manager.install(BundleJar.bundle("t.user", "1.0.0").imports("t.shared.api").writeInto(jars).toUri(), OPTIONS);
        assertEquals(List.of("t.shared"), manager.get("t.user").requires());

        restartManager(() -> {
            Files.writeString(plugins.store().resolve("state.json"), "not json");
            Files.deleteIfExists(plugins.store().resolve("state.previous.json"));
        });

        assertEquals(PluginKind.PLUGIN, manager.get("t.shared").kind());
        assertEquals(PluginKind.PLUGIN, manager.get("t.user").kind());
    }

    @Test
    public void aRollbackKeepsTheSourceOfTheVersionItGoesBackTo() throws Exception {
        manager.install(BundleJar.bundle("t.rolled", "1.0.0").writeInto(jars).toUri(), OPTIONS);
        String firstSource = manager.get("t.rolled").source();
        manager.upgrade("t.rolled", BundleJar.bundle("t.rolled", "2.0.0").writeInto(jars).toUri(), OPTIONS);

        manager.rollback("t.rolled", OPTIONS);

        PluginInfo rolledBack = manager.get("t.rolled");
        assertEquals("1.0.0", rolledBack.version());
        assertEquals(firstSource, rolledBack.source());
    }

    private Path failOnDemand(String id) {
        return withActivator(id, FailOnDemandActivator.class);
    }

    private interface BehindTheBack {
        void run() throws Exception;
    }

    /** Stops the manager, does {@code meanwhile}, starts it again and waits until it has reconciled. */
    private void restartManager(BehindTheBack meanwhile) throws Exception {
        Bundle managerBundle = Bundles.bySymbolicName(context, "dev.plinth.manager");
        managerBundle.stop();
        meanwhile.run();
        managerBundle.start();
        manager = plugins.manager();
        manager.plugins();
    }
}
