package dev.plinth.itests.blackbox;

import java.util.Arrays;
import java.util.logging.Logger;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into a test bundle by {@link TestBundles#loggingThroughJul}: logs through java.util.logging
 * once the runtime has bridged it to its log (a line the test can wait for), and again while it stops.
 */
public final class JulLoggingActivator implements BundleActivator {

    public static final String BRIDGED = "jul line logged once bridged";
    public static final String STOPPING = "jul line logged while stopping";

    private static final Logger LOG = Logger.getLogger("dev.plinth.itests.jul");

    @Override
    public void start(BundleContext context) {
        Thread announce = new Thread(() -> {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!bridged() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            LOG.info(BRIDGED);
        }, "jul-announce");
        announce.setDaemon(true);
        announce.start();
    }

    private static boolean bridged() {
        return Arrays.stream(Logger.getLogger("").getHandlers())
                .anyMatch(handler -> handler.getClass().getName().equals("org.slf4j.bridge.SLF4JBridgeHandler"));
    }

    @Override
    public void stop(BundleContext context) {
        LOG.info(STOPPING);
    }
}
