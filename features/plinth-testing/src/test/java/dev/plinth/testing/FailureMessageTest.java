package dev.plinth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.opentest4j.AssertionFailedError;

/** A test class whose plugin the manager refuses fails before any test, quoting the manager. */
class FailureMessageTest {

    @PlinthTest(plugin = "dev.plinth.sample.unresolvable")
    static class Unresolvable {
        @Test
        void neverRuns() {
        }
    }

    @PlinthTest(plugin = "dev.plinth.sample.throwing")
    static class Throwing {
        @Test
        void neverRuns() {
        }
    }

    /** plinth-testing's own target/classes is no bundle: the plugin under test has no manifest. */
    @PlinthTest
    static class WithoutManifest {
        @Test
        void neverRuns() {
        }
    }

    @Test
    void aProjectWithoutABundleManifestIsToldToRunThroughMaven() {
        Throwable failure = runAndFail(WithoutManifest.class);
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().startsWith("no plugin to test: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("META-INF/MANIFEST.MF does not exist. bnd-maven-plugin writes it at"
                + " process-classes: run the tests through Maven"), failure.getMessage());
    }

    @Test
    void anUnresolvablePluginFailsTheClassWithTheManagersMessage() {
        Throwable failure = runAndFail(Unresolvable.class);
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().startsWith("plugin dev.plinth.sample.unresolvable needs package"
                + " dev.plinth.sample.missing [1.2.0,2.0.0), which no installed plugin or library provides"),
                failure.getMessage());
    }

    @Test
    void aPluginThatCannotStartFailsTheClassWithTheManagersMessage() {
        Throwable failure = runAndFail(Throwing.class);
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().contains("dev.plinth.sample.throwing"), failure.getMessage());
        assertTrue(!failure.getMessage().contains("org.apache.felix.framework"), failure.getMessage());
    }

    private static Throwable runAndFail(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertEquals(0, summary.getTestsSucceededCount());
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertEquals(1, failures.size(), failures.toString());
        return failures.get(0).getException();
    }
}
