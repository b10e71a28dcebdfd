package dev.plinth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginState;

/** Runtimes one after the other in one JVM: each on a home of its own, nothing left of the one before. */
class RuntimeLifecycleTest {

    private static final Set<String> FRAMEWORK_THREADS = Set.of("FelixStartLevel", "FelixDispatchQueue",
            "FelixFrameworkWiring");

    @Test
    void eachRuntimeHasItsOwnHomeAndLeavesNothingBehind() throws Exception {
        Path first;
        try (PlinthRuntime runtime = PlinthRuntime.start(options())) {
            first = runtime.home();
            assertEquals(PluginState.ENABLED, runtime.plugin().state());
        }
        assertFalse(Files.exists(first), "the first runtime's home is deleted");
        assertEquals(List.of(), frameworkThreadsWithin(Duration.ofSeconds(10)));
        try (PlinthRuntime runtime = PlinthRuntime.start(options())) {
            assertNotEquals(first, runtime.home());
            assertEquals("1.0.0", runtime.plugin().version());
        }
    }

    @Test
    void upgradeRunsTheOtherBuildThroughTheManager() {
        try (PlinthRuntime runtime = PlinthRuntime.start(options())) {
            assertEquals("versioned 1.0.0: hello", runtime.execute("versioned:show"));
            Path two = runtime.bundle("dev.plinth.sample.versioned", "2.0.0");
            assertEquals("2.0.0", runtime.upgrade(two).version());
            assertEquals(PluginState.ENABLED, runtime.plugin().state());
            assertTrue(runtime.execute("versioned:show").startsWith("versioned 2.0.0"), runtime.execute("versioned:show"));
        }
    }

    private static PlinthRuntime.Options options() {
        return new PlinthRuntime.Options().plugin(
                dev.plinth.testing.internal.Archives.find("dev.plinth.sample.versioned", "1.0.0").location());
    }

    private static List<String> frameworkThreadsWithin(Duration bound) throws InterruptedException {
        Instant end = Instant.now().plus(bound);
        List<String> left = frameworkThreads();
        while (!left.isEmpty() && Instant.now().isBefore(end)) {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (FRAMEWORK_THREADS.contains(thread.getName())) {
                    thread.join(Duration.between(Instant.now(), end).toMillis() + 1);
                }
            }
            left = frameworkThreads();
        }
        return left;
    }

    private static List<String> frameworkThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(FRAMEWORK_THREADS::contains).toList();
    }
}
