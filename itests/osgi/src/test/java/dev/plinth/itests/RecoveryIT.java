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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginManager;
import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.common.testing.BundleJar;

/**
 * The manager reconciles the framework to its store when it starts: an operation interrupted before its
 * commit is rolled back, bundles it does not know are removed, missing ones restored.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RecoveryIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(RecoveryIT.class);
    }

    @Test
    public void anInterruptedUpgradeIsRolledBackAndTheFrameworkFollowsTheStore() throws Exception {
        Plugins plugins = new Plugins(context);
        PluginManager manager = plugins.manager();
        manager.install(Samples.uri("dev.plinth.sample.versioned-1"), OPTIONS.withEnable(true));
        manager.install(Samples.uri(Samples.HELLO), OPTIONS.withEnable(true));
        Bundle managerBundle = Bundles.bySymbolicName(context, "dev.plinth.manager");

        managerBundle.stop();
        long sequence = sequence(Files.readString(plugins.store().resolve("state.json")));
        Files.writeString(plugins.store().resolve("intent.json"), "{\"sequence\": " + (sequence + 1)
                + ", \"verb\": \"UPGRADE\", \"target\": \"dev.plinth.sample.versioned\", \"origin\": \"test\", "
                + "\"started\": \"2026-01-01T00:00:00Z\", \"touched\": [\"dev.plinth.sample.versioned\"]}");
        try (InputStream version2 = Files.newInputStream(Samples.jar("dev.plinth.sample.versioned-2"))) {
            plugins.bundle(Samples.VERSIONED).update(version2);
        }
        plugins.bundle(Samples.HELLO).uninstall();
        Path ghost = BundleJar.bundle("test.ghost", "1.0.0").writeInto(plugins.data().resolve("jars"));
        try (InputStream in = Files.newInputStream(ghost)) {
            context.installBundle("plinth:managed/test.ghost", in);
        }
        managerBundle.start();

        PluginManager restarted = plugins.manager();
        assertEquals("1.0.0", restarted.get(Samples.VERSIONED).version());
        assertEquals("versioned 1.0.0: hello", plugins.command("versioned:show"));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.HELLO));
        assertEquals("Hello from Plinth!", plugins.command("sample:hello"));
        assertNull("a bundle the store does not know is removed", plugins.bundle("test.ghost"));
        assertFalse(Files.exists(plugins.store().resolve("intent.json")));
        List<Operation> history = restarted.history(1);
        assertEquals(Operation.Outcome.ROLLED_BACK, history.get(0).outcome());
        assertEquals(Samples.VERSIONED, history.get(0).target());
    }

    @Test
    public void aRemoveInterruptedAfterItsCommitIsCompleted() throws Exception {
        Plugins plugins = new Plugins(context);
        PluginManager manager = plugins.manager();
        manager.install(Samples.uri(Samples.GREETER_FR), OPTIONS.withEnable(true));
        manager.remove(Samples.GREETER_FR, OPTIONS);
        long committed = sequence(Files.readString(plugins.store().resolve("state.json")));
        Bundle managerBundle = Bundles.bySymbolicName(context, "dev.plinth.manager");

        managerBundle.stop();
        Files.writeString(plugins.store().resolve("intent.json"), "{\"sequence\": " + committed
                + ", \"verb\": \"REMOVE\", \"target\": \"dev.plinth.sample.greeter.fr\", \"origin\": \"test\", "
                + "\"started\": \"2026-01-01T00:00:00Z\", \"touched\": [\"dev.plinth.sample.greeter.fr\"]}");
        try (InputStream in = Files.newInputStream(Samples.jar(Samples.GREETER_FR))) {
            context.installBundle("plinth:managed/" + Samples.GREETER_FR, in);
        }
        managerBundle.start();

        PluginManager restarted = plugins.manager();
        assertEquals(Operation.Outcome.COMPLETED, restarted.history(1).get(0).outcome());
        assertNull("the removal was finished", plugins.bundle(Samples.GREETER_FR));
        assertNull("with the library only it needed", plugins.bundle(Samples.GREETING));
        assertFalse(Files.exists(plugins.store().resolve("intent.json")));
    }

    @Test
    public void theStateIsWrittenWholeAtStopAndAChangesFileThatCannotBeReadStopsEveryVerb() throws Exception {
        Plugins plugins = new Plugins(context);
        plugins.manager().install(Samples.uri(Samples.GREETER_EN), OPTIONS.withEnable(true));
        plugins.manager().disable(Samples.GREETER_EN, OPTIONS);
        Path store = plugins.store();
        Path changes = store.resolve("state.changes.jsonl");
        assertTrue("the disable is a line", Files.exists(changes));
        Bundle managerBundle = Bundles.bySymbolicName(context, "dev.plinth.manager");

        managerBundle.stop();
        assertFalse("written whole at stop", Files.exists(changes));
        String whole = Files.readString(store.resolve("state.json"));
        Pattern disabled = Pattern.compile("\"id\": \"" + Pattern.quote(Samples.GREETER_EN)
                + "\",[^}]*\"enabled\": false");
        assertTrue(whole, disabled.matcher(whole).find());

        Files.createDirectory(changes);
        try {
            managerBundle.start();
            PluginException refused = assertThrows(PluginException.class,
                    () -> plugins.manager().enable(Samples.GREETER_EN, OPTIONS));
            assertEquals(Code.IO_ERROR, refused.code());
            assertTrue(refused.getMessage(), refused.getMessage().contains(changes + " is not a regular file")
                    && refused.getMessage().endsWith("no operation is taken until it is fixed and Plinth restarted"));
            assertEquals(Code.IO_ERROR, assertThrows(PluginException.class,
                    () -> plugins.manager().install(Samples.uri(Samples.GREETER_FR), OPTIONS)).code());
            ServiceReference<?>[] failed = context.getServiceReferences((String) null,
                    "(" + PlinthProperties.STARTUP_FAILED + "=*)");
            assertEquals("the launcher is told", refused.getMessage(),
                    failed == null ? null : failed[0].getProperty(PlinthProperties.STARTUP_FAILED));
            managerBundle.stop();
            assertEquals("nothing written while the store could not be read", whole,
                    Files.readString(store.resolve("state.json")));
        } finally {
            Files.delete(changes);
        }

        managerBundle.start();
        plugins.manager().enable(Samples.GREETER_EN, OPTIONS);
        assertNull(context.getServiceReferences((String) null, "(" + PlinthProperties.STARTUP_FAILED + "=*)"));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETER_EN));
    }

    private static long sequence(String state) {
        Matcher matcher = Pattern.compile("\"sequence\":\\s*(\\d+)").matcher(state);
        if (!matcher.find()) {
            throw new AssertionError("no sequence in " + state);
        }
        return Long.parseLong(matcher.group(1));
    }
}
