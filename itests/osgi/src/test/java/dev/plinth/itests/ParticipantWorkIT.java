package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.osgi.framework.ServiceRegistration;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginState;
import dev.plinth.api.extension.OperationContext;
import dev.plinth.api.extension.OperationParticipant;
import dev.plinth.common.testing.BundleJar;

/**
 * An extension's own work in an operation ({@link OperationParticipant#apply}): done once the bundle changes are made
 * and resolved and before the plugin starts, never in a dry run; its failure undoes the operation, and a failure
 * after it takes the work back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ParticipantWorkIT extends PluginsFixture {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile PluginException refusal;
    private ServiceRegistration<OperationParticipant> registration;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(ParticipantWorkIT.class, PlinthRuntime.QUICK_START_ETC);
    }

    @Before
    public void registerParticipant() {
        registration = context.registerService(OperationParticipant.class, new OperationParticipant() {
            @Override
            public void check(Plan plan) {
            }

            @Override
            public Work apply(Plan plan, OperationContext context) throws PluginException {
                Bundle bundle = plugins.bundle(plan.target());
                calls.add("apply " + plan.verb().label() + " " + plan.target() + " " + bundle.getVersion() + " "
                        + state(bundle));
                if (refusal != null) {
                    throw refusal;
                }
                return () -> calls.add("undo " + plan.target() + " " + state(plugins.bundle(plan.target())));
            }
        }, null);
    }

    @After
    public void unregisterParticipant() {
        registration.unregister();
    }

    @Test
    public void theWorkIsDoneWithTheNewVersionResolvedAndNotYetStarted() throws Exception {
        manager.install(version("t.work", "1.0.0", null).toUri(), OPTIONS.withEnable(true));
        calls.clear();

        manager.upgrade("t.work", version("t.work", "2.0.0", null).toUri(), OPTIONS);

        assertEquals(List.of("apply upgrade t.work 2.0.0 RESOLVED"), calls);
        assertEquals(PluginState.ENABLED, manager.get("t.work").state());
        assertEquals("2.0.0", manager.get("t.work").version());
    }

    @Test
    public void aDryRunDoesNoWork() throws Exception {
        manager.install(version("t.dry", "1.0.0", null).toUri(), OPTIONS.withEnable(true));
        calls.clear();

        manager.upgrade("t.dry", version("t.dry", "2.0.0", null).toUri(), OPTIONS.withSimulate(true));

        assertEquals(List.of(), calls);
    }

    @Test
    public void workThatFailsUndoesTheOperation() throws Exception {
        manager.install(version("t.refused", "1.0.0", null).toUri(), OPTIONS.withEnable(true));
        refusal = new PluginException(Code.MIGRATION_FAILED, "migration 2 failed");

        PluginException failure = assertThrows(PluginException.class, () -> manager.upgrade("t.refused",
                version("t.refused", "2.0.0", null).toUri(), OPTIONS));

        assertSame(refusal, failure);
        assertEquals("1.0.0", manager.get("t.refused").version());
        assertEquals(PluginState.ENABLED, manager.get("t.refused").state());
        assertEquals(Bundle.ACTIVE, plugins.state("t.refused"));
    }

    @Test
    public void aFailureAfterTheWorkTakesItBackWhileThePluginIsStopped() throws Exception {
        manager.install(version("t.later", "1.0.0", null).toUri(), OPTIONS.withEnable(true));
        calls.clear();

        PluginException failure = assertThrows(PluginException.class, () -> manager.upgrade("t.later",
                version("t.later", "2.0.0", RefusingActivator.class).toUri(), OPTIONS));

        assertEquals(Code.START_FAILED, failure.code());
        assertEquals(List.of("apply upgrade t.later 2.0.0 RESOLVED", "undo t.later RESOLVED"), calls);
        assertEquals("1.0.0", manager.get("t.later").version());
        assertEquals(Bundle.ACTIVE, plugins.state("t.later"));
    }

    @Test
    public void eachPluginOfABatchGetsItsOwnWorkAndItsOwnFailure() throws Exception {
        refusal = null;
        Path kept = version("t.batch.kept", "1.0.0", null);
        Path failing = version("t.batch.failing", "1.0.0", RefusingActivator.class);

        List<BatchResult> results = manager.installAll(List.of(kept.toUri(), failing.toUri()),
                OPTIONS.withEnable(true));

        assertTrue(calls.contains("apply install t.batch.kept 1.0.0 RESOLVED"));
        assertTrue(calls.contains("apply install t.batch.failing 1.0.0 RESOLVED"));
        assertTrue(calls.toString(), calls.contains("undo t.batch.failing RESOLVED"));
        assertTrue(calls.toString(), calls.stream().noneMatch(call -> call.startsWith("undo t.batch.kept")));
        assertEquals(2, results.size());
        assertEquals(PluginState.ENABLED, manager.get("t.batch.kept").state());
        assertTrue(manager.find("t.batch.failing").isEmpty());
    }

    private Path version(String id, String version, Class<?> activator) {
        BundleJar jar = BundleJar.bundle(id, version).imports("org.osgi.framework");
        if (activator != null) {
            jar.activator(activator);
        }
        return jar.writeInto(jars);
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
