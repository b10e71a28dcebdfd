package dev.plinth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.opentest4j.AssertionFailedError;

import dev.plinth.api.Options;
import dev.plinth.common.testing.BundleJar;
import dev.plinth.testing.broken.BrokenGreeter;
import dev.plinth.testing.broken.Lonely;

/**
 * A plugin whose Declarative Services component cannot work is enabled fine by the manager (SCR activates delayed
 * components lazily): the test runtime says so at once, naming the component and its failure, and keeps the log.
 */
class ComponentFailureTest {

    private static final String BROKEN = "dev.plinth.testing.broken";
    private static final String LONELY = "dev.plinth.testing.lonely";

    @TempDir
    static Path jars;

    static Path broken;
    static Path lonely;

    /**
     * The broken component's service is its own class, which the test's class path holds too (as a plugin's test
     * does): the system bundle sees that service only among all services, not as assignable to its own class.
     */
    @BeforeAll
    static void fixtures() {
        broken = BundleJar.bundle(BROKEN, "1.0.0").header("Service-Component", "OSGI-INF/greeter.xml")
                .entry("OSGI-INF/greeter.xml", """
                        <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0"
                            name="dev.plinth.testing.broken.BrokenGreeter" activate="activate">
                          <implementation class="dev.plinth.testing.broken.BrokenGreeter"/>
                          <service><provide interface="dev.plinth.testing.broken.BrokenGreeter"/></service>
                        </scr:component>
                        """).classOf(BrokenGreeter.class).writeInto(jars);
        lonely = BundleJar.bundle(LONELY, "1.0.0")
                .header("Service-Component", "OSGI-INF/reference.xml,OSGI-INF/configuration.xml")
                .entry("OSGI-INF/reference.xml", """
                        <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0"
                            name="dev.plinth.testing.broken.Referring">
                          <implementation class="dev.plinth.testing.broken.Lonely"/>
                          <service><provide interface="java.lang.Runnable"/></service>
                          <reference name="nobody" interface="dev.plinth.testing.broken.Nobody"
                              cardinality="1..1" policy="static"/>
                        </scr:component>
                        """)
                .entry("OSGI-INF/configuration.xml", """
                        <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0"
                            name="dev.plinth.testing.broken.Configured" configuration-policy="require"
                            configuration-pid="dev.plinth.testing.broken.settings">
                          <implementation class="dev.plinth.testing.broken.Lonely"/>
                        </scr:component>
                        """).classOf(Lonely.class).writeInto(jars);
    }

    @AfterAll
    static void noPluginProperty() {
        System.clearProperty(PlinthExtension.PLUGIN_PROPERTY);
    }

    @Test
    void aComponentThatThrowsOnActivateFailsTheStartNamingItsFailure() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> PlinthRuntime.start(new PlinthRuntime.Options().plugin(broken)).close());
        assertEquals(BROKEN + " 1.0.0 is enabled, but its component dev.plinth.testing.broken.BrokenGreeter failed"
                + " to activate: java.lang.IllegalStateException: greeter broken on purpose", failure.getMessage());
    }

    @Test
    void anUnsatisfiedReferenceFailsTheStartNamingItButAComponentWaitingForItsSettingsDoesNot() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> PlinthRuntime.start(new PlinthRuntime.Options().plugin(lonely)).close());
        String message = failure.getMessage();
        assertTrue(message.contains(LONELY + " 1.0.0 is enabled, but its component dev.plinth.testing.broken"
                + ".Referring is unsatisfied: no service for its reference nobody"
                + " (dev.plinth.testing.broken.Nobody)"), message);
        assertFalse(message.contains("Configured"), "waiting for its settings is no failure: " + message);
    }

    @Test
    void aFailedCommandAddsThePluginsComponentFailures() throws Exception {
        try (PlinthRuntime runtime = PlinthRuntime.start(new PlinthRuntime.Options().plugin(broken).enable(false))) {
            runtime.manager().enable(BROKEN, Options.DEFAULT);
            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    () -> runtime.execute("nosuch:command"));
            assertTrue(failure.getMessage().startsWith("command failed: nosuch:command: "), failure.getMessage());
            assertTrue(failure.getMessage().endsWith("\n" + BROKEN + "'s components: dev.plinth.testing.broken"
                    + ".BrokenGreeter failed to activate: java.lang.IllegalStateException: greeter broken on purpose"),
                    failure.getMessage());
        }
    }

    /** Its plugin is the broken one, through the system property. */
    @PlinthTest
    static class Broken {
        @Test
        void neverRuns() {
        }
    }

    @PlinthTest(plugin = "dev.plinth.sample.versioned")
    static class Failing {
        @Test
        void fails() {
            throw new AssertionFailedError("the test's own failure");
        }
    }

    @PlinthTest(plugin = "dev.plinth.sample.versioned")
    static class Passing {
        @Test
        void passes() {
        }
    }

    @Test
    void aClassWhosePluginFailsKeepsTheLogAndSaysWhere() throws IOException {
        Path log = kept(Broken.class);
        System.setProperty(PlinthExtension.PLUGIN_PROPERTY, broken.toString());
        Throwable failure;
        try {
            failure = runAndFail(Broken.class);
        } finally {
            System.clearProperty(PlinthExtension.PLUGIN_PROPERTY);
        }
        assertTrue(failure.getMessage().startsWith(BROKEN + " 1.0.0 is enabled, but its component"),
                failure.getMessage());
        assertTrue(failure.getMessage().endsWith("\n(the test runtime's log is kept in " + log + ")"),
                failure.getMessage());
        assertTrue(Files.readString(log).contains("greeter broken on purpose"), "the log holds the failure");
    }

    @Test
    void aFailedTestKeepsTheLogAndSaysWhere() {
        Path log = kept(Failing.class);
        Throwable failure = runAndFail(Failing.class);
        assertEquals("the test's own failure\n(the test runtime's log is kept in " + log + ")", failure.getMessage());
        assertTrue(Files.isRegularFile(log), log.toString());
    }

    @Test
    void aPassingClassKeepsNoLog() {
        Path log = kept(Passing.class);
        SummaryGeneratingListener listener = run(Passing.class);
        assertEquals(1, listener.getSummary().getTestsSucceededCount(), listener.getSummary().getFailures()::toString);
        assertFalse(Files.exists(log), log.toString());
    }

    private static Path kept(Class<?> testClass) {
        Path log = Path.of("target", "plinth-testing", testClass.getName() + ".log").toAbsolutePath();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new AssertionFailedError("cannot delete " + log, e);
        }
        return log;
    }

    private static SummaryGeneratingListener run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), listener);
        return listener;
    }

    private static Throwable runAndFail(Class<?> testClass) {
        TestExecutionSummary summary = run(testClass).getSummary();
        assertEquals(0, summary.getTestsSucceededCount());
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertEquals(1, failures.size(), failures.toString());
        return failures.get(0).getException();
    }
}
