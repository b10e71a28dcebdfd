package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
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

import dev.plinth.api.Batch;
import dev.plinth.api.BatchResult;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginKind;
import dev.plinth.common.testing.BundleJar;

/** The manager's batch verbs (what the deploy directory uses for bursts): each item succeeds or fails alone. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BatchVerbsIT extends PluginsFixture {

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(BatchVerbsIT.class, PlinthRuntime.QUICK_START_ETC);
    }

    @Test
    public void aBatchInstallKeepsWhatWorksAndReportsEachFailure() throws Exception {
        Path text = Files.writeString(jars.resolve("notes.jar"), "not a jar");
        List<URI> sources = List.of(Samples.uri("dev.plinth.sample.hello"), text.toUri(),
                Samples.uri("dev.plinth.sample.unresolvable"), Samples.uri("dev.plinth.sample.greeter.en"),
                Samples.uri("dev.plinth.sample.throwing"));

        List<BatchResult> results = manager.installAll(sources, OPTIONS.withEnable(true));

        assertEquals(5, results.size());
        assertNull(results.get(0).failure());
        assertEquals(Code.INVALID_ARCHIVE, results.get(1).failure().code());
        assertEquals(Code.UNRESOLVED, results.get(2).failure().code());
        assertTrue(results.get(2).failure().getMessage(), results.get(2).failure().getMessage().contains("needs"));
        assertNull(results.get(3).failure());
        assertEquals(Code.START_FAILED, results.get(4).failure().code());
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.HELLO));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETER_EN));
        assertEquals(PluginKind.LIBRARY, manager.get(Samples.GREETING).kind());
        assertTrue(manager.find(Samples.UNRESOLVABLE).isEmpty());
        assertTrue(manager.find(Samples.THROWING).isEmpty());
        assertEquals(Bundle.UNINSTALLED, plugins.state(Samples.THROWING));
        assertEquals(List.of(Samples.GREETER_EN, Samples.HELLO),
                manager.plugins().stream().map(info -> info.id()).toList());
    }

    @Test
    public void archivesOfABatchMayNeedEachOtherAndTwoOfOnePluginAreRefused() throws Exception {
        Path consumer = BundleJar.bundle("it.batch.consumer", "1.0.0").imports("it.batch.api").writeInto(jars);
        Path provider = BundleJar.bundle("it.batch.provider", "1.0.0").exports("it.batch.api")
                .entry("it/batch/api/marker.txt", "x").writeInto(jars);
        Path again = Files.copy(provider, jars.resolve("again.jar"));

        List<BatchResult> results = manager.installAll(List.of(consumer.toUri(), provider.toUri(), again.toUri()),
                OPTIONS.withEnable(true));

        assertTrue(results.get(0).succeeded());
        assertTrue(results.get(1).succeeded());
        assertEquals(Code.DUPLICATE, results.get(2).failure().code());
        assertEquals(Bundle.ACTIVE, plugins.state("it.batch.consumer"));
        assertEquals(List.of("it.batch.provider"), manager.get("it.batch.consumer").requires());
    }

    @Test
    public void theSameArchiveTwiceInABatchIsInstalledOnceAndRefusedOnce() throws Exception {
        URI hello = Samples.uri("dev.plinth.sample.hello");

        List<BatchResult> results = manager.installAll(List.of(hello, hello), OPTIONS.withEnable(true));

        assertTrue(results.get(0).succeeded());
        assertEquals(Code.DUPLICATE, results.get(1).failure().code());
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.HELLO));
    }

    @Test
    public void aBatchRemovalRefusesOnlyWhatOthersStillNeed() throws Exception {
        manager.installAll(List.of(Samples.uri("dev.plinth.sample.greeter.en"),
                Samples.uri("dev.plinth.sample.greeter.fr"), Samples.uri("dev.plinth.sample.hello")),
                OPTIONS.withEnable(true));

        List<BatchResult> results = manager.removeAll(List.of(Samples.GREETER_EN, Samples.GREETING, "absent"),
                OPTIONS);

        assertTrue(results.get(0).succeeded());
        assertEquals(Code.HAS_DEPENDENTS, results.get(1).failure().code());
        assertTrue(results.get(1).failure().getMessage().contains(Samples.GREETER_FR));
        assertEquals(Code.NOT_FOUND, results.get(2).failure().code());
        assertEquals(Bundle.UNINSTALLED, plugins.state(Samples.GREETER_EN));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETING));

        List<BatchResult> rest = manager.removeAll(List.of(Samples.GREETER_FR, Samples.HELLO), OPTIONS);

        assertTrue(rest.stream().allMatch(BatchResult::succeeded));
        assertEquals(Bundle.UNINSTALLED, plugins.state(Samples.GREETING));
        assertTrue(manager.libraries().isEmpty());
    }

    @Test
    public void aBatchDryRunShowsThePlanWithTheRefusalsAndChangesNothing() throws Exception {
        Path text = Files.writeString(jars.resolve("notes.jar"), "not a jar");
        List<URI> sources = List.of(Samples.uri("dev.plinth.sample.greeter.en"), text.toUri(),
                Samples.uri("dev.plinth.sample.unresolvable"), Samples.uri("dev.plinth.sample.hello"));
        long history = manager.history(Integer.MAX_VALUE).size();

        Batch batch = manager.installBatch(sources, OPTIONS.withEnable(true).withSimulate(true));

        assertTrue(batch.plan().simulated());
        assertEquals(List.of("add-library " + Samples.GREETING, "install " + Samples.GREETER_EN,
                "install " + Samples.HELLO, "start " + Samples.GREETING, "start " + Samples.GREETER_EN,
                "start " + Samples.HELLO), steps(batch.plan()));
        assertNull(batch.results().get(0).failure());
        assertEquals(Code.INVALID_ARCHIVE, batch.results().get(1).failure().code());
        assertEquals(Code.UNRESOLVED, batch.results().get(2).failure().code());
        assertNull(batch.results().get(3).failure());
        assertTrue(manager.plugins().isEmpty());
        assertTrue(manager.libraries().isEmpty());
        assertEquals(Bundle.UNINSTALLED, plugins.state(Samples.GREETER_EN));
        assertEquals(history, manager.history(Integer.MAX_VALUE).size());

        Batch done = manager.installBatch(sources, OPTIONS.withEnable(true));

        assertEquals(steps(batch.plan()), steps(done.plan()));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETER_EN));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.HELLO));
    }

    @Test
    public void aBatchRemovalDryRunShowsThePlanAndChangesNothing() throws Exception {
        manager.installAll(List.of(Samples.uri("dev.plinth.sample.greeter.en"), Samples.uri("dev.plinth.sample.hello")),
                OPTIONS.withEnable(true));

        Batch batch = manager.removeBatch(List.of(Samples.GREETER_EN, Samples.HELLO), OPTIONS.withSimulate(true));

        assertTrue(batch.plan().simulated());
        assertTrue(steps(batch.plan()).contains("drop-library " + Samples.GREETING));
        assertTrue(batch.results().stream().allMatch(BatchResult::succeeded));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETER_EN));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETING));
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(step -> step.action().label() + " " + step.id()).toList();
    }
}
