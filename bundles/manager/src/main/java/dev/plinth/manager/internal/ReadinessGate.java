package dev.plinth.manager.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.Logger;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.plugin.PlinthProperties;

/**
 * Holds calls back until the manager has recovered at activation: verbs wait (and are refused as BUSY after a
 * bound), reads wait and then show what there is. Until the manager withdraws it, a
 * {@link PlinthProperties#STARTUP_PENDING} service says that the manager is still restoring plugins.
 */
final class ReadinessGate {

    private static final Duration READY_BOUND = Duration.ofMinutes(5);

    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile String broken;
    private final ServiceRegistration<Object> startupPending;
    private final BundleContext context;
    private final Logger log;
    private volatile ServiceRegistration<Object> startupFailed;

    ReadinessGate(BundleContext context, Logger log) {
        this.context = context;
        this.log = log;
        this.startupPending = context.registerService(Object.class, new Object(),
                FrameworkUtil.asDictionary(Map.of(PlinthProperties.STARTUP_PENDING,
                        "the plugin manager is restoring plugins")));
    }

    /** Lets every waiting and later call through. */
    void open() {
        ready.countDown();
    }

    /**
     * Opens the gate to reads only: the manager could not recover, so every verb is refused with {@code reason}
     * (fail closed: an operation planned on a state that could not be read would overwrite it). A
     * {@link PlinthProperties#STARTUP_FAILED} service says it to the launcher: a background start fails with the
     * reason, the console and exec show it.
     */
    void openBroken(String reason) {
        broken = reason;
        startupFailed = context.registerService(Object.class, new Object(),
                FrameworkUtil.asDictionary(Map.of(PlinthProperties.STARTUP_FAILED, reason)));
        ready.countDown();
    }

    boolean isOpen() {
        return ready.getCount() == 0;
    }

    /**
     * Waits until the gate opens; refused as BUSY when it stays shut beyond the bound or the wait is interrupted, and
     * as IO_ERROR when it opened {@linkplain #openBroken broken}.
     */
    void await() throws PluginException {
        try {
            if (!ready.await(READY_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PluginException(Code.BUSY, "the plugin manager is still reconciling the framework");
            }
            if (broken != null) {
                throw new PluginException(Code.IO_ERROR, broken);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(Code.BUSY, "interrupted while waiting for the plugin manager");
        }
    }

    /** Waits as {@link #await} does, for reads: a gate still shut is logged, and the read goes on. */
    void awaitQuietly() {
        try {
            await();
        } catch (PluginException e) {
            if (broken == null) {
                log.warn("{}", e.getMessage());
            }
        }
    }

    /** Whether the manager recovered: false when the gate opened broken. */
    boolean recovered() {
        return isOpen() && broken == null;
    }

    /** Withdraws the pending service (recovery is over, or the manager stops); idempotent. */
    void withdrawPending() {
        withdraw(startupPending);
    }

    /** Withdraws the pending service and the failure's (the manager stops); idempotent. */
    void close() {
        withdraw(startupPending);
        withdraw(startupFailed);
    }

    private static void withdraw(ServiceRegistration<Object> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered
        }
    }
}
