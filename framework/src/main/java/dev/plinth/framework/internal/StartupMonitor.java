package dev.plinth.framework.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Watches the framework while it comes up: remembers why a bundle failed to start and tells when
 * the framework has reached its start level.
 */
public final class StartupMonitor implements FrameworkListener {

    private static final long CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Map<Long, Throwable> failures = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);

    public static StartupMonitor attach(BundleContext systemContext) {
        StartupMonitor monitor = new StartupMonitor();
        systemContext.addFrameworkListener(monitor);
        return monitor;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            started.countDown();
        } else if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null
                && event.getBundle().getBundleId() != 0 && event.getThrowable() != null) {
            failures.put(event.getBundle().getBundleId(), event.getThrowable());
        }
    }

    /**
     * Waits until the framework reports it has started; false when the bound passed first or
     * {@code stillStarting} turned false (the framework was stopped meanwhile).
     */
    public boolean awaitStarted(Duration bound, BooleanSupplier stillStarting) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (stillStarting.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (started.await(Math.min(left, CHECK_INTERVAL_NANOS), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Moves the framework to {@code level} and waits for it; false when the bound passed first. */
    public static boolean moveTo(Bundle systemBundle, int level, Duration bound) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        systemBundle.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> reached.countDown());
        return reached.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why {@code bundle} failed to start, as reported by the framework, or null. */
    public Throwable failureOf(Bundle bundle) {
        return failures.get(bundle.getBundleId());
    }

    public void detach(BundleContext systemContext) {
        systemContext.removeFrameworkListener(this);
    }
}
