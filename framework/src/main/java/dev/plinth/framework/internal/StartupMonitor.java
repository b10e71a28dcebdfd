package dev.plinth.framework.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.SynchronousBundleListener;
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

    /**
     * Waits until no service carries {@link LauncherProperties#STARTUP_PENDING}: bundles hold back the ready
     * line with such a service while they finish their start. Returns what is still pending when the bound
     * passed first, else an empty list.
     */
    public static java.util.List<String> awaitPending(BundleContext context, Duration bound)
            throws InterruptedException {
        String filter = "(" + LauncherProperties.STARTUP_PENDING + "=*)";
        java.util.concurrent.Semaphore changed = new java.util.concurrent.Semaphore(0);
        org.osgi.framework.ServiceListener listener = event -> changed.release();
        try {
            context.addServiceListener(listener, filter);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        try {
            long deadline = System.nanoTime() + bound.toNanos();
            while (true) {
                java.util.List<String> pending = pending(context, filter);
                long left = deadline - System.nanoTime();
                if (pending.isEmpty() || left <= 0) {
                    return pending;
                }
                changed.tryAcquire(Math.min(left, CHECK_INTERVAL_NANOS), TimeUnit.NANOSECONDS);
            }
        } finally {
            context.removeServiceListener(listener);
        }
    }

    /** Why the runtime cannot serve: the values of the services carrying {@link LauncherProperties#STARTUP_FAILED}. */
    public static java.util.List<String> failed(BundleContext context) {
        java.util.List<String> failed = new java.util.ArrayList<>();
        try {
            org.osgi.framework.ServiceReference<?>[] references = context.getAllServiceReferences(null,
                    "(" + LauncherProperties.STARTUP_FAILED + "=*)");
            if (references != null) {
                for (org.osgi.framework.ServiceReference<?> reference : references) {
                    failed.add(String.valueOf(reference.getProperty(LauncherProperties.STARTUP_FAILED)));
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return failed;
    }

    private static java.util.List<String> pending(BundleContext context, String filter) {
        java.util.List<String> pending = new java.util.ArrayList<>();
        try {
            org.osgi.framework.ServiceReference<?>[] references = context.getAllServiceReferences(null, filter);
            if (references != null) {
                for (org.osgi.framework.ServiceReference<?> reference : references) {
                    pending.add(String.valueOf(reference.getProperty(LauncherProperties.STARTUP_PENDING)));
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return pending;
    }

    /**
     * Moves the framework to {@code level} and waits for it; false when the bound passed first. Also returns when
     * the framework starts to stop meanwhile (a console user's {@code shutdown} while the last bundles still
     * start), as the framework then never reports the level.
     */
    public static boolean moveTo(Bundle systemBundle, int level, Duration bound) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        BundleContext context = systemBundle.getBundleContext();
        SynchronousBundleListener stopping = event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                reached.countDown();
            }
        };
        context.addBundleListener(stopping);
        try {
            systemBundle.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> reached.countDown());
            return reached.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            try {
                context.removeBundleListener(stopping);
            } catch (IllegalStateException e) {
                // the framework stopped: its listeners are gone with it
            }
        }
    }

    /** Why {@code bundle} failed to start, as reported by the framework, or null. */
    public Throwable failureOf(Bundle bundle) {
        return failures.get(bundle.getBundleId());
    }

    public void detach(BundleContext systemContext) {
        systemContext.removeFrameworkListener(this);
    }
}
