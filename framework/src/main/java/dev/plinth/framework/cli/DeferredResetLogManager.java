package dev.plinth.framework.cli;

import java.util.logging.LogManager;

/**
 * The java.util.logging manager of {@code bin/plinth}
 * ({@code -Djava.util.logging.manager=dev.plinth.framework.cli.DeferredResetLogManager}). The JDK's
 * own shutdown hook resets the logging configuration, removing every handler, while Plinth's hook
 * is still stopping the plugins: what they log through java.util.logging then would be lost. While
 * the launcher {@link #hold() holds} it, a reset asked for during the JVM's shutdown waits until
 * the launcher {@link #release() releases} it, after the framework has stopped.
 */
public final class DeferredResetLogManager extends LogManager {

    private static final Object STATE = new Object();
    private static boolean held;
    /** The manager whose reset waits for {@link #release()}, or null. */
    private static DeferredResetLogManager pending;

    /** Called by the JDK, which creates the log manager named by {@code java.util.logging.manager}. */
    public DeferredResetLogManager() {
    }

    @Override
    public void reset() {
        synchronized (STATE) {
            if (held && shuttingDown()) {
                pending = this;
                return;
            }
        }
        super.reset();
    }

    /**
     * Defers a shutdown reset from now on. Does not touch java.util.logging, which reads its
     * configuration file only once the launcher has set it.
     */
    static void hold() {
        synchronized (STATE) {
            held = true;
        }
    }

    /** Ends the deferral and runs the reset the JVM's shutdown asked for meanwhile. */
    static void release() {
        DeferredResetLogManager manager;
        synchronized (STATE) {
            held = false;
            manager = pending;
            pending = null;
        }
        if (manager != null) {
            manager.resetNow();
        }
    }

    private void resetNow() {
        super.reset();
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> {
        });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
