package dev.plinth.framework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** The ready line waits for services that say a start is still pending, within its bound. */
class StartupMonitorTest {

    @TempDir
    Path storage;

    private Framework framework;

    @BeforeEach
    void start() throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(Map.of("org.osgi.framework.storage", storage.toString()));
        framework.start();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void aPendingServiceHoldsBackUntilTheBoundAndIsReported() throws Exception {
        BundleContext context = framework.getBundleContext();
        ServiceRegistration<Object> pending = context.registerService(Object.class, new Object(),
                FrameworkUtil.asDictionary(Map.of(LauncherProperties.STARTUP_PENDING, "restoring plugins")));
        long started = System.nanoTime();

        List<String> stillPending = StartupMonitor.awaitPending(context, Duration.ofMillis(300));

        assertEquals(List.of("restoring plugins"), stillPending);
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());
        pending.unregister();
        assertEquals(List.of(), StartupMonitor.awaitPending(context, Duration.ofSeconds(10)));
    }

    @Test
    void theWaitEndsWhenThePendingServiceGoes() throws Exception {
        BundleContext context = framework.getBundleContext();
        ServiceRegistration<Object> pending = context.registerService(Object.class, new Object(),
                FrameworkUtil.asDictionary(Map.of(LauncherProperties.STARTUP_PENDING, "work")));
        Thread finisher = new Thread(pending::unregister);
        finisher.start();

        List<String> stillPending = StartupMonitor.awaitPending(context, Duration.ofSeconds(20));

        finisher.join();
        assertEquals(List.of(), stillPending);
    }
}
